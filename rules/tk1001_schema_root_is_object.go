package rules

import (
	"github.com/triggerkit/triggerkit/findings"
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
		Fix: `Corrects every mistake the parser stepped over: removes comments and trailing commas, writes
single-quoted strings and unquoted keys in double quotes, inserts a missing colon or comma, makes
no-break spaces plain spaces, removes a byte order mark and writes True, FALSE and Null in lower case.`,
	},
	RunDespiteErrors: true,
	Run: func(pass *lint.Pass) error {
		f := pass.File()
		for _, e := range f.Errors {
			// The span ends after the whole character the error is at (a
			// no-break space is two bytes), or at the end of the input.
			d := lint.Diagnostic{Pointer: e.Pointer, Span: schema.Span{Start: e.Offset, End: schema.CharEnd(f.Src, e.Offset)}, Message: e.Msg}
			if len(e.Repairs) > 0 {
				f := findings.Fix{Message: repairMessage(e.Kind)}
				for _, r := range e.Repairs {
					f.Edits = append(f.Edits, findings.Edit{Start: r.Span.Start, End: r.Span.End, NewText: r.Text})
				}
				d.Fixes = fixes(f)
			}
			pass.Report(d)
		}
		return nil
	},
}

// repairMessage says what the parser's repairs of an error of a kind do.
func repairMessage(k schema.ErrorKind) string {
	switch k {
	case schema.ErrSpace:
		return "replace the white space JSON does not allow with spaces"
	case schema.ErrComment:
		return "remove the comment"
	case schema.ErrTrailingComma:
		return "remove the trailing comma"
	case schema.ErrSingleQuote:
		return "write the string in double quotes"
	case schema.ErrMissingColon:
		return "insert the colon"
	case schema.ErrMissingComma:
		return "insert the comma"
	case schema.ErrSyntax:
		return "write it as JSON"
	}
	return "correct the syntax"
}
