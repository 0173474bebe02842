package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// RootRequiredRecommended recommends a root "required" list.
var RootRequiredRecommended = &lint.Rule{
	ID:       "TK1005",
	Name:     "root-required-recommended",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "The root lists its required properties",
		Text: `"required" is optional, but Wix recommends listing every property that downstream actions need: a
payload without them is then refused when it is reported, instead of running automations with empty values.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}, "required": ["orderId"]}`,
		Source: "spec rule 5; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		root := pass.Doc.Root
		switch {
		case root.Required == nil:
			pass.Reportf(openSpan(root.Node), "", `no "required" list; list the properties that actions rely on`)
		case root.Required.Value.Kind == schema.Array && len(root.Required.Value.Elems) == 0:
			pass.ReportValue(root.Required, `"required" is empty; list the properties that actions rely on`)
		}
		return nil
	},
}
