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
		{ID: "XX1002", Name: "Bad_Name", Severity: 0, Doc: Doc{Title: "ends with a period."}},
		{ID: "TK0003", Name: "b--c", Severity: Warning, Since: "v0", Doc: good, Run: ok},
		{ID: "TK1004", Name: "d", Severity: Info, Since: "v0", Doc: Doc{Title: "lower case", Text: "t", Bad: "{}", Good: "{}"}, Run: ok},
	}
	err := Validate(rules)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"rule TK1001: duplicate ID", `duplicate name "a-rule"`, "rule XX1002: ID is not TK",
		`name "Bad_Name" is not kebab-case`, "invalid severity", "Since is not set", "Run is not set",
		"Doc.Title ends with a period", "Doc.Title does not start with a capital", "Doc needs Text",
		"rule TK0003: ID is not TK", `name "b--c"`, "not sorted",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
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
