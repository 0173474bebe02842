package rules

import "github.com/triggerkit/triggerkit/lint"

// IdentityTypeRequiredRecommended recommends requiring the contact property.
var IdentityTypeRequiredRecommended = &lint.Rule{
	ID:       "TK7005",
	Name:     "identity-type-required-recommended",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title:  "The contact property is required",
		Text:   `Contact actions ("send an email to the contact") fail when a payload has no contact ID. List the identityType property in the root "required".`,
		Bad:    `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact", "identityType": "contact"}}}`,
		Good:   `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact", "identityType": "contact"}}, "required": ["contactId"]}`,
		Source: "spec rule 58; Wix: Sample Flows",
		Fix:    `Adds the property to the root "required" (an unsafe fix, applied only when the rule is named: payloads without the contact are then refused).`,
	},
	Run: func(pass *lint.Pass) error {
		reportNotRequired(pass, identityOf, "contact")
		return nil
	},
}
