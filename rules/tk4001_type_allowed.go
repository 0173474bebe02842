package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// TypeAllowed checks the value of "type".
var TypeAllowed = &lint.Rule{
	ID:       "TK4001",
	Name:     "type-allowed",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Type is one of the dialect's types",
		Text: `"type" is one of string, number, integer, boolean, array and object, in lower case. There is no
"null" type: payload values cannot be null.`,
		Bad:    `{"type": "object", "properties": {"total": {"type": "float", "title": "Total"}}}`,
		Good:   `{"type": "object", "properties": {"total": {"type": "number", "title": "Total"}}}`,
		Source: "spec rule 30; Wix: The Trigger Payload Schema, The Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			t := s.TypeName()
			if s.Type == nil || s.Type.Value.Kind != schema.String || schema.IsType(t) || isCustomTypeName(t) {
				continue
			}
			switch {
			case t == "null":
				pass.ReportValue(s.Type, `type "null" is not allowed; payload values cannot be null`)
			case schema.FoldMatch(schema.Types(), t) != "":
				pass.ReportValue(s.Type, "unknown type %q; types are lower case: want %q", t, schema.FoldMatch(schema.Types(), t))
			default:
				pass.ReportValue(s.Type, "unknown type %q; want string, number, integer, boolean, array or object", cut(t, 60))
			}
		}
		return nil
	},
}

// isCustomTypeName reports whether a "type" value is really a wixCustomType
// name, which TK4002 explains.
func isCustomTypeName(t string) bool {
	_, ok := schema.LookupCustomTypeHead(t)
	return ok
}
