package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ArrayItemsProperties checks that object items declare properties.
var ArrayItemsProperties = &lint.Rule{
	ID:       "TK4006",
	Name:     "array-items-properties",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Array items declare their properties",
		Text: `The "items" of an array property have a non-empty "properties" object: the 2nd-level properties
users can use. "items.required" is optional.`,
		Bad:    `{"type": "object", "properties": {"lines": {"type": "array", "title": "Lines", "items": {"type": "object"}}}}`,
		Good:   `{"type": "object", "properties": {"lines": {"type": "array", "title": "Lines", "items": {"type": "object", "properties": {"sku": {"type": "string", "title": "SKU"}}}}}}`,
		Source: "spec rule 35; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			items := p.Schema.ItemsSchema
			if p.Schema.TypeName() != "array" || items == nil || items.TypeName() != "object" {
				continue
			}
			switch pr := items.Properties; {
			case pr == nil:
				pass.ReportKey(p.Schema.Items, `array items have no "properties"`)
			case pr.Value.Kind == schema.Object && len(pr.Value.Members) == 0:
				pass.ReportValue(pr, `array items have empty "properties"`)
			}
		}
		return nil
	},
}
