package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// FormatUUIDEnablesContact suggests the uuid format for ID properties.
var FormatUUIDEnablesContact = &lint.Rule{
	ID:       "TK5005",
	Name:     "format-uuid-enables-contact",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "IDs with UUID examples use the uuid format",
		Text: `Only "type": "string" properties with "format": "uuid" can be connected to site contacts (for
enrichment and "email the contact" actions) or marked as order IDs. A string property whose examples are
all UUIDs but which has no uuid format gives that up.`,
		Bad:    `{"type": "object", "properties": {"contactId": {"type": "string", "title": "Contact ID", "examples": ["3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03"]}}}`,
		Good:   `{"type": "object", "properties": {"contactId": {"type": "string", "format": "uuid", "title": "Contact ID", "examples": ["3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03"]}}}`,
		Source: "spec rule 44; Wix: The Trigger Payload Schema, Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		suggestFormat(pass, "uuid", "a UUID", schema.IsUUID, "can the property be connected to contacts")
		return nil
	},
}
