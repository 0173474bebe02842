package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// keyRule reports every property key, at a severity.
func keyRule(id, name string, sev Severity) *Rule {
	return &Rule{ID: id, Name: name, Severity: sev, Since: "v1",
		Doc: Doc{Title: "Keys", Text: "t", Bad: "{}", Good: "{}"},
		Run: func(p *Pass) error {
			p.Doc.Walk(func(pr *schema.Property) { p.ReportKey(pr.Member, "key %q", pr.Name) })
			return nil
		}}
}

const twoKeys = `{"type": "object", "properties": {"a": {}, "b": {}}}`

func TestBytesFillsTheSummary(t *testing.T) {
	opts := Options{Rules: []*Rule{keyRule("ACME1001", "keys-error", Error), keyRule("ACME1002", "keys-info", Info)}}
	res, err := Bytes("x.json", []byte(twoKeys), opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Files: 1, Findings: 4, Errors: 2, Info: 2}); res.Summary != want {
		t.Errorf("got %+v, want %+v", res.Summary, want)
	}
	if len(res.Findings) != 4 || res.Findings[0].File != "x.json" || res.Findings[0].Line != 1 || res.Findings[0].Column != 35 {
		t.Errorf("findings %+v", res.Findings)
	}
	// The selection options apply: one rule disabled, the other raised.
	opts.Select = SelectOptions{Toggles: []Toggle{{Pattern: "keys-error"}}, Severity: []SeverityOverride{{"ACME1002", Warning}}}
	res, _ = Bytes("x.json", []byte(twoKeys), opts)
	if want := (Summary{Files: 1, Findings: 2, Warnings: 2}); res.Summary != want {
		t.Errorf("with selection: got %+v, want %+v", res.Summary, want)
	}
}

func TestBytesRejectsAPatternMatchingNoRule(t *testing.T) {
	_, err := Bytes("x.json", []byte(twoKeys), Options{Rules: []*Rule{keyRule("ACME1001", "k", Error)},
		Select: SelectOptions{Toggles: []Toggle{{Pattern: "TK9*", On: true}}}})
	if err == nil {
		t.Fatal("got no error, want one for a pattern matching no rule")
	}
}

// TestFindingURLComesFromTheRule checks that a team's rule gets its own URL
// or none, never triggerkit's docs.
func TestFindingURLComesFromTheRule(t *testing.T) {
	linked := keyRule("ACME1001", "linked", Error)
	linked.URL = "https://acme.example/rules#acme1001"
	tk := keyRule("TK2001", "tk", Error)
	opts := Options{Rules: []*Rule{linked, keyRule("ACME1002", "unlinked", Error), tk}}
	res, err := Bytes("x.json", []byte(`{"properties": {"a": {}}}`), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ACME1001": linked.URL, "ACME1002": "", "TK2001": RuleURL("TK2001")}
	if len(res.Findings) != 3 {
		t.Fatalf("findings %+v", res.Findings)
	}
	for _, f := range res.Findings {
		if f.URL != want[f.Rule] {
			t.Errorf("%s: got URL %q, want %q", f.Rule, f.URL, want[f.Rule])
		}
	}
}

// TestFilesGoesOnAfterAnUnreadableFile checks the order of findings over
// many files linted in parallel, and that an unreadable file is an error
// that does not stop the others.
func TestFilesGoesOnAfterAnUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 20 {
		p := filepath.Join(dir, fmt.Sprintf("%02d.json", i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf(`{"properties": {"k%d": {}}}`, i)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		if i == 5 {
			paths = append(paths, filepath.Join(dir, "missing.json"))
		}
	}
	res, err := Files(paths, Options{Rules: []*Rule{keyRule("ACME1001", "k", Warning)}})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v, want the missing file's error", err)
	}
	if res.Summary.Files != 21 || res.Summary.Findings != 20 || res.Summary.Warnings != 20 {
		t.Errorf("summary %+v", res.Summary)
	}
	for i, f := range res.Findings {
		if want := fmt.Sprintf("key %q", fmt.Sprintf("k%d", i)); f.Message != want {
			t.Errorf("finding %d: got %q, want %q", i, f.Message, want)
		}
	}
}

func TestInputsReportsAFailingRuleAsAnInputError(t *testing.T) {
	boom := &Rule{ID: "ACME1001", Name: "boom", Severity: Error, Run: func(*Pass) error { return errors.New("boom") }}
	l, err := New(Options{Rules: []*Rule{boom, keyRule("ACME1002", "k", Error)}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Inputs([]Input{{Name: "a.json", Src: []byte(twoKeys)}})
	var ie *InputError
	var internal *InternalError
	if !errors.As(err, &ie) || ie.Name != "a.json" || !errors.As(err, &internal) || internal.Rule != "ACME1001" {
		t.Fatalf("got %v, want an *InputError for a.json wrapping ACME1001's *InternalError", err)
	}
	if got, want := err.Error(), "a.json: rule ACME1001: internal error: boom"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if res.Summary.Files != 1 || len(res.Findings) != 0 {
		t.Errorf("got %+v, want the file counted and its findings left out", res)
	}
	// Bytes keeps the other rules' findings.
	res, err = l.Bytes("a.json", []byte(twoKeys))
	if !errors.As(err, &ie) || len(res.Findings) != 2 {
		t.Errorf("Bytes: got %v and %d findings, want the error and 2 findings", err, len(res.Findings))
	}
}
