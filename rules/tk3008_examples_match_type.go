package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ExamplesMatchType checks examples against the property's type.
var ExamplesMatchType = &lint.Rule{
	ID:       "TK3008",
	Name:     "examples-match-type",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Examples have the property's type",
		Text: `Each example has the property's type: a string for "string", a number for "number", a whole number
for "integer", true or false (not "true") for "boolean". An object example has the keys of the nested
properties with values of their types; an array example holds item-shaped objects. Wix uses examples as
test values, so a wrong one makes test runs of actions fail.`,
		Bad:    `{"type": "object", "properties": {"paid": {"type": "boolean", "title": "Paid", "examples": ["true"]}}}`,
		Good:   `{"type": "object", "properties": {"paid": {"type": "boolean", "title": "Paid", "examples": [true]}}}`,
		Source: "spec rule 26 and decision 4; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		eachExample(pass.Doc, func(s *schema.Schema, v *schema.Node) {
			typ := s.TypeName()
			if !schema.IsType(typ) {
				return
			}
			if !matchesType(typ, v) {
				if typ == "integer" && v.Kind == schema.Number {
					pass.ReportNode(v, "example %s is not a whole number, want an integer", show(v))
					return
				}
				if v.Kind == schema.Object || v.Kind == schema.Array || v.Kind == schema.Null {
					pass.ReportNode(v, "example is %s, want %s", kindOf(v), withArticle(typ))
				} else {
					pass.ReportNode(v, "example %s is %s, want %s", show(v), kindOf(v), withArticle(typ))
				}
				return
			}
			if typ == "object" && s.Properties != nil {
				for _, m := range v.Members {
					if s.Prop(m.Name) == nil {
						pass.ReportKey(m, "example has key %q, which is not declared in \"properties\"", cut(m.Name, 60))
					}
				}
			}
		})
		return nil
	},
}

func withArticle(typ string) string {
	switch typ {
	case "integer", "object", "array":
		return "an " + typ
	}
	return "a " + typ
}
