// Package cli implements the triggerlint and schemagen commands. The mains
// in cmd/ only call in here, so the commands run in-process in tests.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/validate"
)

// Exit codes of triggerlint.
const (
	ExitOK       = 0 // nothing at or above the fail severity
	ExitFindings = 1 // findings at or above the fail severity
	ExitError    = 2 // usage error, unreadable input or internal error
)

// Env is what a command may use of its surroundings.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Terminal reports whether Stdout is a terminal, for colour.
	Terminal bool
	// Dir is the folder that relative paths and git commands start from;
	// "" is the process's working directory.
	Dir string
}

const usageText = `Usage: triggerlint <command> [flags] [args]

triggerlint checks Wix Automations trigger payload schemas against every rule
of the dialect: the checks the dashboard and Report Event make, and the ones
that keep automations working.

Commands:
  lint [flags] PATH...   lint schema files; directories are walked for *.json,
                         "-" reads standard input
  validate --schema S [flags] FILE...
                         validate payloads (JSON or NDJSON) or, with
                         --request, Report/Cancel Event request bodies
  diff [flags] OLD NEW   classify the changes between two versions of a
                         schema: breaking, dangerous or safe
  diff --base REV [PATH...]
                         the same for every schema file changed since a
                         git revision
  rules                  list the schema rules, the payload rules and the
                         kinds of schema change
  explain ID|NAME        print the documentation of a rule or change kind
  version                print the version
  serve --schemas DIR    emulate Wix's Report/Cancel Event APIs on 127.0.0.1:8089

Exit codes:
  0  no finding at or above --fail-severity
  1  findings at or above --fail-severity
  2  usage error, unreadable file or internal error

Run 'triggerlint COMMAND -h' for a command's flags.
`

const lintUsage = `Usage: triggerlint lint [flags] PATH...

Lints each schema file; directories are walked for *.json (hidden directories
and node_modules are skipped), "-" reads standard input. Every file is linted,
even after one that cannot be read or parsed. A symbolic link met in a walk is
linted when the file it names is inside the walked directory or its git
repository, and reported otherwise. Only regular files are read, each up to
--max-size.

Examples:
  triggerlint lint examples/
  triggerlint lint --format json schemas/*.json
  triggerlint lint --fail-severity warning --disable TK3004 schemas/
  triggerlint lint --disable all --enable 'TK7*' schema.json
  triggerlint lint --severity TK3003=error schema.json

Exit codes: 0 no finding at or above --fail-severity; 1 findings at or above
it; 2 usage error, unreadable file or internal error.

Flags:
`

// Triggerlint runs the triggerlint command with a rule set and returns its
// exit code. The rule set is what lint runs, what validate lints a schema
// with, and what rules and explain list: rules.All(), plus a team's own
// rules in a binary built with package triggerlint.
func Triggerlint(args []string, env Env, ruleSet []*lint.Rule) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	// Messages on stderr quote file names and errors that hold them; none
	// may pass a control character of the input to the terminal.
	env.Stderr = stderrWriter{env.Stderr}
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usageText)
		return ExitError
	}
	switch args[0] {
	case "lint":
		return lintCommand(args[1:], env, ruleSet)
	case "validate":
		return validateCommand(args[1:], env, ruleSet)
	case "diff":
		return diffCommand(args[1:], env)
	case "serve":
		return serveCommand(args[1:], env, ruleSet)
	case "rules":
		return rulesCommand(args[1:], env, ruleSet)
	case "explain":
		return explainCommand(args[1:], env, ruleSet)
	case "version", "--version", "-version":
		fmt.Fprintf(env.Stdout, "triggerlint %s\n", version())
		return ExitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(env.Stdout, usageText)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "triggerlint: unknown command %q\n\n%s", args[0], usageText)
	return ExitError
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// outputOptions are the output flags that lint and validate share.
type outputOptions struct {
	format string
	fail   lint.Severity
	color  string
}

func (o *outputOptions) flags(fs *flag.FlagSet) {
	o.fail = lint.Error
	fs.StringVar(&o.format, "format", "text", "output `format`: text or json")
	fs.StringVar(&o.color, "color", "auto", "colour text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.Func("fail-severity", "exit 1 on findings at or above this `severity`: error, warning, info or none (default error)", func(s string) error {
		v, err := lint.ParseSeverity(s)
		o.fail = v
		return err
	})
}

// lintOptions are the parsed flags of lint.
type lintOptions struct {
	outputOptions
	sel     lint.SelectOptions
	maxSize int64
}

func (o *lintOptions) flags(fs *flag.FlagSet) {
	o.outputOptions.flags(fs)
	toggle := func(on bool) func(string) error {
		return func(s string) error {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					o.sel.Toggles = append(o.sel.Toggles, lint.Toggle{Pattern: p, On: on})
				}
			}
			return nil
		}
	}
	fs.Func("enable", "enable `rules`: IDs, names or globs, comma-separated or repeated; \"all\" for every rule (applied in order with --disable)", toggle(true))
	fs.Func("disable", "disable `rules`, as --enable", toggle(false))
	fs.Func("severity", "set the severity of rules: `RULE=LEVEL`, comma-separated or repeated (TK3003=error)", func(s string) error {
		for _, p := range strings.Split(s, ",") {
			ov, err := lint.ParseSeverityOverride(strings.TrimSpace(p))
			if err != nil {
				return err
			}
			o.sel.Severity = append(o.sel.Severity, ov)
		}
		return nil
	})
}

func lintCommand(args []string, env Env, ruleSet []*lint.Rule) int {
	fset := newFlagSet("triggerlint lint", lintUsage, "", env)
	var opts lintOptions
	opts.flags(fset)
	sizeFlag(fset, &opts.maxSize)
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	usage := usageError("triggerlint", env)
	useColor, err := outputStyle(opts.format, opts.color, env)
	if err != nil {
		return usage("%v", err)
	}
	if fset.NArg() == 0 {
		return usage("no files to lint (see 'triggerlint lint -h')")
	}
	if err := lint.Validate(ruleSet); err != nil {
		return usage("internal error: invalid rule set: %v", err)
	}
	linter, err := lint.New(lint.Options{Rules: ruleSet, Select: opts.sel})
	if err != nil {
		return usage("%v", err)
	}

	inputs, failed := collectInputs(fset.Args(), env, opts.maxSize)
	var read []lint.Input
	for _, in := range inputs {
		if in.err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %s\n", findings.Escape(in.err.Error()))
			failed = true
			continue
		}
		read = append(read, lint.Input{Name: in.name, Src: in.src})
	}
	res, err := linter.Inputs(read)
	for _, e := range joined(err) {
		fmt.Fprintf(env.Stderr, "triggerlint: %s\n", findings.Escape(e.Error()))
		failed = true
	}
	out := newFindingWriter(env.Stdout, opts.format, useColor)
	out.files = len(read) // files read; the unreadable are on stderr
	for _, f := range res.Findings {
		out.write(f)
	}
	return out.done(env, failed, opts.fail)
}

// joined returns the errors that err joins, or err alone.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err != nil {
		return []error{err}
	}
	return nil
}

// input is one file to lint: its name and content, or why it could not be
// read.
type input struct {
	name string
	src  []byte
	err  error
}

// collectInputs reads the named files, walking directories for *.json, in
// the order given and in lexical order inside directories. Relative paths
// start from env.Dir. Only regular files are read, each up to maxSize
// bytes; a symbolic link found in a walk is read when its target stays
// inside the walked folder or its repository, and refused otherwise.
// Problems are reported on stderr and make the second result true; the
// other inputs are still returned.
func collectInputs(paths []string, env Env, maxSize int64) ([]input, bool) {
	var out []input
	failed := false
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				fmt.Fprintln(env.Stderr, "triggerlint: standard input named twice")
				failed = true
				continue
			}
			stdinUsed = true
			src, err := records.ReadAll(env.Stdin, "<stdin>", maxSize)
			out = append(out, input{name: "<stdin>", src: src, err: err})
			continue
		}
		root := env.path(p)
		info, err := os.Stat(root)
		if err != nil {
			out = append(out, input{name: p, err: inputError(p, err)})
			continue
		}
		if !info.IsDir() {
			out = append(out, readInput(root, p, env, maxSize))
			continue
		}
		found := false
		w := walker{root: root}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			name := p
			if rel, rerr := filepath.Rel(root, path); rerr == nil && rel != "." {
				name = filepath.Join(p, rel)
			}
			if err != nil {
				out = append(out, input{name: name, err: inputError(name, err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(d.Name(), ".json") {
				return nil
			}
			found = true
			if d.Type()&fs.ModeSymlink != 0 {
				if err := w.allowLink(path, name); err != nil {
					out = append(out, input{name: name, err: err})
					return nil
				}
			}
			out = append(out, readInput(path, name, env, maxSize))
			return nil
		})
		if err != nil {
			out = append(out, input{name: p, err: err})
		}
		if !found {
			fmt.Fprintf(env.Stderr, "triggerlint: warning: no *.json files in %s\n", p)
		}
	}
	return out, failed
}

// readInput reads one file, refusing what is not a regular file and more
// than maxSize bytes. name is how messages and findings call it.
func readInput(path, name string, env Env, maxSize int64) input {
	src, err := records.ReadFile(path, name, maxSize)
	return input{name: name, src: src, err: inputError(name, err)}
}

// walker checks the symbolic links of one directory walk.
type walker struct {
	root       string
	realRoot   string // root with its links resolved
	repoTop    string // the repository root holds, "" when none
	rootsKnown bool
}

// LinkError is a symbolic link that a directory walk does not follow: its
// target lies outside the walked folder and outside its repository, or
// cannot be resolved.
type LinkError struct {
	Name string
	Err  error // nil for a link that leaves the tree
}

func (e *LinkError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: a symbolic link that does not resolve: %v", e.Name, e.Err)
	}
	return fmt.Sprintf("%s: a symbolic link to a file outside the folder and its repository, not read", e.Name)
}

func (e *LinkError) Unwrap() error { return e.Err }

// allowLink returns nil when the link at path points inside the walked
// folder or its repository.
func (w *walker) allowLink(path, name string) error {
	if !w.rootsKnown {
		w.rootsKnown = true
		if abs, err := filepath.Abs(w.root); err == nil {
			w.realRoot, _ = filepath.EvalSymlinks(abs)
		}
		w.repoTop = repositoryOf(w.realRoot)
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &LinkError{Name: name, Err: err}
	}
	if target, err = filepath.Abs(target); err != nil {
		return &LinkError{Name: name, Err: err}
	}
	if inside(target, w.realRoot) || inside(target, w.repoTop) {
		return nil
	}
	return &LinkError{Name: name}
}

// repositoryOf returns the nearest folder at or above dir that holds a
// .git entry, or "".
func repositoryOf(dir string) string {
	for d := dir; d != ""; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
	return ""
}

// inside reports whether path lies in the folder dir ("" is no folder).
func inside(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// catalogue returns every documented ID: the schema rules of the rule set,
// the payload and request rules, then the change kinds.
func catalogue(ruleSet []*lint.Rule) []findings.Entry {
	out := findings.Entries(ruleSet)
	out = append(out, findings.Entries(validate.Rules())...)
	return append(out, findings.Entries(diff.Kinds())...)
}

func rulesCommand(args []string, env Env, ruleSet []*lint.Rule) int {
	fset := newFlagSet("triggerlint rules", "", "", env)
	format := fset.String("format", "text", "output `format`: text or json")
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	all := catalogue(ruleSet)
	switch *format {
	case "json":
		type entryInfo struct {
			ID       string            `json:"id"`
			Name     string            `json:"name"`
			Severity findings.Severity `json:"severity"`
			Optional bool              `json:"optional"`
			Title    string            `json:"title"`
			URL      string            `json:"url"`
			Category findings.Category `json:"category"`
			Class    string            `json:"class,omitempty"`
		}
		list := make([]entryInfo, len(all))
		for i, e := range all {
			list[i] = entryInfo{e.ID, e.Name, e.Severity, e.Optional, e.Title, e.URL, e.Category, e.Class}
		}
		return writeJSON(env, list)
	case "text":
		var b strings.Builder
		heading := map[findings.Category]string{
			findings.SchemaRule:  "Schema rules (triggerlint lint)",
			findings.PayloadRule: "Payload and request rules (triggerlint validate)",
			findings.Change:      "Schema changes (triggerlint diff)",
		}
		var last findings.Category
		for i, e := range all {
			if i == 0 || e.Category != last {
				if i > 0 {
					b.WriteString("\n")
				}
				fmt.Fprintf(&b, "%s:\n", heading[e.Category])
				last = e.Category
			}
			sev := e.Severity.String()
			if e.Class != "" {
				sev = e.Class
			} else if e.Optional {
				sev += "*"
			}
			fmt.Fprintf(&b, "%s  %-9s  %-36s  %s\n", e.ID, sev, e.Name, e.Title)
		}
		b.WriteString("\n* optional: runs only when enabled. 'triggerlint explain ID' prints the documentation of any ID.\n")
		io.WriteString(env.Stdout, b.String())
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "triggerlint: unknown --format %q (want text or json)\n", *format)
	return ExitError
}

func explainCommand(args []string, env Env, ruleSet []*lint.Rule) int {
	if len(args) != 1 {
		fmt.Fprintln(env.Stderr, "Usage: triggerlint explain ID|NAME")
		return ExitError
	}
	e, ok := findings.Lookup(catalogue(ruleSet), args[0])
	if !ok {
		fmt.Fprintf(env.Stderr, "triggerlint: no rule or change %q (see 'triggerlint rules')\n", findings.Escape(args[0]))
		return ExitError
	}
	if err := findings.WriteExplain(env.Stdout, e); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// findingWriter counts findings and writes them as they come, in text or
// as the JSON report, so that memory does not grow with the input.
type findingWriter struct {
	out   findings.Writer
	sum   findings.Summary
	files int
	worst findings.Severity
	err   error
}

func newFindingWriter(w io.Writer, format string, color bool) *findingWriter {
	return &findingWriter{out: newWriter(w, format, color)}
}

func (fw *findingWriter) write(f findings.Finding) {
	fw.sum.Add(f)
	fw.worst = max(fw.worst, f.Severity)
	if fw.err == nil {
		fw.err = fw.out.Write(f)
	}
}

func (fw *findingWriter) finish() error {
	fw.sum.Files = fw.files
	if fw.err != nil {
		return fw.err
	}
	return fw.out.Finish(fw.sum)
}

// done finishes the output and returns the exit code: ExitError when it
// could not be written or when failed is set (an input could not be read),
// else ExitFindings when a finding is at or above fail, else ExitOK.
func (fw *findingWriter) done(env Env, failed bool, fail findings.Severity) int {
	if err := fw.finish(); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		return ExitError
	}
	switch {
	case failed:
		return ExitError
	case fw.worst >= fail:
		return ExitFindings
	}
	return ExitOK
}

// stderrWriter escapes what is written to stderr with findings.Escape,
// line by line: the newlines and tabs of the messages and the usage text
// stay, every other control character and bidirectional override is shown
// as an escape. Each Write is escaped on its own, so a message must be
// written whole (as fmt.Fprintf does). Messages escape the names they quote
// themselves where a newline in a name must not split the line.
type stderrWriter struct{ w io.Writer }

func (s stderrWriter) Write(p []byte) (int, error) {
	var b strings.Builder
	rest := string(p)
	for rest != "" {
		i := strings.IndexAny(rest, "\n\t")
		if i < 0 {
			b.WriteString(findings.Escape(rest))
			break
		}
		b.WriteString(findings.Escape(rest[:i]))
		b.WriteByte(rest[i])
		rest = rest[i+1:]
	}
	if _, err := io.WriteString(s.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// newWriter returns the findings writer of a --format: the JSON report, or
// text with or without colour.
func newWriter(w io.Writer, format string, useColor bool) findings.Writer {
	if format == "json" {
		return findings.NewJSONWriter(w)
	}
	return findings.NewTextWriter(w, findings.TextStyle{Color: useColor})
}

// outputStyle checks --format and --color and says whether to colour.
func outputStyle(format, colour string, env Env) (bool, error) {
	if format != "text" && format != "json" {
		return false, fmt.Errorf("unknown --format %q (want text or json)", format)
	}
	switch colour {
	case "auto":
		return env.Terminal && env.Getenv("NO_COLOR") == "", nil
	case "always":
		return true, nil
	case "never":
		return false, nil
	}
	return false, fmt.Errorf("unknown --color %q (want auto, always or never)", colour)
}
