package rules

import (
	"strings"

	"github.com/triggerkit/triggerkit/lint"
)

// KeyNoLeadingUnderscore checks that property keys do not start with "_".
var KeyNoLeadingUnderscore = &lint.Rule{
	ID:       "TK2002",
	Name:     "key-no-leading-underscore",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "Property keys do not start with an underscore",
		Text:   `Keys starting with "_" are reserved: Report Event refuses payloads with them, at any level.`,
		Bad:    `{"type": "object", "properties": {"_id": {"type": "string", "title": "ID"}}}`,
		Good:   `{"type": "object", "properties": {"id": {"type": "string", "title": "ID"}}}`,
		Source: "spec rules 13 and 15; Wix: The Trigger Payload Schema, Report Event",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range pass.Doc.Properties() {
			if strings.HasPrefix(p.Name, "_") {
				pass.ReportKey(p.Member, "property key %q starts with an underscore", cut(p.Name, 60))
			}
		}
		return nil
	},
}
