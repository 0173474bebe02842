package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// SchemaDraft07 checks "$schema".
var SchemaDraft07 = &lint.Rule{
	ID:       "TK1008",
	Name:     "schema-draft07",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "The $schema, if any, is draft-07",
		Text: `Wix saves trigger schemas with "$schema": "http://json-schema.org/draft-07/schema" whatever the
file says. Another draft suggests keywords or meanings the dialect does not have. "$schema" belongs at the
root only.`,
		Bad:    `{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Good:   `{"$schema": "http://json-schema.org/draft-07/schema", "type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Source: "spec rule 8; Wix: The Payload Schema (legacy article), internal draft",
		Fix:    `Writes "$schema" as "http://json-schema.org/draft-07/schema".`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.SchemaURI == nil {
				continue
			}
			if s.Role != schema.RoleRoot {
				pass.ReportKey(s.SchemaURI, `"$schema" belongs at the root only`)
				continue
			}
			v := s.SchemaURI.Value
			switch {
			case v.Kind != schema.String:
				pass.ReportFix(v.Span, v.Pointer(), replaceValue("write the draft-07 URI", v, schema.Quote(draft07)),
					`"$schema" is %s, want "http://json-schema.org/draft-07/schema"`, kindOf(v))
			case !isDraft07(v.Text):
				pass.ReportFix(v.Span, v.Pointer(), replaceValue("write the draft-07 URI", v, schema.Quote(draft07)),
					`"$schema" is %q; Wix saves trigger schemas as draft-07 ("http://json-schema.org/draft-07/schema")`, cut(v.Text, 80))
			}
		}
		return nil
	},
}

func isDraft07(uri string) bool {
	switch uri {
	case "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-07/schema#",
		"https://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema#":
		return true
	}
	return false
}
