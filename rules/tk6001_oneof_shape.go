package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfShape checks the shape of "oneOf".
var OneOfShape = &lint.Rule{
	ID:       "TK6001",
	Name:     "oneof-shape",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "OneOf is a non-empty array of option objects",
		Text:   `"oneOf" turns a property into a drop-down: it is a non-empty array whose elements are option objects with "type", "title" and "const".`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": ["open", "closed"]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Open", "const": "open"}, {"type": "string", "title": "Closed", "const": "closed"}]}}}`,
		Source: "spec rule 46; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.OneOf == nil {
				continue
			}
			v := s.OneOf.Value
			switch {
			case v.Kind != schema.Array:
				pass.ReportValue(s.OneOf, `"oneOf" is %s, want an array of options`, kindOf(v))
			case len(v.Elems) == 0:
				pass.ReportValue(s.OneOf, `"oneOf" is empty, want at least one option`)
			}
			if v.Kind == schema.Array {
				for _, e := range v.Elems {
					if e.Kind != schema.Object {
						pass.ReportNode(e, `option is %s, want an object with "type", "title" and "const"`, kindOf(e))
					}
				}
			}
		}
		return nil
	},
}
