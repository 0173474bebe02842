package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// ObjectTopLevelVsReportEvent notes plain object properties.
var ObjectTopLevelVsReportEvent = &lint.Rule{
	ID:       "TK4010",
	Name:     "object-top-level-vs-report-event",
	Severity: lint.Info,
	Since:    since,
	Doc: lint.Doc{
		Title: "Plain object properties are a documented gray area",
		Text: `The schema reference allows 1st-level object properties, but Report Event lists payload values as
strings, numbers, integers, booleans and arrays, not objects. MONEY and ATTACHMENT are objects and are fine;
for other objects, flat 1st-level keys (customer_name, customer_email) are the safer choice.`,
		Bad:    `{"type": "object", "properties": {"customer": {"type": "object", "title": "Customer", "properties": {"name": {"type": "string", "title": "Name"}}}}}`,
		Good:   `{"type": "object", "properties": {"customer_name": {"type": "string", "title": "Customer name"}}}`,
		Source: "spec rule 39 and decision 3; Wix: The Trigger Payload Schema versus Report Event",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Level() == 1 && p.Schema.TypeName() == "object" && p.Schema.WixCustomType == nil {
				pass.ReportValue(p.Schema.Type, "object property without a custom type; Report Event does not list objects among payload values, consider flat keys")
			}
		}
		return nil
	},
}
