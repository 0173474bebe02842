package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// FormatNumericString checks the numeric string formats.
var FormatNumericString = &lint.Rule{
	ID:       "TK5004",
	Name:     "format-numeric-string",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Numeric formats sit on strings",
		Text: `"number" and "DECIMAL_VALUE" mean "a number carried as a string" ("1234.56"): they let users apply
numeric operators in conditions to a value that must keep its exact decimal form. The property's type is
"string"; for a plain number write "type": "number" without a format.`,
		Bad:    `{"type": "object", "properties": {"total": {"type": "number", "format": "DECIMAL_VALUE", "title": "Total"}}}`,
		Good:   `{"type": "object", "properties": {"total": {"type": "string", "format": "DECIMAL_VALUE", "title": "Total"}}}`,
		Source: "spec rule 43; Wix: The Trigger Payload Schema, Wix skills docs",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			f, t := s.FormatName(), s.TypeName()
			if (f == "number" || f == "DECIMAL_VALUE") && t != "" && t != "string" {
				pass.ReportValue(s.Type, `format %q means a number carried as a string; want "type": "string", got %q`, f, t)
			}
		}
		return nil
	},
}
