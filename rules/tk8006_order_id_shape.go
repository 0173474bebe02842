package rules

import "github.com/triggerkit/triggerkit/lint"

// OrderIDShape checks ORDER_ID and the other ID custom types.
var OrderIDShape = &lint.Rule{
	ID:       "TK8006",
	Name:     "order-id-shape",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "ORDER_ID is a uuid string",
		Text: `ORDER_ID (and Wix's ORDER_PAYMENT_ID, RECEIPT_ID and RECEIPT_PRESET_ID) marks a property holding a
Wix order ID: "type": "string" with "format": "uuid". Order actions such as "Payment Request" are offered
only for triggers with an ORDER_ID.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "integer", "wixCustomType": "ORDER_ID", "title": "Order"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "format": "uuid", "wixCustomType": "ORDER_ID", "title": "Order"}}}`,
		Source: "spec rule 73; Wix: The Trigger Payload Schema, Wix skills docs",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if !customTypeIs(p.Schema.CustomType(), "string", "uuid") {
				continue
			}
			checkStringFormat(pass, p.Schema, p.Schema.WixCustomType, p.Schema.CustomType(), "uuid")
		}
		return nil
	},
}
