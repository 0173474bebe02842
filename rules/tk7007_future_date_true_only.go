package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// FutureDateTrueOnly checks the value of futureDate.
var FutureDateTrueOnly = &lint.Rule{
	ID:       "TK7007",
	Name:     "future-date-true-only",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "FutureDate is true or absent",
		Text:   `"futureDate" is the boolean true, set by "Allow scheduled events with predefined date & time". Leave it out rather than writing false or "true".`,
		Bad:    `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": "true"}}, "required": ["startsAt"]}`,
		Good:   `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}}, "required": ["startsAt"]}`,
		Source: "spec rule 60; Wix: The Trigger Payload Schema",
		Fix:    `Writes "true" as true, and removes "futureDate": false.`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			m := s.FutureDate
			switch {
			case m == nil || m.Value.Bool():
			case m.Value.Kind == schema.Bool:
				pass.ReportFix(m.Value.Span, m.Value.Pointer(), removeMember(`remove "futureDate": false`, s.Node, m),
					`"futureDate": false is not allowed; leave the keyword out`)
			case m.Value.Kind == schema.String && m.Value.Text == "true":
				pass.ReportFix(m.Value.Span, m.Value.Pointer(), replaceValue("write true without quotes", m.Value, "true"),
					`"futureDate" is %s, want true`, show(m.Value))
			default:
				pass.ReportValue(m, `"futureDate" is %s, want true`, show(m.Value))
			}
		}
		return nil
	},
}
