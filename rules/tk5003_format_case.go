package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// FormatCase checks the case of format names.
var FormatCase = &lint.Rule{
	ID:       "TK5003",
	Name:     "format-case",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Format names have the documented case",
		Text: `Format names are case-sensitive: "uuid" and "date-time" are lower case, "DECIMAL_VALUE" is upper
case. "UUID" is an unknown format that nothing checks.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string", "format": "UUID", "title": "Order ID"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "format": "uuid", "title": "Order ID"}}}`,
		Source: "spec rule 42 and decision 5",
		Fix:    `Writes the format in the documented case.`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.Format == nil || s.Format.Value.Kind != schema.String {
				continue
			}
			if want := formatCaseVariant(s.Format.Value.Text); want != "" {
				v := s.Format.Value
				pass.ReportFix(v.Span, v.Pointer(), replaceValue("write the format as "+want, v, schema.Quote(want)),
					"format %q is case-sensitive; want %q", v.Text, want)
			}
		}
		return nil
	},
}
