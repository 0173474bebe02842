package rules

import "github.com/triggerkit/triggerkit/lint"

// FutureDateRequired checks that the scheduling property is required.
var FutureDateRequired = &lint.Rule{
	ID:       "TK7009",
	Name:     "future-date-required",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "The futureDate property is required",
		Text:   `A scheduled trigger cannot run without its date: the futureDate property must be listed in the root "required".`,
		Bad:    `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}}}`,
		Good:   `{"type": "object", "properties": {"startsAt": {"type": "string", "format": "date-time", "title": "Starts", "futureDate": true}}, "required": ["startsAt"]}`,
		Source: "spec rule 62; Wix: The Trigger Payload Schema",
		Fix:    `Adds the property to the root "required", creating the array after the root's last member when there is none.`,
	},
	Run: func(pass *lint.Pass) error {
		reportNotRequired(pass, futureOf, "futureDate")
		return nil
	},
}
