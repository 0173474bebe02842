package rules

import "github.com/triggerkit/triggerkit/lint"

// FutureDateTopLevel checks where the scheduling property sits.
var FutureDateTopLevel = &lint.Rule{
	ID:       "TK7011",
	Name:     "future-date-top-level",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "The futureDate property is at the 1st level",
		Text:   `futureDate must be on a 1st-level property, since it must be listed in the root "required".`,
		Bad:    `{"type": "object", "properties": {"booking": {"type": "object", "title": "Booking", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}}}}}`,
		Good:   `{"type": "object", "properties": {"bookingStartsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}}, "required": ["bookingStartsAt"]}`,
		Source: "spec rule 64",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Schema.FutureDate != nil && p.Level() > 1 {
				pass.ReportKey(p.Schema.FutureDate, "futureDate on a level %d property; it must be on a 1st-level property", p.Level())
			}
		}
		return nil
	},
}
