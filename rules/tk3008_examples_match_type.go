package rules

import (
	"fmt"

	"github.com/triggerkit/triggerkit/findings"
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
		Fix:    `Where the intended value is certain: writes "true" and "false" of a boolean as literals, a quoted JSON number of a number or integer as the number, a number or boolean of a string in quotes, and a single value of an array's item type in an array.`,
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
		d := lint.Diagnostic{Pointer: v.Pointer(), Span: v.Span}
		if v.Kind == schema.Object || v.Kind == schema.Array || v.Kind == schema.Null {
			d.Message = fmt.Sprintf("%s is %s, want %s", noun, kindOf(v), withArticle(typ))
		} else {
			d.Message = fmt.Sprintf("%s %s is %s, want %s", noun, show(v), kindOf(v), withArticle(typ))
		}
		if f, ok := retype(s, v); ok {
			d.Fixes = fixes(f)
		}
		pass.Report(d)
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

// retype returns the fix that gives a value of the wrong type the type of
// its schema, where the intended value is certain: the string "true" or
// "false" of a boolean written as the literal, a string holding a JSON
// number of a number or integer written as the number, a number or
// boolean of a string written as a string, and for an array a single value
// of the items' type put in an array.
func retype(s *schema.Schema, v *schema.Node) (findings.Fix, bool) {
	switch typ := s.TypeName(); {
	case typ == "boolean" && v.Kind == schema.String && (v.Text == "true" || v.Text == "false"):
		return replaceValue("write the boolean without quotes", v, v.Text), true
	case (typ == "number" || typ == "integer") && v.Kind == schema.String:
		if n := jsonNumber(v.Text); n != nil && matchesType(typ, n) {
			return replaceValue("write the number without quotes", v, n.Text), true
		}
	case typ == "string" && (v.Kind == schema.Number || v.Kind == schema.Bool):
		return replaceValue("write the value as a string", v, schema.Quote(v.Text)), true
	case typ == "array" && s.ItemsSchema != nil && v.Kind != schema.Array && v.Kind != schema.Null &&
		schema.IsType(s.ItemsSchema.TypeName()) && matchesType(s.ItemsSchema.TypeName(), v):
		return wrap("put the value in an array", v), true
	}
	return findings.Fix{}, false
}

// jsonNumber returns s read as one JSON number, or nil when it is not
// exactly one.
func jsonNumber(s string) *schema.Node {
	f, err := schema.ParseValue("", []byte(s))
	if err != nil || f.Root == nil || f.Root.Kind != schema.Number || f.Root.Span.Start != 0 || f.Root.Span.End != len(s) {
		return nil
	}
	return f.Root
}
