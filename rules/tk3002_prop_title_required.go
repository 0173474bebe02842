package rules

import (
	"fmt"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// PropTitleRequired checks that every property has a title.
var PropTitleRequired = &lint.Rule{
	ID:       "TK3002",
	Name:     "prop-title-required",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Every property has a title",
		Text: `Every property, at both levels, has a non-empty string "title": the name users see in the
automation builder. Properties without one are shown by key or left out.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID"}}}`,
		Source: "spec rule 20; Wix: The Trigger Payload Schema, internal draft, Wix skills docs",
		Fix:    `Adds a title made from the key, as schemagen makes titles ("orderId" gets "Order ID"), after "type".`,
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			checkText(pass, p.Schema.Title, "title", "", func() {
				title := schema.Title(p.Name)
				pass.ReportFix(p.KeySpan, p.Value.Pointer(),
					insertMember(fmt.Sprintf("add the title %q", title), pass.File().Src, p.Value, "type", "title", schema.Quote(title)),
					`missing "title"`)
			})
		}
		return nil
	},
}
