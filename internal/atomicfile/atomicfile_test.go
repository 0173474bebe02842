package atomicfile

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// leftovers lists the temporary files left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func writeFile(t *testing.T, path, data string, perm fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

func wantContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds %q, want %q", filepath.Base(path), got, want)
	}
}

func wantMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode(); got != want {
		t.Errorf("%s has mode %v, want %v", filepath.Base(path), got, want)
	}
}

func TestWriteNewFileTakesUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := Write(path, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	wantContent(t, path, "new")
	wantMode(t, path, 0o640)
	if l := leftovers(t, dir); l != nil {
		t.Errorf("left behind: %v", l)
	}
}

// TestWriteKeepsMode is the defect where an existing 0600 target became
// 0644.
func TestWriteKeepsMode(t *testing.T) {
	dir := t.TempDir()
	for _, perm := range []fs.FileMode{0o600, 0o640, 0o755, 0o444} {
		path := filepath.Join(dir, "out.json")
		writeFile(t, path, "old", perm)
		if err := Write(path, []byte("new"), nil); err != nil {
			t.Fatal(err)
		}
		wantContent(t, path, "new")
		wantMode(t, path, perm)
		os.Remove(path)
	}
}

// TestWriteThroughSymlink is the defect where a symbolic link target was
// replaced by a regular file: the link stays, and the file it leads to
// gets the content and keeps its mode.
func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(dir, "real", "schema.json")
	writeFile(t, real, "old", 0o600)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(filepath.Join("real", "schema.json"), link); err != nil {
		t.Fatal(err)
	}
	chain := filepath.Join(dir, "chain.json")
	if err := os.Symlink("link.json", chain); err != nil {
		t.Fatal(err)
	}
	if err := Write(chain, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	wantContent(t, real, "new")
	wantMode(t, real, 0o600)
	for _, l := range []string{link, chain} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", filepath.Base(l))
		}
	}
	if l := leftovers(t, filepath.Join(dir, "real")); l != nil {
		t.Errorf("left behind: %v", l)
	}

	// A link to a file that does not exist yet makes that file.
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join("real", "later.json"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := Write(dangling, []byte("later"), nil); err != nil {
		t.Fatal(err)
	}
	wantContent(t, filepath.Join(dir, "real", "later.json"), "later")

	loop := filepath.Join(dir, "loop.json")
	if err := os.Symlink("loop.json", loop); err != nil {
		t.Fatal(err)
	}
	var le *LinkError
	if err := Write(loop, []byte("x"), nil); !errors.As(err, &le) {
		t.Errorf("a link to itself: got %v, want a *LinkError", err)
	}
}

// TestWriteRefusesInput is the defect where "-o in.json in.json"
// overwrote the sample: the same file under the same name, through a
// symbolic link and through a hard link is refused and left as it was.
func TestWriteRefusesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	writeFile(t, in, "sample", 0o644)
	sym := filepath.Join(dir, "sym.json")
	if err := os.Symlink("in.json", sym); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.json")
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.json")
	writeFile(t, other, "other", 0o644)
	t.Chdir(dir)
	for _, target := range []string{in, "./in.json", sym, hard} {
		err := Write(target, []byte("schema"), &Options{Inputs: []string{"-", other, filepath.Join(dir, "missing.json"), in}})
		var ie *InputError
		if !errors.As(err, &ie) || ie.Input != in {
			t.Errorf("%s: got %v, want an *InputError for %s", target, err, in)
		}
	}
	wantContent(t, in, "sample")
	if err := Write(other, []byte("schema"), &Options{Inputs: []string{in}}); err != nil {
		t.Errorf("a file that is not an input: %v", err)
	}
	wantContent(t, other, "schema")
}

// TestWriteFailureKeepsOriginal: a writer that fails half-way leaves the
// original content and mode, and no temporary file.
func TestWriteFailureKeepsOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	writeFile(t, path, "original", 0o600)
	boom := errors.New("disk full")
	err := WriteFunc(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Repeat("partial ", 100000)); err != nil {
			return err
		}
		return boom
	}, nil)
	if !errors.Is(err, boom) {
		t.Errorf("got %v, want the writer's error", err)
	}
	wantContent(t, path, "original")
	wantMode(t, path, 0o600)
	if l := leftovers(t, dir); l != nil {
		t.Errorf("left behind: %v", l)
	}

	// A new file whose writer fails is not made.
	fresh := filepath.Join(dir, "fresh.json")
	if err := WriteFunc(fresh, func(io.Writer) error { return boom }, nil); !errors.Is(err, boom) {
		t.Errorf("got %v, want the writer's error", err)
	}
	if _, err := os.Lstat(fresh); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed write made %s: %v", fresh, err)
	}
	if l := leftovers(t, dir); l != nil {
		t.Errorf("left behind: %v", l)
	}
}

// TestWriteUnwritablePlaces: a directory target, a missing directory and
// a read-only directory are errors that change nothing.
func TestWriteUnwritablePlaces(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(sub, []byte("x"), nil); err == nil {
		t.Error("writing over a directory: no error")
	}
	if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
		t.Errorf("the directory is gone: %v", err)
	}
	if err := Write(filepath.Join(dir, "missing", "out.json"), []byte("x"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing directory: got %v, want not-exist", err)
	}
	if l := leftovers(t, dir); l != nil {
		t.Errorf("left behind: %v", l)
	}

	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ro, "out.json")
	writeFile(t, path, "original", 0o644)
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o755)
	if os.Geteuid() == 0 {
		t.Skip("root writes in read-only directories")
	}
	if err := Write(path, []byte("new"), nil); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("a read-only directory: got %v, want permission denied", err)
	}
	wantContent(t, path, "original")
	if l := leftovers(t, ro); l != nil {
		t.Errorf("left behind: %v", l)
	}
}

// TestWriteSignalRemovesTemporary is the defect where a kill during the
// write left a large temporary file behind: a child process killed with
// SIGINT or SIGTERM half-way through a write dies of the signal, leaves
// the target as it was and no temporary file.
func TestWriteSignalRemovesTemporary(t *testing.T) {
	if dir := os.Getenv("ATOMICFILE_TEST_CHILD"); dir != "" {
		childWrite(dir)
		return
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "target.json")
			writeFile(t, path, "original", 0o644)
			cmd := exec.Command(os.Args[0], "-test.run=^TestWriteSignalRemovesTemporary$")
			cmd.Env = append(os.Environ(), "ATOMICFILE_TEST_CHILD="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil || line != "writing\n" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child said %q: %v", line, err)
			}
			if l := leftovers(t, dir); len(l) != 1 {
				t.Errorf("during the write: temporary files %v, want one", l)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("child ended with %v, want death by %v", err, sig)
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("child ended with %v, want death by %v", err, sig)
			}
			wantContent(t, path, "original")
			if l := leftovers(t, dir); l != nil {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}

// childWrite writes 4 MB to dir/target.json, says so, and waits to be
// killed.
func childWrite(dir string) {
	err := WriteFunc(filepath.Join(dir, "target.json"), func(w io.Writer) error {
		if _, err := w.Write(make([]byte, 4<<20)); err != nil {
			return err
		}
		os.Stdout.WriteString("writing\n")
		for {
			// Keep writing until the signal closes the file.
			if _, err := w.Write([]byte("x")); err != nil {
				return err
			}
			syscall.Nanosleep(&syscall.Timespec{Nsec: 1e6}, nil)
		}
	}, nil)
	os.Stdout.WriteString("returned: " + errString(err) + "\n")
	os.Exit(3)
}

func errString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}
