package triggerlint_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/triggerlint"
	"github.com/triggerkit/triggerkit/validate"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, extra []*lint.Rule, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := triggerlint.Run(args, triggerlint.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, extra...)
	return result{code, out.String(), errb.String()}
}

func TestRunLintsWithTheExtraRule(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(path, []byte(noPrice.Doc.Bad), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, []*lint.Rule{noPrice}, "lint", "--format", "json", "--disable", "TK*", path)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", r.code, r.stderr)
	}
	var rep lint.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "ACME2001" || rep.Findings[0].URL != "" ||
		rep.Findings[0].Message != `key "price", want "amount"` || rep.Summary.Errors != 1 {
		t.Errorf("got %+v", rep)
	}
	// Without the extra rule, the same command does not know its ID.
	if r := run(t, nil, "lint", "--disable", "ACME2001", path); r.code != 2 || !strings.Contains(r.stderr, `"ACME2001" matches no rule`) {
		t.Errorf("without the rule: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestRulesListsTheExtraRule(t *testing.T) {
	r := run(t, []*lint.Rule{noPrice}, "rules", "--format", "json")
	var list []struct{ ID, URL string }
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatal(err)
	}
	// The schema rules with the extra one, then the payload rules, the
	// change kinds and the findings about stale config entries.
	if want := len(rules.All()) + 1 + len(validate.Rules()) + len(diff.Kinds()) + len(findings.SuppressionEntries()); len(list) != want {
		t.Fatalf("got %d entries, want %d", len(list), want)
	}
	stale := list[len(list)-len(findings.SuppressionEntries()):]
	for i, e := range findings.SuppressionEntries() {
		if stale[i].ID != e.ID || stale[i].URL != e.URL {
			t.Errorf("entry %d from the end: %+v, want %s", i, stale[i], e.ID)
		}
	}
	list = list[:len(list)-len(stale)]
	found := false
	for i, e := range list {
		if i > 0 && list[i-1].ID >= e.ID {
			t.Errorf("rules not sorted: %s before %s", list[i-1].ID, e.ID)
		}
		if e.ID == "ACME2001" {
			found = true
			if e.URL != "" {
				t.Errorf("ACME2001 has no URL, got %q", e.URL)
			}
		} else if e.URL != findings.URL(e.ID) {
			t.Errorf("%s: URL %q", e.ID, e.URL)
		}
	}
	if !found {
		t.Error("ACME2001 is not listed")
	}
	if r := run(t, []*lint.Rule{noPrice}, "explain", "ACME2001"); r.code != 0 || strings.Contains(r.stdout, "Online:") {
		t.Errorf("explain: exit %d, a rule without a URL shows none:\n%s", r.code, r.stdout)
	}
}

// TestRunPanicsOnAnInvalidRuleSet checks that a bad extra rule is refused
// before anything runs, as a programmer error.
func TestRunPanicsOnAnInvalidRuleSet(t *testing.T) {
	clone := func(edit func(r *lint.Rule)) *lint.Rule {
		r := *noPrice
		edit(&r)
		return &r
	}
	tests := []struct {
		name  string
		extra []*lint.Rule
		want  string
	}{
		{"reserved TK", []*lint.Rule{clone(func(r *lint.Rule) { r.ID = "TK2099" })}, "rule TK2099: prefix TK is reserved for triggerkit"},
		{"reserved TKD", []*lint.Rule{clone(func(r *lint.Rule) { r.ID = "TKD1001" })}, "rule TKD1001: prefix TKD is reserved"},
		{"bad ID", []*lint.Rule{clone(func(r *lint.Rule) { r.ID = "acme1" })}, "rule acme1: ID is not 2 to 5 upper-case letters"},
		{"name taken", []*lint.Rule{clone(func(r *lint.Rule) { r.Name = rules.All()[0].Name })}, "duplicate name"},
		{"twice", []*lint.Rule{noPrice, noPrice}, "rule ACME2001: duplicate ID"},
		{"nil", []*lint.Rule{nil}, "is nil"},
		{"no Run", []*lint.Rule{clone(func(r *lint.Rule) { r.Run = nil })}, "Run is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := triggerlint.Rules(tt.extra...); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Rules: got %v, want %q", err, tt.want)
			}
			defer func() {
				v := recover()
				if s := fmt.Sprint(v); !strings.Contains(s, "triggerlint: invalid rule set: ") || !strings.Contains(s, tt.want) {
					t.Errorf("got panic %q, want %q", s, tt.want)
				}
			}()
			run(t, tt.extra, "version")
		})
	}
}

func TestRulesWithoutExtraIsRulesAll(t *testing.T) {
	got, err := triggerlint.Rules()
	if err != nil {
		t.Fatal(err)
	}
	all := rules.All()
	if len(got) != len(all) {
		t.Fatalf("got %d rules, want %d", len(got), len(all))
	}
	for i := range all {
		if got[i] != all[i] {
			t.Errorf("rule %d: got %s, want %s", i, got[i].ID, all[i].ID)
		}
	}
}
