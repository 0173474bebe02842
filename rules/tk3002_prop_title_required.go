package rules

import "github.com/triggerkit/triggerkit/lint"

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
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			checkText(pass, p.Schema.Title, "title", "", func() { pass.ReportKey(p.Member, `missing "title"`) })
		}
		return nil
	},
}
