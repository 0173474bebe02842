package lint

import (
	"strings"
	"testing"
)

func TestValidateReportsEveryProblem(t *testing.T) {
	ok := func(p *Pass) error { return nil }
	good := Doc{Title: "A title", Text: "t", Bad: "{}", Good: "{}"}
	rules := []*Rule{
		{ID: "TK1001", Name: "a-rule", Severity: Error, Since: "v0", Doc: good, Run: ok},
		{ID: "TK1001", Name: "a-rule", Severity: Error, Since: "v0", Doc: good, Run: ok},
		{ID: "X1002", Name: "Bad_Name", Severity: 0, Doc: Doc{Title: "ends with a period."}},
		{ID: "TK0003", Name: "b--c", Severity: Warning, Since: "v0", Doc: good, Run: ok},
		{ID: "TK1004", Name: "d", Severity: Info, Since: "v0", Doc: Doc{Title: "lower case", Text: "t", Bad: "{}", Good: "{}"}, Run: ok},
	}
	err := Validate(rules)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"rule TK1001: duplicate ID", `duplicate name "a-rule"`, "rule X1002: ID is not 2 to 5 upper-case letters",
		`name "Bad_Name" is not kebab-case`, "invalid severity", "Since is not set", "Run is not set",
		"Doc.Title ends with a period", "Doc.Title does not start with a capital", "Doc needs Text",
		"rule TK0003: ID is not 2 to 5", `name "b--c"`, "not sorted",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

// TestValidateIDPrefixes checks the documented ID scheme: 2 to 5
// upper-case letters and four digits, the first not 0; TK IDs in a named
// group; TKD never a rule's prefix.
func TestValidateIDPrefixes(t *testing.T) {
	tests := []struct {
		id   string
		want string // "" when the ID is valid
	}{
		{"TK1001", ""},
		{"ACME1001", ""},
		{"AB9999", ""},
		{"ABCDE1000", ""},
		{"TK9001", "ID is in no group"},
		{"TKD1001", "prefix TKD is reserved"},
		{"A1001", "ID is not 2 to 5"},
		{"ABCDEF1001", "ID is not 2 to 5"},
		{"ACME0001", "ID is not 2 to 5"},
		{"ACME100", "ID is not 2 to 5"},
		{"ACME10001", "ID is not 2 to 5"},
		{"acme1001", "ID is not 2 to 5"},
		{"AC-1001", "ID is not 2 to 5"},
	}
	for _, tt := range tests {
		err := Validate([]*Rule{validRule(tt.id)})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: got %v, want no error", tt.id, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want %q", tt.id, err, tt.want)
		}
	}
}

func TestValidateURL(t *testing.T) {
	for _, u := range []string{"docs/acme.md", "ftp://example.com/x", "https://", "://x"} {
		r := validRule("ACME1001")
		r.URL = u
		if err := Validate([]*Rule{r}); err == nil || !strings.Contains(err.Error(), "is not an absolute http or https URL") {
			t.Errorf("URL %q: got %v, want an error", u, err)
		}
	}
	r := validRule("ACME1001")
	r.URL = "https://acme.example/lint#acme1001"
	if err := Validate([]*Rule{r}); err != nil {
		t.Error(err)
	}
}

// TestDocURL checks that a TK rule defaults to triggerkit's docs, and that
// a team's rule without a URL gets none rather than a wrong one.
func TestDocURL(t *testing.T) {
	tk, acme, linked := validRule("TK3008"), validRule("ACME1001"), validRule("ACME1002")
	linked.URL = "https://acme.example/lint#acme1002"
	for _, tt := range []struct {
		r    *Rule
		want string
	}{
		{tk, "https://github.com/triggerkit/triggerkit/blob/main/docs/rules.md#tk3008"},
		{acme, ""},
		{linked, "https://acme.example/lint#acme1002"},
	} {
		if got := tt.r.DocURL(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.r.ID, got, tt.want)
		}
	}
}

func TestPrefixGroupReserved(t *testing.T) {
	for _, tt := range []struct {
		id, prefix, group string
		reserved          bool
	}{
		{"TK3008", "TK", "Titles, descriptions and examples", true},
		{"TKD1001", "TKD", "", true},
		{"ACME1001", "ACME", "", false},
		{"TK", "", "", false},
		{"", "", "", false},
	} {
		if p, g, r := Prefix(tt.id), Group(tt.id), Reserved(tt.id); p != tt.prefix || g != tt.group || r != tt.reserved {
			t.Errorf("%q: got %q %q %v, want %q %q %v", tt.id, p, g, r, tt.prefix, tt.group, tt.reserved)
		}
	}
}

func validRule(id string) *Rule {
	return &Rule{ID: id, Name: "a-rule", Severity: Warning, Since: "v0", Run: func(*Pass) error { return nil },
		Doc: Doc{Title: "A title", Text: "t", Bad: "{}", Good: "{}"}}
}

func TestSelect(t *testing.T) {
	mk := func(id, name string, optional bool) *Rule {
		return &Rule{ID: id, Name: name, Severity: Warning, Optional: optional}
	}
	all := []*Rule{mk("TK1001", "one", false), mk("TK1002", "two", false), mk("TK3001", "three", false), mk("TK3002", "four", true)}
	ids := func(s *Selection) string {
		var out []string
		for _, r := range s.Rules() {
			out = append(out, r.ID)
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		toggles []Toggle
		want    string
	}{
		{nil, "TK1001 TK1002 TK3001"},
		{[]Toggle{{"all", false}, {"TK3*", true}}, "TK3001 TK3002"},
		{[]Toggle{{"TK3*", false}, {"three", true}}, "TK1001 TK1002 TK3001"},
		{[]Toggle{{"tk1*", false}}, "TK3001"},
		{[]Toggle{{"all", true}}, "TK1001 TK1002 TK3001 TK3002"},
	}
	for _, tt := range tests {
		s, err := Select(all, SelectOptions{Toggles: tt.toggles})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(s); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.toggles, got, tt.want)
		}
	}
	if _, err := Select(all, SelectOptions{Toggles: []Toggle{{"TK9*", true}}}); err == nil {
		t.Error("a pattern matching nothing must be an error")
	}
	if _, err := Select(all, SelectOptions{Toggles: []Toggle{{"TK[", true}}}); err == nil {
		t.Error("a malformed glob must be an error")
	}
	s, _ := Select(all, SelectOptions{Severity: []SeverityOverride{{"TK1*", Error}, {"TK1002", Info}}})
	if s.Severity(all[0]) != Error || s.Severity(all[1]) != Info || s.Severity(all[2]) != Warning {
		t.Error("severity overrides")
	}
}

func TestRunRecoversFromAPanickingRule(t *testing.T) {
	// A rule that panics is an internal error, not a crash; the other
	// rules still report.
	boom := &Rule{ID: "TK1001", Name: "boom", Severity: Error, Run: func(*Pass) error { panic("boom") }}
	fine := &Rule{ID: "TK1002", Name: "fine", Severity: Error, Run: func(p *Pass) error {
		p.Reportf(p.Doc.Root.Node.Span, "", "found")
		return nil
	}}
	s, _ := Select([]*Rule{boom, fine}, SelectOptions{})
	doc := mustLoad(t, `{"type": "object"}`)
	diags, err := Run(doc, s)
	var ie *InternalError
	if err == nil || !asInternal(err, &ie) || ie.Rule != "TK1001" || !strings.Contains(err.Error(), "rule TK1001: internal error: panic: boom") {
		t.Errorf("err = %v", err)
	}
	if len(diags) != 1 || diags[0].Rule != "TK1002" {
		t.Errorf("diags = %+v", diags)
	}
}
