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
		for _, s := range pass.Doc.AllSchemas() {
			if len(s.Props) > scanMax {
				caseCollisionsHashed(pass, s.Props)
				continue
			}
			// Each key against the earlier ones: the first that is equal
			// lower-cased is the one a differently cased key collides with.
			for i, p := range s.Props {
				for _, q := range s.Props[:i] {
					if lowerEqual(q.Name, p.Name) {
						if q.Name != p.Name {
							reportCaseCollision(pass, p, q.Name)
						}
						break
					}
				}
			}
		}
		return nil
	},
}

// caseCollisionsHashed reports case collisions among many sibling keys,
// by their lower-cased form.
func caseCollisionsHashed(pass *lint.Pass, props []*schema.Property) {
	seen := make(map[string]string, len(props))
	for _, p := range props {
		low := strings.ToLower(p.Name)
		if first, ok := seen[low]; ok {
			if first != p.Name {
				reportCaseCollision(pass, p, first)
			}
			continue
		}
		seen[low] = p.Name
	}
}

func reportCaseCollision(pass *lint.Pass, p *schema.Property, first string) {
	pass.ReportKey(p.Member, "property key %q differs from %q only in case", cut(p.Name, 60), cut(first, 60))
}
