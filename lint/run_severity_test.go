package lint

import (
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// TestSeverityOverrideAppliesToSecondSeverity is the regression test of an
// override that changed only the diagnostics a rule reports at its default
// severity: a rule that also reports warnings kept them as warnings under
// --severity ID=error.
func TestSeverityOverrideAppliesToSecondSeverity(t *testing.T) {
	twoLevels := &Rule{ID: "TK5002", Name: "two-levels", Severity: Error, Run: func(p *Pass) error {
		p.Reportf(schema.Span{End: 1}, "", "at the default severity")
		p.Report(Diagnostic{Severity: Warning, Span: schema.Span{End: 1}, Message: "at a second severity"})
		p.Report(Diagnostic{Severity: Info, Span: schema.Span{End: 1}, Message: "at a third severity"})
		return nil
	}}
	doc := mustLoad(t, `{"type": "object"}`)
	for _, want := range []Severity{Error, Warning, Info} {
		sel, err := Select([]*Rule{twoLevels}, SelectOptions{Severity: []SeverityOverride{{Pattern: "TK5002", Severity: want}}})
		if err != nil {
			t.Fatal(err)
		}
		diags, err := Run(doc, sel)
		if err != nil {
			t.Fatal(err)
		}
		if len(diags) != 3 {
			t.Fatalf("%d diagnostics, want 3", len(diags))
		}
		for _, d := range diags {
			if d.Severity != want {
				t.Errorf("--severity TK5002=%v: %q is %v", want, d.Message, d.Severity)
			}
		}
	}
	// Without an override, each diagnostic keeps the severity it was
	// reported at.
	sel, _ := Select([]*Rule{twoLevels}, SelectOptions{})
	diags, _ := Run(doc, sel)
	got := map[string]Severity{}
	for _, d := range diags {
		got[d.Message] = d.Severity
	}
	if got["at the default severity"] != Error || got["at a second severity"] != Warning || got["at a third severity"] != Info {
		t.Errorf("without an override: %v", got)
	}
}
