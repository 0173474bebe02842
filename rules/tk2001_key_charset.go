package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// KeyCharset checks the characters of property keys.
var KeyCharset = &lint.Rule{
	ID:       "TK2001",
	Name:     "key-charset",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Property keys use only letters, digits and underscores",
		Text: `Payload keys, and so the keys of "properties" at both levels, may contain only A-Z, a-z, 0-9 and
"_": no spaces, hyphens, dots, "$", ":" or non-ASCII letters. Report Event refuses payloads with other keys.`,
		Bad:    `{"type": "object", "properties": {"first-name": {"type": "string", "title": "First name"}}}`,
		Good:   `{"type": "object", "properties": {"first_name": {"type": "string", "title": "First name"}}}`,
		Source: "spec rules 12 and 15; Wix: The Trigger Payload Schema, Report Event",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range pass.Doc.Properties() {
			if c, ok := schema.BadKeyChar(p.Name); ok {
				pass.ReportKey(p.Member, "property key %q has %s; keys use only letters, digits and underscores", cut(p.Name, 60), c)
			}
		}
		return nil
	},
}
