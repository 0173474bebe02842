package rules

import (
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// KeyCaseCollision flags sibling keys that differ only in case.
var KeyCaseCollision = &lint.Rule{
	ID:       "TK2005",
	Name:     "key-case-collision",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Sibling keys differ in more than case",
		Text: `Keys are case-sensitive, so "orderId" and "orderID" are two properties; but users choosing
between them in the automation builder cannot tell them apart, and code that builds payloads easily sends
one for the other.`,
		Bad:    `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order"}, "orderID": {"type": "string", "title": "Order ID"}}}`,
		Good:   `{"type": "object", "properties": {"orderId": {"type": "string", "title": "Order ID"}}}`,
		Source: "spec rule 17",
	},
	Run: func(pass *lint.Pass) error {
		pass.Doc.Schemas(func(s *schema.Schema) {
			seen := map[string]string{}
			for _, p := range s.Props {
				low := strings.ToLower(p.Name)
				if first, ok := seen[low]; ok && first != p.Name {
					pass.ReportKey(p.Member, "property key %q differs from %q only in case", cut(p.Name, 60), cut(first, 60))
					continue
				}
				seen[low] = p.Name
			}
		})
		return nil
	},
}
