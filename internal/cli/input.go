package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/triggerkit/triggerkit/internal/records"
)

// path resolves a command-line path against the environment's folder.
func (e Env) path(p string) string {
	if e.Dir == "" || p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.Dir, p)
}

// openInput opens a command-line input for streaming: standard input for
// "-", else a regular file, relative to env.Dir. The caller closes it.
// display is how messages name it.
func openInput(name string, env Env, stdinUsed *bool) (r io.ReadCloser, display string, err error) {
	if name == "-" {
		if *stdinUsed {
			return nil, "<stdin>", errors.New("standard input named twice")
		}
		*stdinUsed = true
		if f, ok := env.Stdin.(stdinFile); ok {
			// A file given as standard input is read as a file: a long
			// NDJSON line is read at its offset into a buffer of its size.
			return seekableStdin{f}, "<stdin>", nil
		}
		return io.NopCloser(env.Stdin), "<stdin>", nil
	}
	f, err := records.Open(env.path(name), name, 0)
	if err != nil {
		return nil, name, inputError(name, err)
	}
	return f, name, nil
}

// stdinFile is a standard input that can be read at an offset, such as a
// file redirected to it; a pipe has these methods too, and the records
// reader finds out that it cannot seek.
type stdinFile interface {
	io.Reader
	io.ReaderAt
	io.Seeker
}

// seekableStdin is standard input with its ReadAt and Seek, and a Close
// that leaves it open.
type seekableStdin struct{ stdinFile }

func (seekableStdin) Close() error { return nil }

// readInput reads a whole command-line file, relative to env.Dir, refusing
// what is not a regular file and more than limit bytes.
func readWhole(name string, env Env, limit int64) ([]byte, error) {
	b, err := records.ReadFile(env.path(name), name, limit)
	if err != nil {
		return nil, inputError(name, err)
	}
	return b, nil
}

// inputError names the file as the user gave it, not as it was resolved
// against env.Dir.
func inputError(name string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %s", name, strings.TrimPrefix(pe.Err.Error(), "open "))
	}
	return err
}
