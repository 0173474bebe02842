package rules

import (
	"fmt"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// RequiredNamesExist checks that required names are declared.
var RequiredNamesExist = &lint.Rule{
	ID:       "TK1007",
	Name:     "required-names-exist",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Required names are declared in properties",
		Text: `Every name in a "required" array is a key of the sibling "properties" (at the root, in an object
property, or in array items). A name that is not declared forces every payload to carry a key that
automations cannot see, and payloads without it fail validation.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string"}}, "required": ["orderID"]}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string"}}, "required": ["orderId"]}`,
		Source: "spec rule 7; Wix: The Trigger Payload Schema",
		Fix:    `Removes a "required" entry that names no property, with its comma (but not the last entry of the root's, which needs the author's choice); an entry that differs from a property's name only in case is written as that name instead.`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			if s.Required == nil || s.Required.Value.Kind != schema.Array {
				continue
			}
			// A required list on an array property names the items' keys.
			owner := s
			if s.TypeName() == "array" && s.ItemsSchema != nil && s.Properties == nil {
				owner = s.ItemsSchema
			}
			arr := s.Required.Value
			var names []string
			for i, e := range arr.Elems {
				if e.Kind != schema.String || e.Text == "" || owner.Prop(e.Text) != nil {
					continue
				}
				// A name that differs from a property's only in case is that
				// property's; any other is removed.
				if names == nil {
					names = make([]string, len(owner.Props))
					for j, p := range owner.Props {
						names[j] = p.Name
					}
				}
				f := removeEntry(s, i)
				if want := schema.FoldMatch(names, e.Text); want != "" && !s.IsRequired(want) {
					f = replaceValue("write the name as "+want, e, schema.Quote(want))
				}
				pass.Report(lint.Diagnostic{Pointer: e.Pointer(), Span: e.Span, Fixes: someFix(f),
					Message: fmt.Sprintf(`required property %q is not declared in "properties"`, e.Text)})
			}
		}
		return nil
	},
}
