package rules

import "github.com/triggerkit/triggerkit/lint"

// FutureDateMaxOne checks that one property at most schedules the trigger.
var FutureDateMaxOne = &lint.Rule{
	ID:       "TK7010",
	Name:     "future-date-max-one",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "At most one property has futureDate",
		Text:   `A trigger is scheduled by one date. Report a second trigger for a second date.`,
		Bad:    `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}, "endsAt": {"type": "string", "format": "date-time", "title": "Ends", "futureDate": true}}, "required": ["startsAt", "endsAt"]}`,
		Good:   `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}, "endsAt": {"type": "string", "format": "date-time", "title": "Ends"}}, "required": ["startsAt", "endsAt"]}`,
		Source: "spec rule 63; Wix: The Trigger Payload Schema, internal draft",
	},
	Run: func(pass *lint.Pass) error {
		reportBeyondFirst(pass, futureOf, "futureDate")
		return nil
	},
}
