package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// applyDiff applies a unified diff to a copy of src named name with
// patch(1), and returns the patched text; it skips the test when patch is
// not installed.
func applyDiff(t *testing.T, name, src, diff string) string {
	t.Helper()
	patchPath, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch is not installed")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patchPath, "-p1", "--batch", "--no-backup-if-mismatch", "-d", dir)
	cmd.Stdin = strings.NewReader(diff)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("patch: %v\n%s\ndiff:\n%q", err, out.String(), diff)
	}
	return readString(t, path)
}

// TestB8CRLFFixDiffApplies: fix --diff printed the CR of a CRLF file as the
// text \u000d, so that patch refused the diff ("different line endings").
func TestB8CRLFFixDiffApplies(t *testing.T) {
	crlf := strings.ReplaceAll(unfixed, "\n", "\r\n")
	dir := fmtFiles(t, "schema.json", crlf)
	d := cmdIn(t, dir, "", "fix", "--diff", "schema.json")
	if strings.Contains(d.stdout, `\u000d`) {
		t.Errorf("fix --diff escaped the CR of a line end:\n%s", d.stdout)
	}
	if r := cmdIn(t, dir, "", "fix", "schema.json"); !strings.Contains(r.stderr, "fixed schema.json") {
		t.Fatalf("fix: exit %d, stderr %q", r.code, r.stderr)
	}
	want := readString(t, filepath.Join(dir, "schema.json"))
	if want == crlf {
		t.Fatal("fix changed nothing")
	}
	if got := applyDiff(t, "schema.json", crlf, d.stdout); got != want {
		t.Errorf("the patched file:\n%q\nwant fix's result:\n%q", got, want)
	}
}

// TestB8CRLFFmtDiffApplies: fmt --diff of a CRLF file, likewise.
func TestB8CRLFFmtDiffApplies(t *testing.T) {
	crlf := strings.ReplaceAll(unformatted, "\n", "\r\n") + "\r\n"
	dir := fmtFiles(t, "schema.json", crlf)
	d := cmdIn(t, dir, "", "fmt", "--diff", "schema.json")
	if strings.Contains(d.stdout, `\u000d`) {
		t.Errorf("fmt --diff escaped the CR of a line end:\n%s", d.stdout)
	}
	cmdIn(t, dir, "", "fmt", "schema.json")
	want := readString(t, filepath.Join(dir, "schema.json"))
	if want == crlf {
		t.Fatal("fmt changed nothing")
	}
	if got := applyDiff(t, "schema.json", crlf, d.stdout); got != want {
		t.Errorf("the patched file:\n%q\nwant fmt's result:\n%q", got, want)
	}
}

// TestB8DiffStillEscapesOtherControls: a CR inside a line, and every other
// control or bidi character, is still escaped in a diff.
func TestB8DiffStillEscapesOtherControls(t *testing.T) {
	var out bytes.Buffer
	writeDiff(Env{Stdout: &out}, "+a\rb\x1b[31m\u202e\r\n-c\r\r\n \td\n+e\r")
	want := "+a\\u000db\\u001b[31m\\u202e\r\n-c\\u000d\r\n \\u0009d\n+e\\u000d"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
