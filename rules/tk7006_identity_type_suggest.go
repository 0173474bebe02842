package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// IdentityTypeSuggest suggests connecting contact ID properties.
var IdentityTypeSuggest = &lint.Rule{
	ID:       "TK7006",
	Name:     "identity-type-suggest",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Contact IDs are connected with identityType",
		Text: `A 1st-level uuid string whose key names a contact ID (contactId, contact_id, buyerContactId) and
no other property connected with identityType: add "identityType": "contact" so that automations can
enrich the payload with the contact and offer contact actions.`,
		Bad:    `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact"}}}`,
		Good:   `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact", "identityType": "contact"}}}`,
		Source: "spec rule 59; Wix: The Trigger Payload Schema, Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		if firstMarked(pass.Doc, identityOf) != nil {
			return nil
		}
		for _, p := range defined(pass.Doc) {
			s := p.Schema
			if p.Level() == 1 && s.TypeName() == "string" && s.FormatName() == "uuid" && normKeyHasSuffix(p.Name, "contactid") {
				pass.ReportKey(p.Member, `%q looks like a contact ID; add "identityType": "contact" to connect it to site contacts`, cut(p.Name, 60))
				return nil
			}
		}
		return nil
	},
}
