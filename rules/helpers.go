package rules

import (
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// since is the version that introduced the first rule set.
const since = "v0.1.0"

// kindOf names the JSON type of a value with its article: "a string", "an
// array", "null".
func kindOf(n *schema.Node) string {
	switch n.Kind {
	case schema.Array, schema.Object, schema.Invalid:
		return "an " + n.Kind.String()
	case schema.Null:
		return "null"
	case schema.Number:
		if n.IsInteger() {
			return "an integer"
		}
	}
	return "a " + n.Kind.String()
}

// show renders a value for a message: strings quoted and cut short, numbers
// and literals as written, objects and arrays by kind.
func show(n *schema.Node) string {
	switch n.Kind {
	case schema.String:
		return fmt.Sprintf("%q", cut(n.Text, 40))
	case schema.Number, schema.Bool, schema.Null:
		return cut(n.Text, 40)
	}
	return kindOf(n)
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return findings.Truncate(s, n) + "..."
}

// isBlank reports whether s is empty or white space only.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// matchesType reports whether a value has a schema type. "integer" wants a
// whole number; "number" takes any number.
func matchesType(typ string, n *schema.Node) bool {
	switch typ {
	case "string":
		return n.Kind == schema.String
	case "number":
		return n.Kind == schema.Number
	case "integer":
		return n.IsInteger()
	case "boolean":
		return n.Kind == schema.Bool
	case "object":
		return n.Kind == schema.Object
	case "array":
		return n.Kind == schema.Array
	}
	return true
}

// eachExample calls fn for every value inside the examples of the root and
// of every property schema, paired with the schema that describes it: each
// example, the members of object examples that match nested properties, and
// the elements of array examples with the items schema. Values that the
// schema does not describe are not visited.
func eachExample(d *schema.Document, fn func(s *schema.Schema, v *schema.Node)) {
	d.Schemas(func(s *schema.Schema) {
		if s.Role != schema.RoleProperty && s.Role != schema.RoleRoot || s.Examples == nil || s.Examples.Value.Kind != schema.Array {
			return
		}
		for _, e := range s.Examples.Value.Elems {
			exampleValue(s, e, fn)
		}
	})
}

func exampleValue(s *schema.Schema, v *schema.Node, fn func(*schema.Schema, *schema.Node)) {
	fn(s, v)
	switch {
	case v.Kind == schema.Object && s.TypeName() == "object":
		for _, m := range v.Members {
			if p := s.Prop(m.Name); p != nil && p.Schema != nil {
				exampleValue(p.Schema, m.Value, fn)
			}
		}
	case v.Kind == schema.Array && s.TypeName() == "array" && s.ItemsSchema != nil:
		for _, e := range v.Elems {
			exampleValue(s.ItemsSchema, e, fn)
		}
	}
}

// defined returns the properties of the document whose value is an object,
// depth first: the document's index, built once for every rule. Callers
// must not change the slice.
func defined(d *schema.Document) []*schema.Property { return d.Defined() }

// normKey lower-cases a key and drops underscores, so that contactId,
// contact_id and ContactID compare equal.
func normKey(k string) string {
	return strings.ToLower(strings.ReplaceAll(k, "_", ""))
}

// openSpan is the span of an object's opening brace, for findings about the
// object as a whole that should not cover all of it.
func openSpan(n *schema.Node) schema.Span {
	return schema.Span{Start: n.Span.Start, End: n.Span.Start + 1}
}
