package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// CustomTypePlacement checks where custom types sit.
var CustomTypePlacement = &lint.Rule{
	ID:       "TK8009",
	Name:     "custom-type-placement",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Object custom types are 1st-level properties",
		Text: `MONEY, ATTACHMENT and FIELDS are objects or arrays, which only 1st-level properties may be.
wixCustomType belongs on a property: not on the root, on array items or on oneOf options.`,
		Bad:    `{"type": "object", "properties": {"order": {"type": "object", "title": "Order", "properties": {"total": {"type": "object", "wixCustomType": "MONEY", "title": "Total"}}}}}`,
		Good:   `{"type": "object", "properties": {"orderTotal": {"type": "object", "wixCustomType": "MONEY", "title": "Total"}}}`,
		Source: "spec rule 76",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			m := s.WixCustomType
			if m == nil {
				continue
			}
			if s.Role != schema.RoleProperty {
				pass.ReportKey(m, "wixCustomType belongs on a property")
				continue
			}
			switch c := s.CustomType(); c {
			case "MONEY", "ATTACHMENT", "FIELDS":
				if s.Level > 1 {
					pass.ReportKey(m, "%s on a level %d property; it must be a 1st-level property", c, s.Level)
				}
			}
		}
		return nil
	},
}
