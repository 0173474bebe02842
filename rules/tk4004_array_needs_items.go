package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ArrayNeedsItems checks that arrays declare their items.
var ArrayNeedsItems = &lint.Rule{
	ID:       "TK4004",
	Name:     "array-needs-items",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Array properties have an items object",
		Text:  `A property of type "array" has "items": one schema object that every element follows.`,
		Bad:   `{"type": "object", "properties": {"lines": {"type": "array", "title": "Lines"}}}`,
		Good: `{"type": "object", "properties": {"lines": {"type": "array", "title": "Lines", "items": {"type": "object",
  "properties": {"sku": {"type": "string", "title": "SKU"}}}}}}`,
		Source: "spec rule 33; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			s := p.Schema
			if s.TypeName() != "array" {
				continue
			}
			switch {
			case s.Items == nil:
				pass.ReportKey(p.Member, `array property has no "items"`)
			case s.Items.Value.Kind != schema.Object:
				pass.ReportValue(s.Items, `"items" is %s, want one schema object`, kindOf(s.Items.Value))
			}
		}
		return nil
	},
}
