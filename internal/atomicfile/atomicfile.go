// Package atomicfile replaces a file's content all at once: readers see
// the old content or the new, never a part, and a failure or a kill leaves
// the old content and no temporary file behind.
//
// Write and WriteFunc write to a temporary file in the directory of the
// target (the file a symbolic link leads to, so that the link stays a
// link), sync it, give it the target's permissions (0644 less the umask
// for a new file) and rename it over the target. The temporary file is
// removed on every error, and on SIGINT or SIGTERM during the write, after
// which the signal is raised again so that the process ends as it would
// have.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// Options adjust a write. The zero value, or a nil pointer, is the default.
type Options struct {
	// Inputs are files the target must not be: Write refuses with an
	// *InputError when the target, or the file it links to, is one of
	// them, whatever the names. Names that do not exist, and "-", are
	// ignored.
	Inputs []string
	// Perm is the permission of a new file before the umask; 0 is 0644.
	// An existing file keeps its own.
	Perm fs.FileMode
}

// InputError is a target that is one of the inputs.
type InputError struct {
	Path  string // the target, as given
	Input string // the input it is, as given
}

func (e *InputError) Error() string {
	if e.Path == e.Input {
		return fmt.Sprintf("%s is an input; refusing to overwrite it", e.Path)
	}
	return fmt.Sprintf("%s is the input %s; refusing to overwrite it", e.Path, e.Input)
}

// LinkError is a chain of symbolic links too long to follow.
type LinkError struct {
	Path  string // the target, as given
	Links int    // how many links were followed
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s: got more than %d symbolic links, want a file", e.Path, e.Links)
}

// maxLinks is how many symbolic links Resolve follows, as Linux does.
const maxLinks = 40

// Write replaces the content of the file at path with data.
func Write(path string, data []byte, opts *Options) error {
	return WriteFunc(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, opts)
}

// WriteFunc replaces the content of the file at path with what write
// writes. When write returns an error, the file is left as it was and the
// error is returned.
func WriteFunc(path string, write func(w io.Writer) error, opts *Options) error {
	if opts == nil {
		opts = &Options{}
	}
	target, err := Resolve(path)
	if err != nil {
		return err
	}
	if err := checkInputs(path, target, opts.Inputs); err != nil {
		return err
	}
	perm, keep := opts.Perm, false
	if perm == 0 {
		perm = 0o644
	}
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return &fs.PathError{Op: "write", Path: path, Err: errors.New("not a regular file")}
		}
		perm, keep = fi.Mode().Perm(), true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}

	// A new file is created with perm so that the umask applies; a file
	// that replaces an existing one is given that one's mode exactly.
	createPerm := perm
	if keep {
		createPerm = 0o600
	}
	// The watch starts before the temporary file exists, and the file is
	// made under the lock, so that no signal comes between the two.
	t := &temp{}
	stop := t.removeOnSignal()
	defer stop()
	defer t.cleanup()
	t.mu.Lock()
	tmp, err := createTemp(filepath.Dir(target), filepath.Base(target), createPerm)
	if err == nil {
		t.f, t.name = tmp, tmp.Name()
	}
	t.mu.Unlock()
	if err != nil {
		return err
	}

	if err := write(tmp); err != nil {
		return err
	}
	if keep {
		if err := tmp.Chmod(perm); err != nil {
			return err
		}
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := t.close(); err != nil {
		return err
	}
	if err := t.rename(target); err != nil {
		return err
	}
	syncDir(filepath.Dir(target))
	return nil
}

// Resolve returns the file that path names once symbolic links are
// followed, whether or not that file exists yet.
func Resolve(path string) (string, error) {
	p := path
	for i := 0; ; i++ {
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		if i == maxLinks {
			return "", &LinkError{Path: path, Links: maxLinks}
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
}

// checkInputs refuses a target that is the same file as an input.
func checkInputs(path, target string, inputs []string) error {
	if len(inputs) == 0 {
		return nil
	}
	tfi, err := os.Stat(target)
	if err != nil {
		return nil // a file that does not exist is no input
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		ifi, err := os.Stat(in)
		if err == nil && os.SameFile(tfi, ifi) {
			return &InputError{Path: path, Input: in}
		}
	}
	return nil
}

// createTemp creates a new file in dir named ".base.tmp-" and random hex.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	var b [8]byte
	for range 100 {
		_, _ = rand.Read(b[:]) // never fails
		name := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, "."+base+".tmp-*"), Err: fs.ErrExist}
}

// temp is the temporary file of one write. Its lock orders the rename
// against the removal on a signal, so that a signal never removes the
// temporary file after it became the target, nor leaves it behind before.
type temp struct {
	mu        sync.Mutex
	f         *os.File // nil until made
	name      string
	closed    bool
	done      bool // renamed to the target, or removed
	signalled bool // a signal came: the process is ending
}

func (t *temp) close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	return t.f.Close()
}

func (t *temp) rename(target string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.signalled {
		return errors.New("interrupted")
	}
	if err := os.Rename(t.name, target); err != nil {
		return err
	}
	t.done = true
	return nil
}

// cleanup removes the temporary file unless it became the target.
func (t *temp) cleanup() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.f == nil {
		return
	}
	if !t.closed {
		t.f.Close()
		t.closed = true
	}
	if !t.done {
		os.Remove(t.name)
		t.done = true
	}
}

// removeOnSignal removes the temporary file when SIGINT or SIGTERM comes
// during the write, then raises the signal again with its default action,
// which ends the process. The returned function ends the watch; after a
// signal it waits for the end instead of returning.
func (t *temp) removeOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	var wg sync.WaitGroup
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	wg.Add(1)
	go func() {
		defer wg.Done()
		var sig os.Signal
		select {
		case sig = <-ch:
		case <-done:
			// A signal that came just before the watch ended.
			select {
			case sig = <-ch:
			default:
				return
			}
		}
		t.mu.Lock()
		t.signalled = true
		t.mu.Unlock()
		t.cleanup()
		signal.Reset(sig)
		if p, err := os.FindProcess(os.Getpid()); err != nil || p.Signal(sig) != nil {
			os.Exit(1) // the signal cannot be raised here
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
		wg.Wait()
		t.mu.Lock()
		signalled := t.signalled
		t.mu.Unlock()
		for signalled {
			time.Sleep(time.Second) // the raised signal ends the process
		}
	}
}

// syncDir makes a rename in dir durable. Where directories cannot be
// synced, the rename stands all the same.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}
