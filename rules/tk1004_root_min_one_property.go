package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// RootMinOneProperty checks that the root declares a property.
var RootMinOneProperty = &lint.Rule{
	ID:       "TK1004",
	Name:     "root-min-one-property",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "The root declares at least one property",
		Text:   `A trigger schema needs a minimum of one property: a trigger with an empty payload gives automations nothing to use.`,
		Bad:    `{"type": "object", "properties": {}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Source: "spec rule 4; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		p := pass.Doc.Root.Properties
		if p != nil && p.Value.Kind == schema.Object && len(p.Value.Members) == 0 {
			pass.ReportValue(p, `"properties" is empty, want at least one property`)
		}
		return nil
	},
}
