package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// MoneyShape checks MONEY properties.
var MoneyShape = &lint.Rule{
	ID:       "TK8002",
	Name:     "money-shape",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "MONEY is an object with value and currency",
		Text: `A MONEY property represents a price: "type": "object" with the properties "value" and "currency",
both listed in the property's own "required".`,
		Bad: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "properties": {"value": {"type": "string", "title": "Amount"}}}}}`,
		Good: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}},
  "required": ["value", "currency"]}}}`,
		Source: "spec rule 69; Wix: The Trigger Payload Schema, Wix skills docs",
	},
	Run: func(pass *lint.Pass) error {
		var ct schema.CustomType // looked up at the first MONEY property
		for _, p := range defined(pass.Doc) {
			if p.Schema.CustomType() != "MONEY" {
				continue
			}
			if ct.Name == "" {
				ct, _ = schema.LookupCustomType("MONEY")
			}
			checkMembers(pass, p, ct)
		}
		return nil
	},
}
