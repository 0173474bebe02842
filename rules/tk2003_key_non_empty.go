package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// KeyNonEmpty checks that property keys are not empty.
var KeyNonEmpty = &lint.Rule{
	ID:       "TK2003",
	Name:     "key-non-empty",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "Property keys are not empty",
		Text:   `"" is not a valid payload key, at any level.`,
		Bad:    `{"type": "object", "properties": {"": {"type": "string", "title": "Name"}}}`,
		Good:   `{"type": "object", "properties": {"name": {"type": "string", "title": "Name"}}}`,
		Source: "spec rules 14 and 15",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range pass.Doc.Properties() {
			if p.Name == "" {
				pass.ReportKey(p.Member, "property key is empty")
			}
		}
		return nil
	},
}
