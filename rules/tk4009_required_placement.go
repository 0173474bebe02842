package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// RequiredPlacement flags "required" on properties that cannot use it.
var RequiredPlacement = &lint.Rule{
	ID:       "TK4009",
	Name:     "required-placement",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Required sits on objects and array items",
		Text: `A property-level "required" belongs on object properties. For an array, put it inside "items", next
to the properties it names. On a string, number or boolean it has no effect: list the property in its
parent's "required" instead.`,
		Bad:    `{"type": "object", "properties": {"lines": {"type": "array", "title": "Lines", "required": ["sku"], "items": {"type": "object", "properties": {"sku": {"type": "string", "title": "SKU"}}}}}}`,
		Good:   `{"type": "object", "properties": {"lines": {"type": "array", "title": "Lines", "items": {"type": "object", "required": ["sku"], "properties": {"sku": {"type": "string", "title": "SKU"}}}}}}`,
		Source: "spec rule 38; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			s := p.Schema
			if s.Required == nil || s.Required.Value.Kind != schema.Array {
				continue // TK1006 explains other shapes
			}
			switch t := s.TypeName(); {
			case t == "array":
				pass.ReportKey(s.Required, `"required" on an array property belongs inside "items"`)
			case t != "object" && schema.IsType(t):
				pass.ReportKey(s.Required, `"required" on %s property has no effect; list the property in its parent's "required"`, withArticle(t))
			}
		}
		return nil
	},
}
