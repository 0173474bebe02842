package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// MoneyValueString checks the type of a MONEY value.
var MoneyValueString = &lint.Rule{
	ID:       "TK8003",
	Name:     "money-value-string",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "MONEY value is a decimal string",
		Text: `The "value" of a MONEY object is a string holding a decimal ("20.50"), as in Wix's own price
objects: a JSON number loses trailing zeros and may lose precision. (Some of Wix's examples use numbers;
the typed SDK and real payloads use strings.)`,
		Bad: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "properties": {"value": {"type": "number", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Good: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Source: "spec rule 70; Wix skills docs, Wix Events API",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Schema.CustomType() != "MONEY" {
				continue
			}
			want, _ := schema.CustomMemberOf("MONEY", "value")
			v := p.Schema.Prop(want.Name)
			if v == nil || v.Schema == nil || v.Schema.Type == nil || v.Schema.TypeName() == want.Type {
				continue
			}
			pass.ReportValue(v.Schema.Type, `MONEY "value" has type %s; Wix expects a decimal string such as "20.50"`, show(v.Schema.Type.Value))
		}
		return nil
	},
}
