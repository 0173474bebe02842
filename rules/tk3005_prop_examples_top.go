package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// PropExamplesTop checks that 1st-level properties have examples.
var PropExamplesTop = &lint.Rule{
	ID:       "TK3005",
	Name:     "prop-examples-top",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "1st-level properties have examples",
		Text: `Every 1st-level property has "examples": a non-empty array of realistic values. Wix shows them as
placeholders when users test their actions; the documentation calls them mandatory.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID", "examples": ["3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03"]}}}`,
		Source: "spec rule 23; Wix: The Trigger Payload Schema, internal draft, Wix skills docs",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Level() != 1 {
				continue
			}
			e := p.Schema.Examples
			switch {
			case e == nil && p.Schema.Example == nil:
				pass.ReportKey(p.Member, `missing "examples"`)
			case e != nil && e.Value.Kind == schema.Array && len(e.Value.Elems) == 0:
				pass.ReportValue(e, `"examples" is empty, want at least one example`)
			}
		}
		return nil
	},
}
