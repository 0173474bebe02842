package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfConstType checks the type of const values.
var OneOfConstType = &lint.Rule{
	ID:       "TK6005",
	Name:     "oneof-const-type",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "Each const has its option's type",
		Text:   `An option's "const" has the option's type: a payload must hold exactly that value, so "1" never matches an integer property.`,
		Bad:    `{"type": "object", "properties": {"size": {"type": "integer", "title": "Size", "oneOf": [{"type": "integer", "title": "Small", "const": "1"}]}}}`,
		Good:   `{"type": "object", "properties": {"size": {"type": "integer", "title": "Size", "oneOf": [{"type": "integer", "title": "Small", "const": 1}]}}}`,
		Source: "spec rule 50",
	},
	Run: func(pass *lint.Pass) error {
		eachOption(pass.Doc, func(parent, o *schema.Schema) {
			t := optionType(parent, o)
			if o.Const == nil || !schema.IsType(t) {
				return
			}
			if v := o.Const.Value; !matchesType(t, v) {
				pass.ReportValue(o.Const, "const %s is %s, want %s", show(v), kindOf(v), withArticle(t))
			}
		})
		return nil
	},
}
