package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// SchemaRootIsObject reports the file's parse errors.
var SchemaRootIsObject = &lint.Rule{
	ID:       "TK1001",
	Name:     "schema-root-is-object",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "The schema is one strict JSON object",
		Text: `A trigger schema is a single JSON object written in strict JSON (RFC 8259): no comments, no
trailing commas, no single quotes, double-quoted keys, and only space, tab, line feed and carriage return as
white space. The code samples in Wix's documentation contain no-break spaces (U+00A0) as indentation, which
look like spaces but make the file invalid when copied.

The finding names the cause and its exact position. Where the mistake can be stepped over, the rest of the
file is still read, so one run lists every mistake; the other rules run once the file parses.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string"},},}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Source: "spec rule 1 and decision 13; Wix: The Trigger Payload Schema",
	},
	RunDespiteErrors: true,
	Run: func(pass *lint.Pass) error {
		f := pass.File()
		for _, e := range f.Errors {
			end := e.Offset + 1
			if end > len(f.Src) {
				end = len(f.Src)
			}
			pass.Reportf(schema.Span{Start: e.Offset, End: end}, e.Pointer, "%s", e.Msg)
		}
		return nil
	},
}
