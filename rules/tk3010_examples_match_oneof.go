package rules

import (
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ExamplesMatchOneOf checks that examples of drop-down properties are
// among the options.
var ExamplesMatchOneOf = &lint.Rule{
	ID:       "TK3010",
	Name:     "examples-match-oneof",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Examples of a drop-down are among its options",
		Text: `The examples of a property with "oneOf" options are among the options' "const" values: a payload
holding any other value is refused.`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "examples": ["OPEN"], "oneOf": [{"type": "string", "title": "Open", "const": "open"}]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "examples": ["open"], "oneOf": [{"type": "string", "title": "Open", "const": "open"}]}}}`,
		Source: "spec rule 28 and decision 4",
	},
	Run: func(pass *lint.Pass) error {
		eachExample(pass.Doc, func(s *schema.Schema, v *schema.Node) {
			consts := optionConsts(s)
			if len(consts) == 0 {
				return
			}
			var shown []string
			for _, c := range consts {
				if sameValue(c, v) {
					return
				}
				if len(shown) < 5 {
					shown = append(shown, show(c))
				}
			}
			list := strings.Join(shown, ", ")
			if len(consts) > len(shown) {
				list += ", ..."
			}
			pass.ReportNode(v, "example %s is not one of the options (%s)", show(v), list)
		})
		return nil
	},
}

// optionConsts returns the const values of a schema's oneOf options.
func optionConsts(s *schema.Schema) []*schema.Node {
	var out []*schema.Node
	for _, o := range s.Options {
		if o.Const != nil {
			out = append(out, o.Const.Value)
		}
	}
	return out
}

// sameValue compares two scalar values; objects and arrays never match.
func sameValue(a, b *schema.Node) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.String, schema.Bool, schema.Null:
		return a.Text == b.Text
	case schema.Number:
		return a.Text == b.Text || sameNumber(a.Text, b.Text)
	}
	return false
}
