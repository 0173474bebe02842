package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfOnString flags drop-downs on non-string properties.
var OneOfOnString = &lint.Rule{
	ID:       "TK6008",
	Name:     "oneof-on-string",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Drop-down properties are strings",
		Text: `Wix's guide says to set "type": "string" on a property with oneOf options. Other types are implied
possible by the option table, but only string drop-downs are documented end to end.`,
		Bad:    `{"type": "object", "properties": {"size": {"type": "integer", "title": "Size", "oneOf": [{"type": "integer", "title": "Small", "const": 1}]}}}`,
		Good:   `{"type": "object", "properties": {"size": {"type": "string", "title": "Size", "oneOf": [{"type": "string", "title": "Small", "const": "S"}]}}}`,
		Source: "spec rule 53; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.OneOf != nil && s.Role == schema.RoleProperty && s.TypeName() != "" && s.TypeName() != "string" {
				pass.ReportKey(s.OneOf, "drop-down options on %s property; drop-downs are documented for strings", withArticle(s.TypeName()))
			}
		}
		return nil
	},
}
