package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ExamplesMatchFormat checks string examples against the declared format.
var ExamplesMatchFormat = &lint.Rule{
	ID:       "TK3009",
	Name:     "examples-match-format",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "String examples satisfy the format",
		Text: `A string example satisfies the property's "format", checked strictly: an RFC 4122 UUID, an RFC 3339
date-time with an offset, date or time, an e-mail address, an absolute URI, a regular expression, or a
number written as a string for "number" and "DECIMAL_VALUE". Payloads are checked against the format, so an
example that fails it teaches the wrong shape. (futureDate examples are checked by TK7012.)`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string", "format": "uuid", "title": "Order ID", "examples": ["A-1001"]}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "format": "uuid", "title": "Order ID", "examples": ["3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03"]}}}`,
		Source: "spec rule 27 and decision 4; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		if !hasFormat(pass.Doc) {
			return nil // no value has a format to fail
		}
		eachExample(pass.Doc, func(s *schema.Schema, v *schema.Node) {
			if s.FutureDate == nil {
				checkValueFormat(pass, "example", s, v)
			}
		})
		return nil
	},
}

// hasFormat reports whether a schema of the document without futureDate
// has a string "format", which its example values are checked against.
func hasFormat(d *schema.Document) bool {
	for _, s := range d.AllSchemas() {
		if s.Format != nil && s.FutureDate == nil && s.FormatName() != "" {
			return true
		}
	}
	return false
}

// checkValueFormat reports v, a string example or default (noun) of s or a
// string inside one, when it fails s's documented format. A format written
// in another case or with other punctuation ("UUID", "datetime") is the
// documented one it spells, which TK5003 and TK5002 fix it to: the
// examples are checked against what the schema means, and fixing the
// format's spelling reveals nothing new.
func checkValueFormat(pass *lint.Pass, noun string, s *schema.Schema, v *schema.Node) {
	if v.Kind != schema.String || s.TypeName() != "string" {
		return
	}
	f := s.FormatName()
	if f == "" {
		return
	}
	// A documented format is its own spelling: no variant to look for.
	known := schema.IsFormat(f)
	if !known {
		if w := formatCaseVariant(f); w != "" {
			f = w
		} else if w, unsafe := formatMisspelling(f); w != "" && !unsafe {
			f = w
		}
		known = schema.IsFormat(f)
	}
	if known && !schema.CheckFormat(f, v.Text) {
		pass.ReportNode(v, "%s %s is not a valid %s", noun, show(v), f)
	}
}
