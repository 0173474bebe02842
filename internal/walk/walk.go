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
//
// Walk yields these decisions one at a time, as paths without contents,
// so that a command reads each file when its turn comes and memory does
// not grow with the number of files; Collect reads them all.
package walk

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
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

// Entry is one step of a walk, in the order Collect lists them: a file to
// read (Err nil, Skip "" and Empty false), a file that cannot be read
// (Err), a file or folder left out (Skip), or a folder named that held no
// *.json file (Empty, named by its argument). An entry holds no file
// contents: Read reads them.
type Entry struct {
	Path string // where it is read from: the argument, or joined to Dir
	Name string // how messages and findings call it
	Err  error
	// Skip is why the file or folder is left out.
	Skip  string
	Empty bool

	test  bool      // the schema test applies once read
	stdin io.Reader // set for "-"
	limit int64
}

// Read reads the file of an entry to read, up to Options.MaxSize, and
// applies the schema test when the walk asks for it (files found in a
// folder, and named files with ForceExclude). It returns the bytes, or
// the reason the file is left out, or the entry's or the read's error.
func (e Entry) Read() (src []byte, skip string, err error) {
	if e.Skip != "" || e.Empty {
		return nil, e.Skip, e.Err
	}
	src, err = e.ReadSource()
	if err != nil || !e.test {
		return src, "", err
	}
	if ok, why := IsSchema(src); !ok {
		return nil, why, nil
	}
	return src, "", nil
}

// ReadSource reads the file of an entry to read, up to Options.MaxSize,
// without the schema test: for a caller that parses the file anyway, and
// gives the parsed file to IsSchemaFile when SchemaTest says so.
func (e Entry) ReadSource() ([]byte, error) {
	switch {
	case e.Err != nil:
		return nil, e.Err
	case e.Skip != "" || e.Empty:
		return nil, nil
	case e.stdin != nil:
		return records.ReadAll(e.stdin, e.Name, e.limit)
	}
	return records.ReadFile(e.Path, e.Name, e.limit)
}

// SchemaTest reports whether the file of an entry must pass the schema
// test once read: a file found in a folder unless KeepNonSchemas, a named
// file only with ForceExclude.
func (e Entry) SchemaTest() bool { return e.test }

// Walk yields the entries of the files args name and of the folders they
// name, in argument order and a folder's in lexical order, without
// reading any file: memory does not grow with the number of files. Each
// folder is walked when the entries before it have been taken.
func Walk(args []string, opts Options) iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		stdinUsed := false
		for _, arg := range args {
			if arg == "-" {
				if !yield(stdinEntry(opts, &stdinUsed)) {
					return
				}
				continue
			}
			p := arg
			if opts.Dir != "" && !filepath.IsAbs(p) {
				p = filepath.Join(opts.Dir, p)
			}
			info, err := os.Stat(p)
			var e Entry
			switch {
			case err != nil:
				e = Entry{Path: p, Name: arg, Err: err}
			case info.IsDir():
				if !walkDir(p, arg, opts, yield) {
					return
				}
				continue
			case opts.ForceExclude && opts.Include != nil && !opts.Include(p):
				e = Entry{Name: arg, Skip: ReasonExcluded}
			default:
				e = Entry{Path: p, Name: arg, test: opts.ForceExclude && !opts.KeepNonSchemas, limit: opts.MaxSize}
			}
			if !yield(e) {
				return
			}
		}
	}
}

// Collect reads the files args name and walks the folders they name.
func Collect(args []string, opts Options) Result {
	var res Result
	for e := range Walk(args, opts) {
		if e.Empty {
			res.Empty = append(res.Empty, e.Name)
			continue
		}
		src, skip, err := e.Read()
		if skip != "" {
			res.Skipped = append(res.Skipped, Skipped{Name: e.Name, Reason: skip})
			continue
		}
		res.Files = append(res.Files, File{Path: e.Path, Name: e.Name, Src: src, Err: err})
	}
	return res
}

func stdinEntry(opts Options, used *bool) Entry {
	const name = "<stdin>"
	switch {
	case *used:
		return Entry{Path: "-", Name: name, Err: &StdinError{Twice: true}}
	case opts.Stdin == nil:
		return Entry{Path: "-", Name: name, Err: &StdinError{}}
	}
	*used = true
	return Entry{Path: "-", Name: name, stdin: opts.Stdin, limit: opts.MaxSize}
}

// walkDir walks one folder named on the command line, yielding its
// entries; it returns false when yield asked to stop.
func walkDir(root, arg string, opts Options, yield func(Entry) bool) bool {
	w := &walker{root: root}
	w.resolveRoots()
	var ign *ignorer
	if !opts.NoGitignore {
		ign = newIgnorer(w.realRoot, w.repoTop, root)
	}
	found, stopped := false, false
	// give yields an entry, and ends the walk when yield asks to stop.
	give := func(e Entry, ret error) error {
		if !yield(e) {
			stopped = true
			return fs.SkipAll
		}
		return ret
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		name := arg
		rel := ""
		if r, rerr := filepath.Rel(root, path); rerr == nil && r != "." {
			name, rel = filepath.Join(arg, r), r
		}
		if err != nil {
			var ret error
			if d != nil && d.IsDir() {
				ret = fs.SkipDir
			}
			return give(Entry{Path: path, Name: name, Err: err}, ret)
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
				return give(Entry{Name: name, Skip: ReasonHidden}, fs.SkipDir)
			case d.Name() == "node_modules":
				return give(Entry{Name: name, Skip: ReasonModules}, fs.SkipDir)
			}
			if ign != nil {
				if why, ok := ign.ignored(rel, true); ok {
					return give(Entry{Name: name, Skip: why}, fs.SkipDir)
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
				return give(Entry{Name: name, Skip: why}, nil)
			}
		}
		if opts.Include != nil && !opts.Include(path) {
			return give(Entry{Name: name, Skip: ReasonExcluded}, nil)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := w.allowLink(path, name); err != nil {
				return give(Entry{Path: path, Name: name, Err: err}, nil)
			}
		}
		return give(Entry{Path: path, Name: name, test: !opts.KeepNonSchemas, limit: opts.MaxSize}, nil)
	})
	if stopped {
		return false
	}
	if err != nil && !yield(Entry{Path: root, Name: arg, Err: err}) {
		return false
	}
	if !found {
		return yield(Entry{Name: arg, Empty: true})
	}
	return true
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
	return IsSchemaFile(f)
}

// IsSchemaFile is IsSchema of a file already parsed.
func IsSchemaFile(f *schema.File) (bool, string) {
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
	w.repoTop = RepositoryOf(w.realRoot)
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
	if Inside(target, w.realRoot) || Inside(target, w.repoTop) {
		return nil
	}
	return &LinkError{Name: name}
}

// RepositoryOf returns the nearest folder at or above dir that holds a
// .git entry, or "".
func RepositoryOf(dir string) string {
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

// Inside reports whether path lies in the folder dir ("" is no folder).
func Inside(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
