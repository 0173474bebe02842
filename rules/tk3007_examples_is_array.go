package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ExamplesIsArray checks the form of "examples".
var ExamplesIsArray = &lint.Rule{
	ID:       "TK3007",
	Name:     "examples-is-array",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Examples is an array",
		Text: `"examples" is an array, even for a single value. The singular "example" is not a keyword: Wix
ignores it, and the property then has no example.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID", "example": "A-1001"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID", "examples": ["A-1001"]}}}`,
		Source: "spec rule 25; Wix: The Trigger Payload Schema",
		Fix:    `Puts an "examples" value that is not an array in one; renames "example" to "examples" and puts its value in an array, unless "examples" is there too.`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if m := s.Example; m != nil {
				d := lint.Diagnostic{Pointer: m.Value.Pointer(), Span: m.KeySpan, Message: `"example" is not a keyword; write "examples" with an array`}
				if s.Examples == nil {
					f := lint.Replace(`rename "example" to "examples"`, m.KeySpan, `"examples"`)
					if m.Value.Kind != schema.Array || s.TypeName() == "array" {
						f.Message += " and put the value in an array"
						f.Edits = append(f.Edits, wrap("", m.Value).Edits...)
					}
					d.Fixes = fixes(f)
				}
				pass.Report(d)
			}
			if e := s.Examples; e != nil && e.Value.Kind != schema.Array {
				pass.ReportFix(e.Value.Span, e.Value.Pointer(), wrap("put the example in an array", e.Value),
					`"examples" is %s, want an array`, kindOf(e.Value))
			}
		}
		return nil
	},
}
