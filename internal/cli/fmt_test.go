package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/format"
)

const unformatted = `{"required": ["orderId"], "properties": {"orderId": {"examples": ["3b241101-e2bb-4255-8caf-4136c566a962"],
  "format": "uuid", "title": "Order ID", "type": "string"}}, "type": "object"}`

const formatted = `{
  "type": "object",
  "properties": {
    "orderId": {
      "type": "string",
      "title": "Order ID",
      "format": "uuid",
      "examples": ["3b241101-e2bb-4255-8caf-4136c566a962"]
    }
  },
  "required": ["orderId"]
}
`

const unparseable = `{
  "type": "object", // a comment
  "properties": {},
}
`

// fmtFiles writes name/content pairs into a new directory with mode
// 0640 and returns it.
func fmtFiles(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < len(files); i += 2 {
		if err := os.WriteFile(filepath.Join(dir, files[i]), []byte(files[i+1]), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFmtWritesTheFileKeepingItsMode(t *testing.T) {
	dir := fmtFiles(t, "s.json", unformatted)
	path := filepath.Join(dir, "s.json")
	r := triggerlint(t, "", nil, false, "fmt", "-v", path)
	if got := readString(t, path); got != formatted {
		t.Errorf("formatted file:\n%s\nwant:\n%s", got, formatted)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	if r.code != ExitOK || r.stdout != "" || r.stderr != "triggerlint: note: formatted "+path+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the directory, want 1: a temporary file was left", len(entries))
	}
	again := triggerlint(t, "", nil, false, "fmt", "-v", path)
	if readString(t, path) != formatted || again.code != ExitOK || again.stderr != "" {
		t.Errorf("a second fmt: exit %d, stderr %q", again.code, again.stderr)
	}
}

func TestFmtCheckListsWhatIsNotFormatted(t *testing.T) {
	dir := fmtFiles(t, "a.json", unformatted, "b.json", formatted, "c.json", unformatted)
	r := triggerlint(t, "", nil, false, "fmt", "--check", dir)
	want := filepath.Join(dir, "a.json") + "\n" + filepath.Join(dir, "c.json") + "\n"
	if r.code != ExitFindings || r.stdout != want || r.stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", r.code, r.stdout, r.stderr, want)
	}
	if readString(t, filepath.Join(dir, "a.json")) != unformatted {
		t.Error("--check wrote a file")
	}
	clean := fmtFiles(t, "b.json", formatted)
	if r := triggerlint(t, "", nil, false, "fmt", "--check", clean); r.code != ExitOK || r.stdout != "" {
		t.Errorf("formatted directory: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestFmtDiffPrintsAndWritesNothing(t *testing.T) {
	dir := fmtFiles(t, "s.json", `{"title": "T", "type": "object"}`)
	path := filepath.Join(dir, "s.json")
	r := triggerlint(t, "", nil, false, "fmt", "--diff", path)
	want := "--- a/" + path + "\n+++ b/" + path + "\n" + `@@ -1 +1,4 @@
-{"title": "T", "type": "object"}
\ No newline at end of file
+{
+  "type": "object",
+  "title": "T"
+}
`
	if r.code != ExitFindings || r.stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", r.code, r.stdout, want)
	}
	if readString(t, path) != `{"title": "T", "type": "object"}` {
		t.Error("--diff wrote the file")
	}
}

// TestFmtRefusesWhatDoesNotParse checks that a file that does not parse
// cleanly is reported with each problem and left byte for byte, exit 2,
// while the other files are still formatted.
func TestFmtRefusesWhatDoesNotParse(t *testing.T) {
	dir := fmtFiles(t, "a.json", unparseable, "b.json", unformatted)
	r := triggerlint(t, "", nil, false, "fmt", dir)
	a := filepath.Join(dir, "a.json")
	want := "triggerlint: " + a + ":2:21: comment; JSON has no comments\n" +
		"triggerlint: " + a + ":3:19: trailing comma before }\n" +
		"triggerlint: " + a + ": not formatted: fix the problems above first\n"
	if r.code != ExitError || r.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
	if readString(t, a) != unparseable {
		t.Error("the file that does not parse was rewritten")
	}
	if readString(t, filepath.Join(dir, "b.json")) != formatted {
		t.Error("the good file beside it was not formatted")
	}
	os.WriteFile(filepath.Join(dir, "b.json"), []byte(unformatted), 0o640)
	r = triggerlint(t, "", nil, false, "fmt", "--check", dir)
	if r.code != ExitError || r.stdout != filepath.Join(dir, "b.json")+"\n" {
		t.Errorf("--check: exit %d, stdout %q; want 2 and the unformatted file listed", r.code, r.stdout)
	}
}

func TestFmtStandardInput(t *testing.T) {
	r := triggerlint(t, unformatted, nil, false, "fmt", "-")
	if r.code != ExitOK || r.stdout != formatted {
		t.Errorf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
	r = triggerlint(t, unformatted, nil, false, "fmt", "--check", "-")
	if r.code != ExitFindings || r.stdout != "<stdin>\n" {
		t.Errorf("--check -: exit %d, stdout %q", r.code, r.stdout)
	}
	r = triggerlint(t, formatted, nil, false, "fmt", "--check", "-")
	if r.code != ExitOK || r.stdout != "" {
		t.Errorf("--check - formatted: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestFmtUsage(t *testing.T) {
	r := triggerlint(t, "", nil, false, "fmt")
	if r.code != ExitError || !strings.HasPrefix(r.stderr, "triggerlint: no files to format\n") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = triggerlint(t, "", nil, false, "fmt", filepath.Join(t.TempDir(), "missing.json"))
	if r.code != ExitError || !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("missing file: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestFmtExamples checks fmt over the repository's examples, copied: the
// files that parse are written as format.Source formats them, a second run
// finds nothing to do, and the pasted one is refused and kept.
func TestFmtExamples(t *testing.T) {
	dir := t.TempDir()
	names, _ := filepath.Glob("../../examples/*.json")
	orig := map[string]string{}
	for _, n := range names {
		b := readString(t, n)
		orig[filepath.Base(n)] = b
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(orig) < 3 {
		t.Fatalf("only %d examples", len(orig))
	}
	r := triggerlint(t, "", nil, false, "fmt", dir)
	if r.code != ExitError || !strings.Contains(r.stderr, "invoice-due-pasted.json: not formatted") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for base, src := range orig {
		got := readString(t, filepath.Join(dir, base))
		want, err := format.Source([]byte(src))
		if err != nil {
			want = []byte(src) // refused: kept as it was
		}
		if got != string(want) {
			t.Errorf("%s:\n%s\nwant:\n%s", base, got, want)
		}
	}
	if r := triggerlint(t, "", nil, false, "fmt", "--check", dir); strings.TrimSpace(r.stdout) != "" {
		t.Errorf("after fmt, --check lists %q", r.stdout)
	}
}

// TestFmtFailedWriteKeepsTheFile makes the directory read-only: the write
// fails, the file keeps its content, and the exit code is 2.
func TestFmtFailedWriteKeepsTheFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only directories")
	}
	dir := fmtFiles(t, "s.json", unformatted)
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	r := triggerlint(t, "", nil, false, "fmt", dir)
	if r.code != ExitError || readString(t, filepath.Join(dir, "s.json")) != unformatted {
		t.Errorf("exit %d, stderr %q; file changed: %v", r.code, r.stderr, readString(t, filepath.Join(dir, "s.json")) != unformatted)
	}
}
