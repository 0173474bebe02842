package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// FormatOnStringOnly checks that formats sit on strings.
var FormatOnStringOnly = &lint.Rule{
	ID:       "TK5001",
	Name:     "format-on-string-only",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Format is used only on strings",
		Text: `"format" refines string properties only. On another type it is ignored by validation and confuses
the automation builder. (The numeric formats are explained by TK5004.)`,
		Bad:    `{"type": "object", "properties": {"createdAt": {"type": "integer", "format": "date-time", "title": "Created"}}}`,
		Good:   `{"type": "object", "properties": {"createdAt": {"type": "string", "format": "date-time", "title": "Created"}}}`,
		Source: "spec rule 40; Wix: The Trigger Payload Schema, The Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			f, t := s.FormatName(), s.TypeName()
			if s.Format == nil || t == "" || t == "string" || f == "number" || f == "DECIMAL_VALUE" {
				continue
			}
			pass.ReportKey(s.Format, `"format" on %s property; formats apply only to strings`, withArticle(t))
		}
		return nil
	},
}
