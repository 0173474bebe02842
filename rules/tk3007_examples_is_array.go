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
	},
	Run: func(pass *lint.Pass) error {
		pass.Doc.Schemas(func(s *schema.Schema) {
			if s.Example != nil {
				pass.ReportKey(s.Example, `"example" is not a keyword; write "examples" with an array`)
			}
			if e := s.Examples; e != nil && e.Value.Kind != schema.Array {
				pass.ReportValue(e, `"examples" is %s, want an array`, kindOf(e.Value))
			}
		})
		return nil
	},
}
