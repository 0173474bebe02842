package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// ComplexTypesTopLevelOnly checks the nesting limit.
var ComplexTypesTopLevelOnly = &lint.Rule{
	ID:       "TK4003",
	Name:     "complex-types-top-level-only",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Only 1st-level properties are objects or arrays",
		Text: `A trigger schema is at most two levels deep: root, then 1st-level properties, then primitive
2nd-level properties. Only 1st-level properties may be objects or arrays; the properties of an object
property or of array items are strings, numbers, integers or booleans. There are no arrays of arrays and no
objects inside objects: flatten deeper data into 1st-level keys (location_address_city).`,
		Bad:    `{"type": "object", "properties": {"location": {"type": "object", "title": "Location", "properties": {"address": {"type": "object", "title": "Address", "properties": {"city": {"type": "string", "title": "City"}}}}}}}`,
		Good:   `{"type": "object", "properties": {"location": {"type": "object", "title": "Location", "properties": {"address_city": {"type": "string", "title": "City"}}}}}`,
		Source: "spec rule 32 and decision 3; Wix: The Trigger Payload Schema, Report Event, internal draft",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Level() < 2 {
				continue
			}
			if t := p.Schema.TypeName(); t == "object" || t == "array" {
				pass.ReportValue(p.Schema.Type, "%s property at level %d; only 1st-level properties may be objects or arrays", withArticle(t), p.Level())
			}
		}
		return nil
	},
}
