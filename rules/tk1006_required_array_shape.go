package rules

import (
	"fmt"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// RequiredArrayShape checks that every "required" is an array of unique,
// non-empty strings.
var RequiredArrayShape = &lint.Rule{
	ID:       "TK1006",
	Name:     "required-array-shape",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Required is an array of unique property names",
		Text: `Every "required", at the root, in an object property or in array items, is an array of unique,
non-empty strings. "required": true on a property (the draft-3 form) means nothing in draft-07: list the
property's name in the "required" of the object that holds it.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string", "required": true}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}, "required": ["orderId"]}`,
		Source: "spec rule 6; Wix: The Trigger Payload Schema",
		Fix:    `Removes a name listed twice in "required", with its comma, and puts a single name given as a string in an array.`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.Required == nil {
				continue
			}
			v := s.Required.Value
			if v.Kind != schema.Array {
				if v.Kind == schema.Bool {
					pass.ReportValue(s.Required, `"required" is a boolean, want an array of property names; list this property in its parent's "required"`)
				} else if v.Kind == schema.String && v.Text != "" {
					pass.ReportFix(v.Span, v.Pointer(), wrap("put the name in an array", v), `"required" is %s, want an array of property names`, kindOf(v))
				} else {
					pass.ReportValue(s.Required, `"required" is %s, want an array of property names`, kindOf(v))
				}
				continue
			}
			// A short list is searched, a long one hashed.
			var seen map[string]bool
			var marks [scanMax]uint64
			if len(v.Elems) > scanMax {
				seen = make(map[string]bool, len(v.Elems))
			} else {
				for i, e := range v.Elems {
					marks[i] = mark(e)
				}
			}
			for i, e := range v.Elems {
				switch {
				case e.Kind != schema.String:
					pass.ReportNode(e, "required entry is %s, want a property name", kindOf(e))
				case e.Text == "":
					pass.ReportNode(e, "required entry is empty, want a property name")
				case seen != nil && seen[e.Text], seen == nil && listedBefore(v.Elems[:i], marks[:i], e):
					pass.Report(lint.Diagnostic{Pointer: e.Pointer(), Span: e.Span, Message: fmt.Sprintf("%q is listed twice", e.Text),
						Fixes: someFix(removeEntry(s, i))})
				}
				if seen != nil && e.Kind == schema.String {
					seen[e.Text] = true
				}
			}
		}
		return nil
	},
}

// listedBefore reports whether a string among elems, whose marks are
// marks, is the string e.
func listedBefore(elems []*schema.Node, marks []uint64, e *schema.Node) bool {
	m := mark(e)
	for i, x := range elems {
		if marks[i] == m && x.Kind == schema.String && x.Text == e.Text {
			return true
		}
	}
	return false
}

// mark is a string's length and first and last bytes, which equal strings
// share: most unequal ones are told apart by it in one comparison.
func mark(e *schema.Node) uint64 {
	s := e.Text
	if e.Kind != schema.String || s == "" {
		return 0
	}
	return uint64(len(s))<<16 | uint64(s[0])<<8 | uint64(s[len(s)-1])
}
