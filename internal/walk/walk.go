// Package walk decides which files a command looks at: the files named on
// the command line, and the *.json files of the folders named there.
//
// A folder's walk skips hidden folders and node_modules, honours .gitignore
// files at every level (and .git/info/exclude inside a repository), leaves
// out JSON that is not a trigger schema, and applies a config's files and
// exclude globs. Every file left out is reported with the reason, for -v.
// Files named on the command line are always read, unless ForceExclude is
// set and the config or the schema test leaves them out, which is what a
// pre-commit hook wants: it hands over every changed JSON file.
//
// A symbolic link to a *.json file is followed only when its target lies
// inside the walked folder or the repository holding it; links to folders
// are not followed.
package walk

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/schema"
)

// Options says which files Collect yields.
type Options struct {
	// Dir is the folder relative paths are taken from; "" is the working
	// directory.
	Dir string
	// Include, when set, is asked about every file (by its Path): a
	// config's Includes. A walked file it refuses is left out; a named file
	// only with ForceExclude.
	Include func(path string) bool
	// ForceExclude applies Include and the schema test to files named on
	// the command line too.
	ForceExclude bool
	// KeepNonSchemas turns off the schema test: every *.json file is
	// yielded.
	KeepNonSchemas bool
	// NoGitignore turns off .gitignore handling.
	NoGitignore bool
	// MaxSize caps the size of a file, in bytes (0: no cap).
	MaxSize int64
	// Stdin is read for the argument "-", once.
	Stdin io.Reader
}

// File is a file to look at, read, or with the error of reading it.
type File struct {
	Path string // where it is read from: the argument, or joined to Dir
	Name string // how messages and findings call it: the argument, or the argument joined to the path in the folder
	Src  []byte
	Err  error
}

// Skipped is a file or folder left out, with why.
type Skipped struct {
	Name   string
	Reason string // "ignored by build/.gitignore:3 (out/)", "not a trigger schema: ..."
}

// Result is what Collect found.
type Result struct {
	// Files are in argument order; a folder's files in lexical order.
	Files   []File
	Skipped []Skipped
	// Empty are the folders named that held no *.json file at all.
	Empty []string
}

// StdinError is standard input named twice, or named when there is none.
type StdinError struct {
	Twice bool
}

func (e *StdinError) Error() string {
	if e.Twice {
		return "standard input named twice"
	}
	return "no standard input to read"
}

// LinkError is a symbolic link that a folder's walk does not follow: its
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

// The reasons of Skipped, but for .gitignore's, which name the file and
// line.
const (
	ReasonExcluded = "left out by the config's files and exclude"
	ReasonHidden   = "hidden folder"
	ReasonModules  = "node_modules folder"
)

// Collect reads the files args name and walks the folders they name.
func Collect(args []string, opts Options) Result {
	var res Result
	stdinUsed := false
	for _, arg := range args {
		if arg == "-" {
			res.Files = append(res.Files, readStdin(opts, &stdinUsed))
			continue
		}
		p := arg
		if opts.Dir != "" && !filepath.IsAbs(p) {
			p = filepath.Join(opts.Dir, p)
		}
		info, err := os.Stat(p)
		if err != nil {
			res.Files = append(res.Files, File{Path: p, Name: arg, Err: err})
			continue
		}
		if !info.IsDir() {
			if opts.ForceExclude && opts.Include != nil && !opts.Include(p) {
				res.Skipped = append(res.Skipped, Skipped{Name: arg, Reason: ReasonExcluded})
				continue
			}
			f := read(p, arg, opts.MaxSize)
			if opts.ForceExclude && !opts.KeepNonSchemas && f.Err == nil {
				if ok, why := IsSchema(f.Src); !ok {
					res.Skipped = append(res.Skipped, Skipped{Name: arg, Reason: why})
					continue
				}
			}
			res.Files = append(res.Files, f)
			continue
		}
		walkDir(p, arg, opts, &res)
	}
	return res
}

func readStdin(opts Options, used *bool) File {
	const name = "<stdin>"
	switch {
	case *used:
		return File{Path: "-", Name: name, Err: &StdinError{Twice: true}}
	case opts.Stdin == nil:
		return File{Path: "-", Name: name, Err: &StdinError{}}
	}
	*used = true
	src, err := records.ReadAll(opts.Stdin, name, opts.MaxSize)
	return File{Path: "-", Name: name, Src: src, Err: err}
}

func read(path, name string, limit int64) File {
	src, err := records.ReadFile(path, name, limit)
	return File{Path: path, Name: name, Src: src, Err: err}
}

// walkDir walks one folder named on the command line.
func walkDir(root, arg string, opts Options, res *Result) {
	w := &walker{root: root}
	w.resolveRoots()
	var ign *ignorer
	if !opts.NoGitignore {
		ign = newIgnorer(w.realRoot, w.repoTop, root)
	}
	found := false
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		name := arg
		rel := ""
		if r, rerr := filepath.Rel(root, path); rerr == nil && r != "." {
			name, rel = filepath.Join(arg, r), r
		}
		if err != nil {
			res.Files = append(res.Files, File{Path: path, Name: name, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path == root {
				if ign != nil {
					ign.enter(path, rel)
				}
				return nil
			}
			switch {
			case strings.HasPrefix(d.Name(), "."):
				res.Skipped = append(res.Skipped, Skipped{Name: name, Reason: ReasonHidden})
				return fs.SkipDir
			case d.Name() == "node_modules":
				res.Skipped = append(res.Skipped, Skipped{Name: name, Reason: ReasonModules})
				return fs.SkipDir
			}
			if ign != nil {
				if why, ok := ign.ignored(rel, true); ok {
					res.Skipped = append(res.Skipped, Skipped{Name: name, Reason: why})
					return fs.SkipDir
				}
				ign.enter(path, rel)
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), ".json") {
			return nil
		}
		found = true
		if ign != nil {
			if why, ok := ign.ignored(rel, false); ok {
				res.Skipped = append(res.Skipped, Skipped{Name: name, Reason: why})
				return nil
			}
		}
		if opts.Include != nil && !opts.Include(path) {
			res.Skipped = append(res.Skipped, Skipped{Name: name, Reason: ReasonExcluded})
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := w.allowLink(path, name); err != nil {
				res.Files = append(res.Files, File{Path: path, Name: name, Err: err})
				return nil
			}
		}
		f := read(path, name, opts.MaxSize)
		if !opts.KeepNonSchemas && f.Err == nil {
			if ok, why := IsSchema(f.Src); !ok {
				res.Skipped = append(res.Skipped, Skipped{Name: name, Reason: why})
				return nil
			}
		}
		res.Files = append(res.Files, f)
		return nil
	})
	if err != nil {
		res.Files = append(res.Files, File{Path: root, Name: arg, Err: err})
	}
	if !found {
		res.Empty = append(res.Empty, arg)
	}
}

// IsSchema reports whether src could be a trigger schema, and if not why:
// a JSON object with "type", "properties" or "$schema" at its root, the
// test diff.LooksLikeSchema makes. Unlike that test it judges the root the
// recovering parser rebuilt from text that does not parse, so that
// tsconfig.json, which has comments, is recognised as no schema. Text with
// no root object at all counts as a schema, so that its errors are
// reported.
func IsSchema(src []byte) (bool, string) {
	f, _ := schema.Parse("", src)
	if f == nil || f.Root == nil {
		return true, ""
	}
	if f.Root.Kind != schema.Object {
		return false, fmt.Sprintf("not a trigger schema: the root is %s, want an object", kindName(f.Root.Kind))
	}
	if f.Root.Get("properties") != nil || f.Root.Get("type") != nil || f.Root.Get("$schema") != nil {
		return true, ""
	}
	return false, `not a trigger schema: no "type", "properties" or "$schema" at the root`
}

func kindName(k schema.Kind) string {
	s := k.String()
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// walker checks the symbolic links of one folder's walk.
type walker struct {
	root     string
	realRoot string // root, absolute, with its links resolved
	repoTop  string // the repository root holds, "" when none
}

func (w *walker) resolveRoots() {
	if abs, err := filepath.Abs(w.root); err == nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			w.realRoot = real
		} else {
			w.realRoot = abs
		}
	}
	w.repoTop = repositoryOf(w.realRoot)
}

// allowLink returns nil when the link at path points inside the walked
// folder or its repository.
func (w *walker) allowLink(path, name string) error {
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
