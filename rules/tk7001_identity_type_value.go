package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// IdentityTypeValue checks the value of identityType.
var IdentityTypeValue = &lint.Rule{
	ID:       "TK7001",
	Name:     "identity-type-value",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "IdentityType is contact",
		Text: `"identityType": "contact" connects a property to the site's contacts; the dashboard sets it with
"Connect a property to a contactId". "member" and "visitor" appear only on Wix's own triggers (a warning);
any other value is an error.`,
		Bad:    `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact", "identityType": "user"}}}`,
		Good:   `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact", "identityType": "contact"}}}`,
		Source: "spec rule 54 and decision 6; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			m := s.IdentityType
			if m == nil {
				continue
			}
			switch v := m.Value; {
			case v.Kind != schema.String:
				pass.ReportValue(m, `"identityType" is %s, want "contact"`, kindOf(v))
			case v.Text == "contact":
			case v.Text == "member" || v.Text == "visitor":
				pass.Report(lint.Diagnostic{Severity: lint.Warning, Pointer: v.Pointer(), Span: v.Span,
					Message: `identityType "` + v.Text + `" is used only by Wix's own triggers; apps use "contact"`})
			default:
				pass.ReportValue(m, `unknown identityType %s, want "contact"`, show(v))
			}
		}
		return nil
	},
}
