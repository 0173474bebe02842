package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfTitleRequired checks option titles.
var OneOfTitleRequired = &lint.Rule{
	ID:       "TK6003",
	Name:     "oneof-title-required",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "Each option has a title",
		Text:   `Every oneOf option has a non-empty string "title": the label users see in the drop-down, translated into the site's language.`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "const": "open"}]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Open", "const": "open"}]}}}`,
		Source: "spec rule 48; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		eachOption(pass.Doc, func(_, o *schema.Schema) {
			checkText(pass, o.Title, "title", "option ", func() { pass.Reportf(openSpan(o.Node), o.Node.Pointer(), `option has no "title"`) })
		})
		return nil
	},
}
