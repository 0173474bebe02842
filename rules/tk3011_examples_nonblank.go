package rules

import (
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ExamplesNonblank flags empty and padded string examples.
var ExamplesNonblank = &lint.Rule{
	ID:       "TK3011",
	Name:     "examples-nonblank",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "String examples are not blank or padded",
		Text: `An empty or white-space example shows users nothing when they test an action, and leading or
trailing spaces are almost always a copy-and-paste accident.`,
		Bad:    `{"type": "object", "properties": {"city": {"type": "string", "title": "City", "examples": ["Paris "]}}}`,
		Good:   `{"type": "object", "properties": {"city": {"type": "string", "title": "City", "examples": ["Paris"]}}}`,
		Source: "spec rule 29",
	},
	Run: func(pass *lint.Pass) error {
		eachExample(pass.Doc, func(s *schema.Schema, v *schema.Node) {
			if v.Kind != schema.String {
				return
			}
			switch {
			case v.Text == "":
				pass.ReportNode(v, "example is empty")
			case isBlank(v.Text):
				pass.ReportNode(v, "example is only white space")
			case strings.TrimSpace(v.Text) != v.Text:
				pass.ReportNode(v, "example %s has leading or trailing white space", show(v))
			}
		})
		return nil
	},
}
