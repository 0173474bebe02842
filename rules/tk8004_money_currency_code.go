package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// MoneyCurrencyCode checks currency examples.
var MoneyCurrencyCode = &lint.Rule{
	ID:       "TK8004",
	Name:     "money-currency-code",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "MONEY currency is an ISO 4217 code",
		Text: `The "currency" of a MONEY object is an ISO 4217 code such as "USD" or "EUR", not a symbol ("$"):
the examples of the MONEY property are checked.`,
		Bad: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "examples": [{"value": "15.00", "currency": "$"}],
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Good: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "examples": [{"value": "15.00", "currency": "USD"}],
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Source: "spec rule 71; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Schema.CustomType() != "MONEY" {
				continue
			}
			ex := p.Schema.Examples
			if ex == nil || ex.Value.Kind != schema.Array {
				continue
			}
			for _, e := range ex.Value.Elems {
				c := e.Get("currency")
				if c != nil && c.Value.Kind == schema.String && !schema.IsCurrencyCode(c.Value.Text) {
					pass.ReportValue(c, `currency %s is not an ISO 4217 code such as "USD"`, show(c.Value))
				}
			}
		}
		return nil
	},
}
