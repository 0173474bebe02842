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
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range marked(pass.Doc, identityOf) {
			if p.Level() == 1 && !rootRequires(pass.Doc, p) {
				pass.ReportKey(p.Member, `the contact property %q is not in the root "required"`, cut(p.Name, 60))
			}
		}
		return nil
	},
}
