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
test values, so a wrong one makes test runs of actions fail. The root's examples, whole sample payloads, are
checked against the root schema the same way (and by TK3009, TK3010 and TK3011).`,
		Bad:    `{"type": "object", "properties": {"paid": {"type": "boolean", "title": "Paid", "examples": ["true"]}}}`,
		Good:   `{"type": "object", "properties": {"paid": {"type": "boolean", "title": "Paid", "examples": [true]}}}`,
		Source: "spec rule 26 and decision 4; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		eachExample(pass.Doc, func(s *schema.Schema, v *schema.Node) { checkValueType(pass, "example", s, v) })
		return nil
	},
}

// checkValueType reports v, an example or default (noun) of s or a value
// inside one, when it does not have s's type, or when it is an object with a
// key s does not declare.
func checkValueType(pass *lint.Pass, noun string, s *schema.Schema, v *schema.Node) {
	typ := s.TypeName()
	if !schema.IsType(typ) {
		return
	}
	if !matchesType(typ, v) {
		if typ == "integer" && v.Kind == schema.Number {
			pass.ReportNode(v, "%s %s is not a whole number, want an integer", noun, show(v))
			return
		}
		if v.Kind == schema.Object || v.Kind == schema.Array || v.Kind == schema.Null {
			pass.ReportNode(v, "%s is %s, want %s", noun, kindOf(v), withArticle(typ))
		} else {
			pass.ReportNode(v, "%s %s is %s, want %s", noun, show(v), kindOf(v), withArticle(typ))
		}
		return
	}
	if typ == "object" && s.Properties != nil {
		for _, m := range v.Members {
			if s.Prop(m.Name) == nil {
				pass.ReportKey(m, "%s has key %q, which is not declared in \"properties\"", noun, cut(m.Name, 60))
			}
		}
	}
}

func withArticle(typ string) string {
	switch typ {
	case "integer", "object", "array":
		return "an " + typ
	}
	return "a " + typ
}
