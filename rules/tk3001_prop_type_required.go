package rules

import "github.com/triggerkit/triggerkit/lint"

// PropTypeRequired checks that every property has a type.
var PropTypeRequired = &lint.Rule{
	ID:       "TK3001",
	Name:     "prop-type-required",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "Every property has a type",
		Text:   `Every property definition, at both levels, has "type": it decides which conditions and actions the automation builder offers.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"title": "Order ID"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID"}}}`,
		Source: "spec rule 19; Wix: The Trigger Payload Schema, internal draft",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Schema.Type == nil {
				pass.ReportKey(p.Member, `missing "type"`)
			}
		}
		return nil
	},
}
