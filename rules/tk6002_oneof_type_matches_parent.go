package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfTypeMatchesParent checks option types.
var OneOfTypeMatchesParent = &lint.Rule{
	ID:       "TK6002",
	Name:     "oneof-type-matches-parent",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "Each option has the property's type",
		Text:   `Every oneOf option has a "type", equal to the "type" of the property it belongs to.`,
		Bad:    `{"type": "object", "properties": {"size": {"type": "string", "title": "Size", "oneOf": [{"type": "integer", "title": "Small", "const": 1}]}}}`,
		Good:   `{"type": "object", "properties": {"size": {"type": "string", "title": "Size", "oneOf": [{"type": "string", "title": "Small", "const": "S"}]}}}`,
		Source: "spec rule 47; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		eachOption(pass.Doc, func(parent, o *schema.Schema) {
			pt := parent.TypeName()
			switch {
			case o.Type == nil:
				pass.Reportf(openSpan(o.Node), o.Node.Pointer(), `option has no "type"`)
			case pt != "" && o.Type.Value.Kind == schema.String && o.TypeName() != pt:
				pass.ReportValue(o.Type, "option type %q differs from the property's type %q", o.TypeName(), pt)
			}
		})
		return nil
	},
}
