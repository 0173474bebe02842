package linttest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/lint"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

const archive = `comment
-- in.json --
{}
-- want --
old
`

func writeArchive(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "case.txtar")
	if err := os.WriteFile(path, []byte(archive), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// withUpdate runs fn as if the tests ran with -update.
func withUpdate(t *testing.T, fn func()) {
	t.Helper()
	old := *update
	*update = true
	defer func() { *update = old }()
	fn()
}

func TestCompareFailsOnADifferenceAndAMissingSection(t *testing.T) {
	path := writeArchive(t)
	r := &recorder{TB: t}
	Compare(r, path, ReadArchive(t, path),
		txtar.File{Name: "want", Data: []byte("new\n")},
		txtar.File{Name: "notes", Data: []byte("n\n")})
	if len(r.errs) != 2 || !strings.Contains(r.errs[0], `section "want" differs`) ||
		!strings.Contains(r.errs[0], "--- got\nnew\n--- want\nold\n") || !strings.Contains(r.errs[1], `no "notes" section`) {
		t.Errorf("got %q, want a difference in want and a missing notes", r.errs)
	}
	if b, _ := os.ReadFile(path); string(b) != archive {
		t.Errorf("the archive was rewritten without -update:\n%s", b)
	}
}

func TestCompareAcceptsEqualSections(t *testing.T) {
	path := writeArchive(t)
	r := &recorder{TB: t}
	Compare(r, path, ReadArchive(t, path), txtar.File{Name: "want", Data: []byte("old\n")})
	if len(r.errs) != 0 {
		t.Errorf("got %q, want no failure", r.errs)
	}
}

func TestCompareUpdateRewritesSections(t *testing.T) {
	path := writeArchive(t)
	r := &recorder{TB: t}
	withUpdate(t, func() {
		Compare(r, path, ReadArchive(t, path),
			txtar.File{Name: "want", Data: []byte("new\n")},
			txtar.File{Name: "notes", Data: []byte("n\n")})
	})
	if len(r.errs) != 0 {
		t.Errorf("got %q, want no failure with -update", r.errs)
	}
	b, _ := os.ReadFile(path)
	if want := "comment\n-- in.json --\n{}\n-- want --\nnew\n-- notes --\nn\n"; string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	// Rewritten, the archive now passes without -update.
	Compare(r, path, ReadArchive(t, path), txtar.File{Name: "want", Data: []byte("new\n")}, txtar.File{Name: "notes", Data: []byte("n\n")})
	if len(r.errs) != 0 {
		t.Errorf("got %q after -update, want no failure", r.errs)
	}
}

func TestSection(t *testing.T) {
	ar := txtar.Parse([]byte(archive))
	if got := string(Section(t, ar, "in.json")); got != "{}\n" {
		t.Errorf("got %q, want %q", got, "{}\n")
	}
}

// rootRule flags every document's root.
var rootRule = &lint.Rule{
	ID: "ACME1002", Name: "acme-root", Severity: lint.Info, Since: "v1",
	Doc: lint.Doc{Title: "Root", Text: "t", Bad: "{}", Good: "{}"},
	Run: func(p *lint.Pass) error {
		if p.Doc.Root != nil {
			p.ReportNode(p.Doc.Root.Node, "root")
		}
		return nil
	},
}

// TestRunRequiresAFlaggedAndACleanCase runs Run in a child test process
// over a rule with a flagged case only, whose Doc.Good example is flagged
// too, and checks that it fails for both.
func TestRunRequiresAFlaggedAndACleanCase(t *testing.T) {
	if dir := os.Getenv("LINTTEST_CHILD_DIR"); dir != "" {
		Run(t, dir, rootRule)
		return
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "ACME1002"), 0o755); err != nil {
		t.Fatal(err)
	}
	flagged := "-- a.json --\n{}\n-- want --\na.json:1:1: info: root (ACME1002)\n"
	if err := os.WriteFile(filepath.Join(dir, "ACME1002", "flagged.txtar"), []byte(flagged), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunRequiresAFlaggedAndACleanCase$", "-test.v")
	cmd.Env = append(os.Environ(), "LINTTEST_CHILD_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "has 1 flagged and 0 clean cases; want at least one of each") {
		t.Errorf("got err %v and output:\n%s\nwant a failure for the missing clean case", err, out)
	}
	if !strings.Contains(string(out), `Doc.Good example: got findings "doc.good.json:1:1: info: root (ACME1002)\n", want flagged false`) {
		t.Errorf("got output:\n%s\nwant a failure for the flagged Doc.Good", out)
	}
	if !strings.Contains(string(out), "--- PASS: TestRunRequiresAFlaggedAndACleanCase/ACME1002/flagged") {
		t.Errorf("the flagged case itself should pass:\n%s", out)
	}
}
