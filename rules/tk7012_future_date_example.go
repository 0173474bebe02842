package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// FutureDateExample checks the examples of the scheduling property.
var FutureDateExample = &lint.Rule{
	ID:       "TK7012",
	Name:     "future-date-example",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title:  "FutureDate examples are RFC 3339 date-times",
		Text:   `The examples of the futureDate property are RFC 3339 date-times with an offset ("2025-03-01T09:00:00Z"), whatever its format says: Wix schedules actions from them when users test.`,
		Bad:    `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true, "examples": ["March 1st, 9am"]}}, "required": ["startsAt"]}`,
		Good:   `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true, "examples": ["2025-03-01T09:00:00Z"]}}, "required": ["startsAt"]}`,
		Source: "spec rule 65; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			ex := p.Schema.Examples
			if p.Schema.FutureDate == nil || ex == nil || ex.Value.Kind != schema.Array {
				continue
			}
			for _, e := range ex.Value.Elems {
				if e.Kind == schema.String && !schema.IsDateTime(e.Text) {
					pass.ReportNode(e, "example %s is not an RFC 3339 date-time", show(e))
				}
			}
		}
		return nil
	},
}
