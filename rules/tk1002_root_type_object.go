package rules

import "github.com/triggerkit/triggerkit/lint"

// RootTypeObject checks the root's "type".
var RootTypeObject = &lint.Rule{
	ID:       "TK1002",
	Name:     "root-type-object",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "The root type is object",
		Text: `The root of a trigger schema has "type": "object". Wix's editor says not to remove it and not to
change its value.`,
		Bad:    `{"properties": {"orderId": {"type": "string"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Source: "spec rule 2; Wix: The Trigger Payload Schema, The Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		root := pass.Doc.Root
		switch {
		case root.Type == nil:
			pass.Reportf(openSpan(root.Node), "", `missing "type": want "object"`)
		case root.TypeName() != "object":
			pass.ReportValue(root.Type, `root "type" is %s, want "object"`, show(root.Type.Value))
		}
		return nil
	},
}
