package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// ArrayItemsObject checks that array items are objects.
var ArrayItemsObject = &lint.Rule{
	ID:       "TK4005",
	Name:     "array-items-object",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Array items are objects",
		Text: `Arrays in a trigger payload hold objects: "items" has "type": "object". Arrays of strings or
numbers are not allowed; wrap each value in an object ({"tag": "vip"}).`,
		Bad:    `{"type": "object", "properties": {"tags": {"type": "array", "title": "Tags", "items": {"type": "string"}}}}`,
		Good:   `{"type": "object", "properties": {"tags": {"type": "array", "title": "Tags", "items": {"type": "object", "properties": {"tag": {"type": "string", "title": "Tag"}}}}}}`,
		Source: "spec rule 34 and decision 2; Wix: The Trigger Payload Schema, Report Event, internal draft",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			items := p.Schema.ItemsSchema
			if p.Schema.TypeName() != "array" || items == nil {
				continue
			}
			switch t := items.TypeName(); {
			case items.Type == nil:
				pass.ReportKey(p.Schema.Items, `array items have no "type", want "object"`)
			case t != "object":
				pass.ReportValue(items.Type, `array items are of type %s, want "object"; arrays of primitives are not allowed`, show(items.Type.Value))
			}
		}
		return nil
	},
}
