package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const diffBase = `{
  "type": "object",
  "title": "Booking confirmed",
  "required": ["bookingId", "status"],
  "properties": {
    "bookingId": {"type": "string", "format": "uuid", "title": "Booking ID", "description": "The booking.", "examples": ["6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"]},
    "status": {"type": "string", "title": "Status", "description": "Where it stands.", "examples": ["confirmed"], "oneOf": [
      {"type": "string", "const": "confirmed", "title": "Confirmed"},
      {"type": "string", "const": "waitlisted", "title": "Waitlisted"}
    ]},
    "guests": {"type": "integer", "title": "Guests", "description": "How many come.", "examples": [2]}
  }
}
`

// variant returns diffBase with each old string replaced by its new one.
func variant(t *testing.T, pairs ...string) string {
	t.Helper()
	s := diffBase
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%q not in the base schema", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func diffIn(t *testing.T, dir string, args ...string) run {
	t.Helper()
	var out, errb bytes.Buffer
	code := Triggerlint(append([]string{"diff"}, args...), Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Dir: dir,
	}, nil)
	return run{code, out.String(), errb.String()}
}

func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"old.json":      diffBase,
		"breaking.json": variant(t, `{"type": "string", "const": "waitlisted", "title": "Waitlisted"}`, `{"type": "string", "const": "cancelled", "title": "Cancelled"}`),
		"safe.json":     variant(t, `"title": "Guests"`, `"title": "Party size"`),
		"same.json":     strings.ReplaceAll(diffBase, "  ", " "),
	})
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"old.json", "breaking.json"}, ExitFindings, "(TKD301)"},
		{[]string{"--fail-severity", "none", "old.json", "breaking.json"}, ExitOK, "(TKD302)"},
		{[]string{"old.json", "safe.json"}, ExitOK, "(TKD501)"},
		{[]string{"--fail-severity", "info", "old.json", "safe.json"}, ExitFindings, "(TKD501)"},
		{[]string{"old.json", "same.json"}, ExitOK, ""},
	} {
		r := diffIn(t, dir, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout, tc.want) || r.stderr != "" {
			t.Errorf("diff %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.args, r.code, tc.code, r.stdout, r.stderr)
		}
		if tc.want == "" && r.stdout != "" {
			t.Errorf("diff %v: want no output, got\n%s", tc.args, r.stdout)
		}
	}
}

func TestDiffJSON(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"old.json": diffBase,
		"new.json": variant(t, `"required": ["bookingId", "status"]`, `"required": ["bookingId", "status", "guests"]`),
	})
	r := diffIn(t, dir, "--format", "json", "old.json", "new.json")
	if r.code != ExitFindings {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var rep struct {
		Findings []struct {
			File, Pointer, Rule, Severity, Message, URL string
			Line, Column                                int
			Example                                     *struct {
				Payload        json.RawMessage
				Side, Old, New string
			}
		}
		Summary struct{ Files, Findings, Errors int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Summary.Errors != 1 || rep.Summary.Files != 1 {
		t.Fatalf("findings %+v, summary %+v", rep.Findings, rep.Summary)
	}
	f := rep.Findings[0]
	if f.File != "new.json" || f.Rule != "TKD105" || f.Severity != "error" || f.Pointer != "/required/2" || f.Line != 4 || f.Column != 39 ||
		!strings.HasSuffix(f.URL, "docs/changes.md#tkd105") {
		t.Errorf("finding %+v", f)
	}
	ex := f.Example
	if ex == nil || ex.Side != "app" || ex.Old != "accepted" || !strings.Contains(ex.New, `missing required property "guests"`) ||
		strings.Contains(string(ex.Payload), "guests") {
		t.Errorf("example %+v", ex)
	}
}

func TestDiffBadInput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"old.json":    diffBase,
		"broken.json": "{\n  \"type\": \"object\",\n  \"properties\": {,}\n}\n",
		"array.json":  "[1]\n",
	})
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"old.json", "broken.json"}, "broken.json:3:18: "},
		{[]string{"old.json", "array.json"}, "array.json:1:1: "},
		{[]string{"old.json", "missing.json"}, "missing.json"},
		{[]string{"old.json"}, "diff needs OLD and NEW"},
		{[]string{"--format", "xml", "old.json", "old.json"}, "unknown --format"},
		{[]string{"--base", "HEAD"}, "--base needs a git working tree"},
	} {
		r := diffIn(t, dir, tc.args...)
		if r.code != ExitError || !strings.Contains(r.stderr, tc.stderr) || strings.Contains(r.stdout, "(TKD") {
			t.Errorf("diff %v: exit %d, want 2 and %q on stderr\nstdout:\n%s\nstderr:\n%s", tc.args, r.code, tc.stderr, r.stdout, r.stderr)
		}
	}
}

// TestDiffBase builds a git repository, changes its schemas in every way
// git can see (modified, added and committed, untracked, deleted, renamed
// with a change), and runs diff --base against it.
func TestDiffBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=triggerkit", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	// Each file has its own title and a property of its own, so that git
	// pairs the rename with its origin and nothing else.
	titled := func(title string) string {
		own := `"` + strings.ToLower(strings.ReplaceAll(title, " ", "")) + `": {"type": "string", "title": "` + title + `", "description": "Only in this file."},`
		return variant(t, `"title": "Booking confirmed"`, `"title": "`+title+`"`, `"properties": {`, `"properties": {`+"\n    "+own)
	}
	writeFiles(t, dir, map[string]string{
		"triggers/booking.json":   diffBase,
		"triggers/retired.json":   titled("Booking retired"),
		"triggers/old-name.json":  titled("Booking renamed"),
		"triggers/unchanged.json": titled("Booking unchanged"),
		"package.json":            `{"name": "app", "version": "1.0.0"}`,
	})
	git("add", ".")
	git("commit", "-q", "-m", "schemas")
	git("tag", "v1")

	writeFiles(t, dir, map[string]string{
		"triggers/booking.json": variant(t, `{"type": "string", "const": "waitlisted", "title": "Waitlisted"}`, `{"type": "string", "const": "cancelled", "title": "Cancelled"}`),
		"triggers/new-one.json": `{"type": "object", "title": "Invoice due", "properties": {"invoiceId": {"type": "string", "title": "Invoice ID", "description": "The invoice.", "examples": ["INV-1"]}}}`,
		"triggers/draft.json":   titled("Booking drafted"), // untracked
		"package.json":          `{"name": "app", "version": "1.1.0"}`,
	})
	git("add", "triggers/new-one.json")
	git("rm", "-q", "triggers/retired.json")
	git("mv", "triggers/old-name.json", "triggers/new-name.json")
	writeFiles(t, dir, map[string]string{
		"triggers/new-name.json": strings.Replace(titled("Booking renamed"), `"title": "Guests"`, `"title": "Party size"`, 1),
	})

	r := diffIn(t, dir, "--base", "v1")
	if r.code != ExitFindings || r.stderr != "" {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "diff-base.txt", r.stdout)

	// Paths narrow the comparison; from a subfolder, paths are the
	// subfolder's and the output stays relative to the top level.
	r = diffIn(t, filepath.Join(dir, "triggers"), "--base", "v1", "--fail-severity", "none", "new-name.json")
	if r.code != ExitOK || strings.Count(r.stdout, "\n") != 3 || !strings.Contains(r.stdout, "triggers/new-name.json:1:1: info: schema file moved from v1:triggers/old-name.json (TKD003)") {
		t.Errorf("narrowed: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	for _, bad := range []string{"no-such-rev", "--help"} {
		r = diffIn(t, dir, "--base", bad)
		if r.code != ExitError || !strings.Contains(r.stderr, "revision") {
			t.Errorf("--base %s: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
}
