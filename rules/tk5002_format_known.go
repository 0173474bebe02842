package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// FormatKnown checks format names.
var FormatKnown = &lint.Rule{
	ID:       "TK5002",
	Name:     "format-known",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Format is one the dialect documents",
		Text: `The documented formats are date-time, date, time, email, uuid, uri, regex, number and
DECIMAL_VALUE. Other JSON Schema formats (hostname, ipv4, uri-reference, duration, ...) are a warning: valid
JSON Schema, but not documented for triggers. Anything else is an error. (Wrong case is TK5003.)`,
		Bad:    `{"type": "object", "properties": {"phone": {"type": "string", "format": "phone", "title": "Phone"}}}`,
		Good:   `{"type": "object", "properties": {"phone": {"type": "string", "title": "Phone"}}}`,
		Source: "spec rule 41 and decision 5; Wix: The Trigger Payload Schema, Wix skills docs",
		Fix:    `Writes a format spelled with other punctuation or case ("datetime", "E_mail") as the documented one. "url" and "guid" become uri and uuid only when the rule is named (an unsafe fix).`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.Format == nil {
				continue
			}
			v := s.Format.Value
			f := v.Text
			switch {
			case v.Kind != schema.String:
				pass.ReportValue(s.Format, `"format" is %s, want a format name`, kindOf(v))
			case schema.IsFormat(f), formatCaseVariant(f) != "":
			case schema.IsJSONSchemaFormat(f):
				pass.Report(lint.Diagnostic{Severity: lint.Warning, Pointer: v.Pointer(), Span: v.Span,
					Message: "format " + show(v) + " is JSON Schema but not documented for trigger schemas"})
			default:
				d := lint.Diagnostic{Pointer: v.Pointer(), Span: v.Span,
					Message: "unknown format " + show(v) + "; want date-time, date, time, email, uuid, uri, regex, number or DECIMAL_VALUE"}
				if want, unsafe := formatMisspelling(f); want != "" {
					fix := replaceValue("write the format as "+want, v, schema.Quote(want))
					fix.Unsafe = unsafe
					d.Fixes = fixes(fix)
				}
				pass.Report(d)
			}
		}
		return nil
	},
}

// formatCaseVariant returns the documented format that f differs from only
// in case, or "".
func formatCaseVariant(f string) string {
	if schema.IsFormat(f) {
		return ""
	}
	return schema.FoldMatch(schema.Formats(), f)
}

// formatMisspelling returns the documented format that f misspells: the
// one it spells with other case or punctuation ("datetime", "E-Mail"), or
// for the words other specifications use, "url" and "guid", uri and uuid.
// unsafe is set for those, which are likely but not certain.
func formatMisspelling(f string) (want string, unsafe bool) {
	if w := spelledLike(schema.Formats(), f); w != "" {
		return w, false
	}
	switch squash(f) {
	case "url":
		return "uri", true
	case "guid":
		return "uuid", true
	}
	return "", false
}
