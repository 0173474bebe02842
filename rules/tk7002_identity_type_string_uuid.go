package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// IdentityTypeStringUUID checks the type of the contact property.
var IdentityTypeStringUUID = &lint.Rule{
	ID:       "TK7002",
	Name:     "identity-type-string-uuid",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "The contact property is a uuid string",
		Text:   `identityType goes only on a property with "type": "string" and "format": "uuid": its value is always a Wix contact ID.`,
		Bad:    `{"type": "object", "properties": {"contactId": {"type": "string", "title": "Contact", "identityType": "contact"}}}`,
		Good:   `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact", "identityType": "contact"}}}`,
		Source: "spec rule 55; Wix: The Trigger Payload Schema, Payload Schema, internal draft",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.IdentityType != nil {
				checkStringFormat(pass, s, s.IdentityType, "identityType", "uuid")
			}
		}
		return nil
	},
}

// checkStringFormat reports an annotation on a schema that is not a string
// of the given format.
func checkStringFormat(pass *lint.Pass, s *schema.Schema, at *schema.Member, what, format string) {
	t, f := s.TypeName(), s.FormatName()
	if t == "string" && f == format {
		return
	}
	got := "no type"
	if t != "" {
		got = "type " + quote(t)
	}
	if f != "" {
		got += " and format " + quote(f)
	} else {
		got += " and no format"
	}
	pass.ReportKey(at, `%s needs "type": "string" and "format": %q; got %s`, what, format, got)
}

func quote(s string) string { return `"` + cut(s, 40) + `"` }
