package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// FutureDateStringDatetime checks the type of the scheduling property.
var FutureDateStringDatetime = &lint.Rule{
	ID:       "TK7008",
	Name:     "future-date-string-datetime",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "The futureDate property is a date-time string",
		Text:   `futureDate goes only on a property with "type": "string" and "format": "date-time": actions are scheduled at, before or after that moment.`,
		Bad:    `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date", "title": "Starts", "futureDate": true}}, "required": ["startsAt"]}`,
		Good:   `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}}, "required": ["startsAt"]}`,
		Source: "spec rule 61; Wix: The Trigger Payload Schema, internal draft",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.FutureDate != nil {
				checkStringFormat(pass, s, s.FutureDate, "futureDate", "date-time")
			}
		}
		return nil
	},
}
