package rules

import "github.com/triggerkit/triggerkit/lint"

// PropDescriptionNested recommends descriptions on 2nd-level properties.
var PropDescriptionNested = &lint.Rule{
	ID:       "TK3004",
	Name:     "prop-description-nested",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "2nd-level properties have a description",
		Text: `The same as TK3003 for the properties of object properties and of array items. A placeholder
that schemagen writes ("<describe Order ID>") is reported until it is replaced.`,
		Bad:    `{"type": "object", "properties": {"items": {"type": "array", "title": "Items", "description": "Line items", "items": {"type": "object", "properties": {"sku": {"type": "string", "title": "SKU"}}}}}}`,
		Good:   `{"type": "object", "properties": {"items": {"type": "array", "title": "Items", "description": "Line items", "items": {"type": "object", "properties": {"sku": {"type": "string", "title": "SKU", "description": "Stock keeping unit"}}}}}}`,
		Source: "spec rule 22 and decision 1; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		checkDescriptions(pass, 2)
		return nil
	},
}
