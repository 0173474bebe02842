package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfConstRequiredString checks that string options have a const.
var OneOfConstRequiredString = &lint.Rule{
	ID:       "TK6004",
	Name:     "oneof-const-required-string",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "String options have a const",
		Text:   `A string option has "const": the value the app sends in payloads when this option applies. Without it the option matches any string.`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Open"}]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Open", "const": "open"}]}}}`,
		Source: "spec rule 49; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		eachOption(pass.Doc, func(parent, o *schema.Schema) {
			if o.Const == nil && optionType(parent, o) == "string" {
				pass.Reportf(openSpan(o.Node), o.Node.Pointer(), `string option has no "const"`)
			}
		})
		return nil
	},
}
