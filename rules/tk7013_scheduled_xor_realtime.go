package rules

import "github.com/triggerkit/triggerkit/lint"

// ScheduledXorRealtime notes that a scheduled trigger is scheduled only.
var ScheduledXorRealtime = &lint.Rule{
	ID:       "TK7013",
	Name:     "scheduled-xor-realtime",
	Severity: lint.Info,
	Optional: true,
	Since:    since,
	Doc: lint.Doc{
		Title: "A futureDate trigger is scheduled only",
		Text: `A trigger supports real-time or scheduled events, not both: with a futureDate property, every
automation on it runs relative to that date. If site owners also need "when it happens", report the same
business event to a second, real-time trigger. This rule is optional because it fires on every scheduled
trigger; enable it to be reminded.`,
		Bad:    `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}}, "required": ["startsAt"]}`,
		Good:   `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts"}}, "required": ["startsAt"]}`,
		Source: "spec rule 66; Wix: Reporting and Canceling Events",
	},
	Run: func(pass *lint.Pass) error {
		if p := firstMarked(pass.Doc, futureOf); p != nil {
			pass.ReportKey(p.Schema.FutureDate, "this trigger is scheduled only; report real-time events to a separate trigger")
		}
		return nil
	},
}
