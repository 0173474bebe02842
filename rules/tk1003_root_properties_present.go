package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// RootPropertiesPresent checks that the root has "properties" and that every
// "properties" holds property definitions.
var RootPropertiesPresent = &lint.Rule{
	ID:       "TK1003",
	Name:     "root-properties-present",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "The root has properties, each an object",
		Text: `The root has a "properties" object whose members map each payload key to its definition. Every
definition, at every level, is itself an object with "type", "title" and the other keywords.`,
		Bad:    `{"type": "object", "properties": {"orderId": "string"}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Source: "spec rule 3; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		root := pass.Doc.Root
		switch {
		case root.Properties == nil:
			pass.Reportf(openSpan(root.Node), "", `missing "properties": want an object of property definitions`)
		case root.Properties.Value.Kind != schema.Object:
			pass.ReportValue(root.Properties, `"properties" is %s, want an object`, kindOf(root.Properties.Value))
		}
		for _, s := range pass.Doc.AllSchemas() {
			if s != root && s.Properties != nil && s.Properties.Value.Kind != schema.Object {
				pass.ReportValue(s.Properties, `"properties" is %s, want an object`, kindOf(s.Properties.Value))
			}
			for _, p := range s.Props {
				if p.Schema == nil {
					pass.ReportValue(p.Member, `property definition is %s, want an object`, kindOf(p.Value))
				}
			}
		}
		return nil
	},
}
