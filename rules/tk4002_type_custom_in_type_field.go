package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// TypeCustomInTypeField flags custom type names written as "type".
var TypeCustomInTypeField = &lint.Rule{
	ID:       "TK4002",
	Name:     "type-custom-in-type-field",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Custom types go in wixCustomType, not in type",
		Text: `Wix's reference table lists MONEY and ATTACHMENT as values of "type", but every example, and the
dashboard, write "type": "object" with "wixCustomType": "MONEY". ORDER_ID and IMAGE_URL are strings with a
wixCustomType in the same way.`,
		Bad:    `{"type": "object", "properties": {"price": {"type": "MONEY", "title": "Price"}}}`,
		Good:   `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price"}}}`,
		Source: "spec rule 31; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			t := s.TypeName()
			if t == "" || schema.IsType(t) || !isCustomTypeName(t) {
				continue
			}
			pass.ReportValue(s.Type, `type %q is a custom type; write "type": %q with "wixCustomType": %q`, t, customBaseType(t), t)
		}
		return nil
	},
}

// customBaseType is the JSON type a custom type is written with.
func customBaseType(custom string) string {
	if c, ok := schema.LookupCustomTypeHead(custom); ok {
		return c.Type
	}
	return "string"
}
