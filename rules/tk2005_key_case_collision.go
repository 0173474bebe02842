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
			if len(s.Props) < 2 {
				continue
			}
			caseCollisions(s.Props, lowerHash, func(p *schema.Property, first string) {
				pass.ReportKey(p.Member, "property key %q differs from %q only in case", cut(p.Name, 60), cut(first, 60))
			})
		}
		return nil
	},
}

// caseCollisions calls found for every key of props that is equal
// lower-cased to an earlier one but differs from the first such, which it
// passes.
//
// Up to scanMax keys are each compared with the earlier ones. More are
// hashed by their lower-cased form, which hash computes without making it,
// keeping the first key of each hash. A key whose hash is taken by a key
// that is not equal to it lower-cased, which a 64-bit hash makes rare, is
// looked up by its lower-cased copy among the other such keys, so that what
// is found never depends on the hash.
func caseCollisions(props []*schema.Property, hash func(string) uint64, found func(p *schema.Property, first string)) {
	if len(props) <= scanMax {
		// Keys equal lower-cased have equal marks: the marks, on the
		// stack, rule out most pairs at the cost of one comparison.
		var marks [scanMax]uint64
		for i, p := range props {
			marks[i] = lowerMark(p.Name)
		}
		for i, p := range props {
			for j, q := range props[:i] {
				if marks[j] == marks[i] && lowerEqual(q.Name, p.Name) {
					if q.Name != p.Name {
						found(p, q.Name)
					}
					break
				}
			}
		}
		return
	}
	first := make(map[uint64]*schema.Property, len(props))
	var others map[string]string // lower-cased key to the first key
	for _, p := range props {
		h := hash(p.Name)
		q, ok := first[h]
		switch {
		case !ok:
			first[h] = p
		case lowerEqual(q.Name, p.Name):
			if q.Name != p.Name {
				found(p, q.Name)
			}
		default:
			if others == nil {
				others = map[string]string{}
			}
			low := strings.ToLower(p.Name)
			if f, ok := others[low]; ok {
				if f != p.Name {
					found(p, f)
				}
				continue
			}
			others[low] = p.Name
		}
	}
}
