package rules

import "github.com/triggerkit/triggerkit/lint"

// IdentityTypeMaxOne checks that one property at most is the contact.
var IdentityTypeMaxOne = &lint.Rule{
	ID:       "TK7003",
	Name:     "identity-type-max-one",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "At most one property has identityType",
		Text:   `identityType is "limited to 1 payload property": a trigger connects to one contact.`,
		Bad:    `{"type": "object", "properties": {"buyerId": {"type": "string", "format": "uuid", "title": "Buyer", "identityType": "contact"}, "sellerId": {"type": "string", "format": "uuid", "title": "Seller", "identityType": "contact"}}}`,
		Good:   `{"type": "object", "properties": {"buyerId": {"type": "string", "format": "uuid", "title": "Buyer", "identityType": "contact"}, "sellerId": {"type": "string", "format": "uuid", "title": "Seller"}}}`,
		Source: "spec rule 56; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		reportBeyondFirst(pass, identityOf, "identityType")
		return nil
	},
}
