package rules

import "github.com/triggerkit/triggerkit/lint"

// FieldsShape checks FIELDS properties.
var FieldsShape = &lint.Rule{
	ID:       "TK8008",
	Name:     "fields-shape",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "FIELDS is an array of label and value objects",
		Text:  `FIELDS, seen only on Wix's own triggers, is an array whose items have the properties "label" and "value".`,
		Bad:   `{"type": "object", "properties": {"answers": {"type": "array", "wixCustomType": "FIELDS", "title": "Answers", "items": {"type": "object", "properties": {"question": {"type": "string", "title": "Question"}}}}}}`,
		Good: `{"type": "object", "properties": {"answers": {"type": "array", "wixCustomType": "FIELDS", "title": "Answers", "items": {"type": "object",
  "properties": {"label": {"type": "string", "title": "Label"}, "value": {"type": "string", "title": "Value"}}}}}}`,
		Source: "spec rule 75; Wix skills docs",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Schema.CustomType() != "FIELDS" {
				continue
			}
			s := p.Schema
			if s.TypeName() != "array" {
				pass.ReportKey(s.WixCustomType, `FIELDS property has type %q, want "array"`, s.TypeName())
				continue
			}
			if s.ItemsSchema == nil {
				continue
			}
			for _, name := range []string{"label", "value"} {
				if s.ItemsSchema.Prop(name) == nil {
					pass.ReportKey(s.Items, `FIELDS items have no %q property`, name)
				}
			}
		}
		return nil
	},
}
