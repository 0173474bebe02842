package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// AdditionalPropertiesForcedTrue flags additionalProperties settings that
// Wix overwrites.
var AdditionalPropertiesForcedTrue = &lint.Rule{
	ID:       "TK1009",
	Name:     "additional-properties-forced-true",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "AdditionalProperties is not restricted",
		Text: `Wix always saves "additionalProperties": true: extra payload keys are accepted whatever the schema
says. "false" or a sub-schema has no effect and misleads readers into thinking extra keys are refused.`,
		Bad:    `{"type": "object", "additionalProperties": false, "properties": {"orderId": {"type": "string"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Source: "spec rule 9; Wix: The Payload Schema (legacy article), internal draft",
		Fix:    `Removes "additionalProperties", which has no effect, with its comma.`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			ap := s.AdditionalProperties
			if ap == nil || ap.Value.Bool() {
				continue
			}
			f := removeMember(`remove "additionalProperties"`, s.Node, ap)
			if ap.Value.Kind == schema.Bool {
				pass.ReportFix(ap.Value.Span, ap.Value.Pointer(), f, `"additionalProperties": false has no effect; Wix always saves it as true`)
			} else {
				pass.ReportFix(ap.Value.Span, ap.Value.Pointer(), f, `"additionalProperties" is %s and has no effect; Wix always saves it as true`, kindOf(ap.Value))
			}
		}
		return nil
	},
}
