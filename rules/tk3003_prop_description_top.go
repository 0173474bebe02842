package rules

import "github.com/triggerkit/triggerkit/lint"

// PropDescriptionTop recommends descriptions on 1st-level properties.
var PropDescriptionTop = &lint.Rule{
	ID:       "TK3003",
	Name:     "prop-description-top",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "1st-level properties have a description",
		Text: `Wix asks for a "description" on every property for the sake of the people building automations:
it explains what the value means where they pick it. A property is valid without one, and Wix's own
generator leaves it out, so this is a warning. A placeholder that schemagen writes
("<describe Order ID>") is reported until it is replaced.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID", "description": "The ID of the order that was paid"}}}`,
		Source: "spec rule 21 and decision 1; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		checkDescriptions(pass, 1)
		return nil
	},
}
