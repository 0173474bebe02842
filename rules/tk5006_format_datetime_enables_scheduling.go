package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// FormatDatetimeEnablesScheduling suggests the date-time format for dates.
var FormatDatetimeEnablesScheduling = &lint.Rule{
	ID:       "TK5006",
	Name:     "format-datetime-enables-scheduling",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Date-times use the date-time format",
		Text: `Only "type": "string" properties with "format": "date-time" can become a scheduled event's date or
be compared as dates in conditions. A string property whose examples are all RFC 3339 date-times but which
has no date-time format gives that up.`,
		Bad:    `{"type": "object", "properties": {"dueAt": {"type": "string", "title": "Due", "examples": ["2025-03-01T09:00:00Z"]}}}`,
		Good:   `{"type": "object", "properties": {"dueAt": {"type": "string", "format": "date-time", "title": "Due", "examples": ["2025-03-01T09:00:00Z"]}}}`,
		Source: "spec rule 45; Wix: The Trigger Payload Schema, Reporting and Canceling Events",
	},
	Run: func(pass *lint.Pass) error {
		suggestFormat(pass, "date-time", "a date-time", schema.IsDateTime, "can the property schedule actions or be compared as a date")
		return nil
	},
}
