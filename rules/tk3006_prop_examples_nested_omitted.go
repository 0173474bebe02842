package rules

import "github.com/triggerkit/triggerkit/lint"

// PropExamplesNestedOmitted flags examples on 2nd-level properties.
var PropExamplesNestedOmitted = &lint.Rule{
	ID:       "TK3006",
	Name:     "prop-examples-nested-omitted",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "2nd-level properties leave examples out",
		Text: `The documentation says "examples" is omitted at the 2nd level: give the example on the 1st-level
object or array property instead, as a whole value.`,
		Bad:    `{"type": "object", "properties": {"price": {"type": "object", "title": "Price", "examples": [{"value": "10.00"}], "properties": {"value": {"type": "string", "title": "Value", "examples": ["10.00"]}}}}}`,
		Good:   `{"type": "object", "properties": {"price": {"type": "object", "title": "Price", "examples": [{"value": "10.00"}], "properties": {"value": {"type": "string", "title": "Value"}}}}}`,
		Source: "spec rule 24; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Level() >= 2 && p.Schema.Examples != nil {
				pass.ReportKey(p.Schema.Examples, `"examples" on a 2nd-level property is not used; give the example on the 1st-level property`)
			}
		}
		return nil
	},
}
