package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/walk"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// lint, fix and fmt take the files of their walk one at a time: internal/walk
// yields paths, each file is read (and given the schema test) just before
// it is linted, fixed or formatted, and what is reported of it is written
// as it comes. Memory follows the files in flight, not their number.

// heapReserve is the size of a block held, never written, while a command
// takes its files one at a time. The collector sets its next goal from the
// live heap, which streaming keeps to the few files in flight: with nothing
// else live it would collect every few megabytes. Linting 10,000 of the
// example schemas takes 29 cycles with the block and 55 without, and 15%
// less CPU (0.61 s against 0.72 s, user and system, medians of 6 runs),
// for 2.7 MiB more peak RSS (19.3 MiB against 16.6 MiB): the pages of the
// block are never touched, only the garbage let wait between cycles grows.
const heapReserve = 4 << 20

// holdHeapReserve allocates the reserve; the caller keeps it alive with
// runtime.KeepAlive until its files are done.
func holdHeapReserve() []byte { return make([]byte, heapReserve) }

// schemaPaths returns what lint and fix walk: the paths named, or with none
// the config's folder, named from the working directory.
func schemaPaths(paths []string, env Env, cfg *config.Config) ([]string, error) {
	if len(paths) > 0 {
		return paths, nil
	}
	if cfg == nil {
		return nil, usagef("no files to lint: name files or folders, or list them under \"files\" in %s", config.FileName)
	}
	dir, err := filepath.Rel(env.absPath("."), cfg.Dir)
	if err != nil {
		dir = cfg.Dir
	}
	return []string{dir}, nil
}

// schemaWalkOptions are the walk options of lint and fix: the config's
// files and exclude decide which files a folder's walk yields.
func schemaWalkOptions(env Env, cfg *config.Config, forceExclude bool, maxSize int64) walk.Options {
	opts := walk.Options{Dir: env.Dir, ForceExclude: forceExclude, MaxSize: maxSize, Stdin: env.Stdin}
	if cfg != nil {
		opts.Include = cfg.Includes
	}
	return opts
}

// LeftOutError is a file or folder that a walk leaves out, and why: what
// reading a walk.Entry gives in place of its bytes, so that it passes
// through a lint stream in its place and is reported in order.
type LeftOutError struct {
	Name   string
	Reason string
}

func (e *LeftOutError) Error() string { return e.Name + ": " + e.Reason }

// EmptyFolderError is a folder named on the command line that held no
// *.json file, in the place of its walk.Entry.
type EmptyFolderError struct {
	Name string
}

func (e *EmptyFolderError) Error() string { return "no *.json files in " + e.Name }

// readEntry reads a walk's entry: its bytes, a *LeftOutError, an
// *EmptyFolderError, or the error of reading it.
func readEntry(e walk.Entry) ([]byte, error) {
	if e.Empty {
		return nil, &EmptyFolderError{Name: e.Name}
	}
	src, skip, err := e.Read()
	if skip != "" {
		return nil, &LeftOutError{Name: e.Name, Reason: skip}
	}
	return src, err
}

// walkProblem reports what a walk's entry could not give: an empty folder
// as a warning on emptyEnv, a file left out as a -v note, a read error on
// readEnv. It says whether err was one (the entry is done) and whether it
// fails the run.
func walkProblem(err error, name string, env, emptyEnv, readEnv Env) (done, failed bool) {
	var (
		empty *EmptyFolderError
		left  *LeftOutError
	)
	switch {
	case err == nil:
		return false, false
	case errors.As(err, &empty):
		emptyEnv.warnf("no *.json files in %s", findings.Escape(empty.Name))
		return true, false
	case errors.As(err, &left):
		env.verbosef("skipped %s: %s", findings.Escape(left.Name), left.Reason)
		return true, false
	}
	fmt.Fprintf(readEnv.Stderr, "triggerlint: %s\n", findings.Escape(inputError(name, err).Error()))
	return true, true
}

// lintInput is the lint.Input of a walk's entry: a worker reads the file,
// and the schema test, when the walk asks for it, is made on the parse
// that linting makes.
func lintInput(e walk.Entry) lint.Input {
	if e.Empty || e.Skip != "" || e.Err != nil {
		return lint.Input{Name: e.Name, Read: func() ([]byte, error) { return readEntry(e) }}
	}
	in := lint.Input{Name: e.Name, Read: e.ReadSource}
	if e.SchemaTest() {
		in.Accept = func(f *schema.File) error {
			if ok, why := walk.IsSchemaFile(f); !ok {
				return &LeftOutError{Name: e.Name, Reason: why}
			}
			return nil
		}
	}
	return in
}

// heldStderr holds messages that must come after others on stderr: a
// command that walks files one at a time prints what it says of them in
// the order of a run that read every file first. Files left out are noted
// as they come (-v); the folders with no *.json file, the files that could
// not be read, and what the command says of each file follow in that order
// at the end. Only messages are held, not files.
type heldStderr struct {
	raw  io.Writer
	bufs []*bytes.Buffer
}

// holdStderr returns n copies of env whose stderr is held, each printed
// after the one before it by flush.
func holdStderr(env Env, n int) ([]Env, *heldStderr) {
	h := &heldStderr{raw: env.Stderr}
	escape := false
	if s, ok := env.Stderr.(stderrWriter); ok {
		h.raw, escape = s.w, true
	}
	envs := make([]Env, n)
	for i := range envs {
		b := new(bytes.Buffer)
		h.bufs = append(h.bufs, b)
		envs[i] = env
		envs[i].Stderr = b
		if escape {
			envs[i].Stderr = stderrWriter{b}
		}
	}
	return envs, h
}

// flush prints the held messages, in order, and forgets them.
func (h *heldStderr) flush() {
	for _, b := range h.bufs {
		if b.Len() > 0 {
			h.raw.Write(b.Bytes())
			b.Reset()
		}
	}
}
