package config

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
)

// The names Find looks for, in this order.
const (
	FileName    = ".triggerlint.yaml"
	AltFileName = ".triggerlint.yml"
)

// MaxSize is the largest config file Load reads, in bytes.
const MaxSize = 1 << 20

// Config is a decoded config file. Its zero value is a config with every
// default: all files, the default rules, fail at errors, nothing ignored.
type Config struct {
	// Path is the file, as Load was given it; findings about its entries
	// name it so.
	Path string
	// Dir is the absolute folder of the file: globs are relative to it.
	Dir string
	// Files and Exclude are doublestar globs. An empty Files selects every
	// file.
	Files, Exclude []string
	// Rules are the top-level rule settings.
	Rules RuleSettings
	// Overrides apply to the files their globs match, in order, after
	// Rules.
	Overrides []Override
	// Ignore are the entries that suppress findings of lint and validate.
	Ignore []Exemption
	// Accept are the diff.accept entries that accept changes.
	Accept []Exemption

	failSeverity findings.Severity // 0 when the file does not set it
}

// Position is a line and column in the config file, both 1-based; columns
// count bytes.
type Position struct {
	Line, Column int
}

// RuleSettings is a `rules` block: rules turned on, turned off, and their
// severities.
type RuleSettings struct {
	Enable, Disable []string // patterns: "all", IDs, names or globs
	Severity        []Level  // in the order of the file
}

// Level sets the severity of the rules a pattern matches; Off turns them
// off instead (Severity is then findings.None).
type Level struct {
	Pattern  string
	Severity findings.Severity
	Off      bool
}

// Override is rule settings for the files its globs match.
type Override struct {
	Files []string
	Rules RuleSettings
	Pos   Position
}

// Exemption is an `ignore` or a `diff.accept` entry.
type Exemption struct {
	// Rule is the rule (or, in diff.accept, change kind) pattern as
	// written, and IDs the catalogue IDs it names.
	Rule string
	IDs  []string
	// File is a glob relative to the config folder; "**" when left out.
	File string
	// Pointer is an RFC 6901 pointer or a prefix ending in "/**"; "/**"
	// when left out.
	Pointer string
	Reason  string
	// Index is the entry's place in its list; Pos its position.
	Index int
	Pos   Position
}

// Find looks for FileName, then AltFileName, in dir and the folders above
// it, up to and including the repository root (the first folder that holds
// .git) or the file system's root. It returns "" when there is none. The
// path returned is relative when dir is. A name taken by something that is
// not a regular file, such as a folder, is a *NotRegularError.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	relative := func(p string) string {
		if !filepath.IsAbs(dir) {
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, p); err == nil {
					return rel
				}
			}
		}
		return p
	}
	for d := abs; ; {
		var found []string
		for _, name := range []string{FileName, AltFileName} {
			p := filepath.Join(d, name)
			info, err := os.Stat(p)
			if err != nil {
				continue
			}
			if !info.Mode().IsRegular() {
				return "", &NotRegularError{Name: relative(p), Mode: info.Mode()}
			}
			found = append(found, p)
		}
		if len(found) > 1 {
			return "", &FindError{Dir: d}
		}
		if len(found) == 1 {
			return relative(found[0]), nil
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// Load reads and decodes a config file, checking its rule and change
// patterns against a catalogue (the entries of every rule, payload rule and
// change kind). The error is an ErrorList for mistakes in the file.
func Load(name string, catalogue []findings.Entry) (*Config, error) {
	// Stat first: opening a named pipe would wait for a writer.
	if info, err := os.Stat(name); err == nil && !info.Mode().IsRegular() {
		return nil, &NotRegularError{Name: name, Mode: info.Mode()}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Name: name, Mode: info.Mode()}
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(src) > MaxSize {
		return nil, fmt.Errorf("config %s: got more than %d bytes, want at most %d", name, MaxSize, MaxSize)
	}
	return Parse(name, src, catalogue)
}

// Parse decodes a config file named name (its folder is the base of the
// globs) from src, as Load does.
func Parse(name string, src []byte, catalogue []findings.Entry) (*Config, error) {
	dir, err := filepath.Abs(filepath.Dir(name))
	if err != nil {
		return nil, err
	}
	c := &Config{Path: name, Dir: dir}
	d := &decoder{name: name, src: src, cat: catalogue}
	d.decode(c)
	d.errs.sort()
	if err := d.errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// FailSeverity returns the fail-severity the file sets, and whether it
// sets one (findings.None: nothing fails).
func (c *Config) FailSeverity() (findings.Severity, bool) {
	return c.failSeverity, c.failSeverity != 0
}

// rel returns a path relative to the config folder in slash form, and
// whether the path lies inside it. Relative paths are taken from the
// working directory.
func (c *Config) rel(name string) (string, bool) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", false
	}
	r, err := filepath.Rel(c.Dir, abs)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}

// matchGlob reports whether a glob matches a slash path relative to the
// config folder, or one of the folders it lies in.
func matchGlob(glob, rel string) bool {
	for p := rel; p != "." && p != ""; p = path.Dir(p) {
		if ok, _ := doublestar.Match(glob, p); ok {
			return true
		}
	}
	return false
}

func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if matchGlob(g, rel) {
			return true
		}
	}
	return false
}

// Includes reports whether the config's files and exclude globs select a
// file. A file outside the config folder is selected only when Files is
// empty.
func (c *Config) Includes(name string) bool {
	rel, ok := c.rel(name)
	if !ok {
		return len(c.Files) == 0
	}
	if len(c.Files) > 0 && !matchAny(c.Files, rel) {
		return false
	}
	return !matchAny(c.Exclude, rel)
}

// Selected returns the rule selection for a file: the top-level rules, then
// the rules of every override whose files match it, in order. Append the
// command line's toggles and severities after these, so that they win.
func (c *Config) Selected(name string) lint.SelectOptions {
	var opts lint.SelectOptions
	c.Rules.appendTo(&opts)
	if len(c.Overrides) == 0 {
		return opts
	}
	rel, ok := c.rel(name)
	if !ok {
		return opts
	}
	for _, o := range c.Overrides {
		if matchAny(o.Files, rel) {
			o.Rules.appendTo(&opts)
		}
	}
	return opts
}

// specificity orders patterns: "all" first, then globs, then IDs and
// names.
func specificity(pat string) int {
	switch {
	case pat == "all":
		return 0
	case strings.ContainsAny(pat, "*?["):
		return 1
	}
	return 2
}

// appendTo adds the block's toggles and severities to opts, the least
// specific patterns first.
func (rs RuleSettings) appendTo(opts *lint.SelectOptions) {
	var toggles []lint.Toggle
	for _, p := range rs.Enable {
		toggles = append(toggles, lint.Toggle{Pattern: p, On: true})
	}
	for _, p := range rs.Disable {
		toggles = append(toggles, lint.Toggle{Pattern: p, On: false})
	}
	var sevs []lint.SeverityOverride
	for _, l := range rs.Severity {
		if l.Off {
			toggles = append(toggles, lint.Toggle{Pattern: l.Pattern, On: false})
			continue
		}
		sevs = append(sevs, lint.SeverityOverride{Pattern: l.Pattern, Severity: l.Severity})
	}
	sort.SliceStable(toggles, func(i, j int) bool { return specificity(toggles[i].Pattern) < specificity(toggles[j].Pattern) })
	sort.SliceStable(sevs, func(i, j int) bool { return specificity(sevs[i].Pattern) < specificity(sevs[j].Pattern) })
	opts.Toggles = append(opts.Toggles, toggles...)
	opts.Severity = append(opts.Severity, sevs...)
}

// Ignores returns the ignore entries as waivers for findings.Suppress.
// They match the file names of findings as the command line gave them
// (relative to the working directory, or absolute).
func (c *Config) Ignores() []findings.Waiver {
	return c.waivers(c.Ignore, findings.Ignored, "/ignore/")
}

// Accepts returns the diff.accept entries as waivers for findings.Suppress.
func (c *Config) Accepts() []findings.Waiver {
	return c.waivers(c.Accept, findings.Accepted, "/diff/accept/")
}

func (c *Config) waivers(list []Exemption, kind findings.SuppressionKind, ptr string) []findings.Waiver {
	out := make([]findings.Waiver, len(list))
	for i, e := range list {
		glob := e.File
		ids := e.IDs
		if e.Rule == "all" {
			ids = []string{""}
		}
		out[i] = findings.Waiver{
			Kind: kind, Rules: ids, Pointer: e.Pointer, Reason: e.Reason,
			Files: func(name string) bool {
				rel, ok := c.rel(name)
				return ok && matchGlob(glob, rel)
			},
			At: findings.Place{File: c.Path, Line: e.Pos.Line, Column: e.Pos.Column, Pointer: fmt.Sprint(ptr, e.Index)},
		}
	}
	return out
}
