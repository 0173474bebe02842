package rules

import "github.com/triggerkit/triggerkit/lint"

// IdentityTypeTopLevel checks where the contact property sits.
var IdentityTypeTopLevel = &lint.Rule{
	ID:       "TK7004",
	Name:     "identity-type-top-level",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title:  "The contact property is at the 1st level",
		Text:   `The dashboard connects a contact from the payload's 1st-level properties; identityType on a nested property is undocumented and may be ignored.`,
		Bad:    `{"type": "object", "properties": {"buyer": {"type": "object", "title": "Buyer", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact", "identityType": "contact"}}}}}`,
		Good:   `{"type": "object", "properties": {"buyerContactId": {"type": "string", "format": "uuid", "title": "Buyer", "identityType": "contact"}}}`,
		Source: "spec rule 57",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Schema.IdentityType != nil && p.Level() > 1 {
				pass.ReportKey(p.Schema.IdentityType, "identityType on a level %d property; put the contact ID at the 1st level", p.Level())
			}
		}
		return nil
	},
}
