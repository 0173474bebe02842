package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// TypeIsSingleString checks that "type" is one string.
var TypeIsSingleString = &lint.Rule{
	ID:       "TK1010",
	Name:     "type-is-single-string",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Type is a single type name",
		Text: `"type" is one string. Unions such as ["string", "null"] are outside the dialect: payload values
cannot be null, and automations need one type per property to offer conditions.`,
		Bad:    `{"type": "object", "properties": {"note": {"type": ["string", "null"], "title": "Note"}}}`,
		Good:   `{"type": "object", "properties": {"note": {"type": "string", "title": "Note"}}}`,
		Source: "spec rule 10; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.Type == nil || s.Type.Value.Kind == schema.String {
				continue
			}
			if s.Type.Value.Kind == schema.Array {
				pass.ReportValue(s.Type, `"type" is an array, want one type name`)
			} else {
				pass.ReportValue(s.Type, `"type" is %s, want a type name`, kindOf(s.Type.Value))
			}
		}
		return nil
	},
}
