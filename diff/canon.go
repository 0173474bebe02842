package diff

import (
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// sameMember reports whether two members are written the same, which
// makes their memberText the same without writing it.
func sameMember(a, b *schema.Member) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameValue(a.Value, b.Value)
}

func sameValue(a, b *schema.Node) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.Object:
		if len(a.Members) != len(b.Members) {
			return false
		}
		for i, m := range a.Members {
			if m.Name != b.Members[i].Name || !sameValue(m.Value, b.Members[i].Value) {
				return false
			}
		}
		return true
	case schema.Array:
		if len(a.Elems) != len(b.Elems) {
			return false
		}
		for i, e := range a.Elems {
			if !sameValue(e, b.Elems[i]) {
				return false
			}
		}
		return true
	}
	return a.Text == b.Text
}

// canon writes a node as compact JSON with object keys sorted, so that
// values that differ only in layout or key order compare equal.
func canon(n *schema.Node) string {
	var buf [128]byte
	return string(appendCanon(buf[:0], n))
}

// appendCanon appends canon(n) to b.
func appendCanon(b []byte, n *schema.Node) []byte {
	switch n.Kind {
	case schema.Null:
		return append(b, "null"...)
	case schema.String:
		return appendJSONString(b, n.Text)
	case schema.Object:
		ms := n.Members
		byName := func(x, y *schema.Member) int { return strings.Compare(x.Name, y.Name) }
		if !slices.IsSortedFunc(ms, byName) {
			ms = slices.Clone(ms)
			slices.SortStableFunc(ms, byName)
		}
		b = append(b, '{')
		for i, m := range ms {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, m.Name)
			b = append(b, ':')
			b = appendCanon(b, m.Value)
		}
		return append(b, '}')
	case schema.Array:
		b = append(b, '[')
		for i, e := range n.Elems {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCanon(b, e)
		}
		return append(b, ']')
	}
	return append(b, n.Text...)
}
