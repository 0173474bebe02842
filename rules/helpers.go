package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// since is the version that introduced the first rule set.
const since = "v0.1.0"

// kindOf names the JSON type of a value with its article: "a string", "an
// array", "null".
func kindOf(n *schema.Node) string {
	switch n.Kind {
	case schema.Array, schema.Object, schema.Invalid:
		return "an " + n.Kind.String()
	case schema.Null:
		return "null"
	case schema.Number:
		if n.IsInteger() {
			return "an integer"
		}
	}
	return "a " + n.Kind.String()
}

// show renders a value for a message: strings quoted and cut short, numbers
// and literals as written, objects and arrays by kind.
func show(n *schema.Node) string {
	switch n.Kind {
	case schema.String:
		return fmt.Sprintf("%q", cut(n.Text, 40))
	case schema.Number, schema.Bool, schema.Null:
		return cut(n.Text, 40)
	}
	return kindOf(n)
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return findings.Truncate(s, n) + "..."
}

// isBlank reports whether s is empty or white space only.
func isBlank(s string) bool {
	if s != "" && s[0] > ' ' && s[0] < utf8.RuneSelf {
		return false // a visible ASCII character: the common case
	}
	return strings.TrimSpace(s) == ""
}

// matchesType reports whether a value has a schema type. "integer" wants a
// whole number; "number" takes any number.
func matchesType(typ string, n *schema.Node) bool {
	switch typ {
	case "string":
		return n.Kind == schema.String
	case "number":
		return n.Kind == schema.Number
	case "integer":
		return n.IsInteger()
	case "boolean":
		return n.Kind == schema.Bool
	case "object":
		return n.Kind == schema.Object
	case "array":
		return n.Kind == schema.Array
	}
	return true
}

// eachExample calls fn for every value inside the examples of the root and
// of every property schema, paired with the schema that describes it: each
// example, the members of object examples that match nested properties, and
// the elements of array examples with the items schema. Values that the
// schema does not describe are not visited.
func eachExample(d *schema.Document, fn func(s *schema.Schema, v *schema.Node)) {
	for _, s := range d.AllSchemas() {
		if s.Examples == nil || s.Role != schema.RoleProperty && s.Role != schema.RoleRoot || s.Examples.Value.Kind != schema.Array {
			continue
		}
		for _, e := range s.Examples.Value.Elems {
			exampleValue(s, e, fn)
		}
	}
}

func exampleValue(s *schema.Schema, v *schema.Node, fn func(*schema.Schema, *schema.Node)) {
	fn(s, v)
	switch {
	case v.Kind == schema.Object && s.TypeName() == "object":
		for _, m := range v.Members {
			if p := s.Prop(m.Name); p != nil && p.Schema != nil {
				exampleValue(p.Schema, m.Value, fn)
			}
		}
	case v.Kind == schema.Array && s.TypeName() == "array" && s.ItemsSchema != nil:
		for _, e := range v.Elems {
			exampleValue(s.ItemsSchema, e, fn)
		}
	}
}

// defined returns the properties of the document whose value is an object,
// depth first: the document's index, built once for every rule. Callers
// must not change the slice.
func defined(d *schema.Document) []*schema.Property { return d.Defined() }

// normKey lower-cases a key and drops underscores, so that contactId,
// contact_id and ContactID compare equal.
func normKey(k string) string {
	return strings.ToLower(strings.ReplaceAll(k, "_", ""))
}

// normKeyHasSuffix reports whether normKey(k) ends in suffix, a string of
// lower-case ASCII letters and digits. It reads k from its end and does not
// allocate unless it meets a non-ASCII byte before the suffix is matched.
func normKeyHasSuffix(k, suffix string) bool {
	i := len(k)
	for j := len(suffix) - 1; j >= 0; j-- {
		for i > 0 && k[i-1] == '_' {
			i--
		}
		if i == 0 {
			return false
		}
		c := k[i-1]
		if c >= utf8.RuneSelf {
			// Lower-casing may turn a non-ASCII letter into an ASCII one
			// (the Kelvin sign into "k"): compare as normKey does.
			return strings.HasSuffix(normKey(k), suffix)
		}
		if lowerASCII(c) != suffix[j] {
			return false
		}
		i--
	}
	return true
}

// lowerEqual reports whether strings.ToLower(a) == strings.ToLower(b). It
// compares ASCII bytes in place and lower-cases copies only from the first
// non-ASCII byte on, so that it does not allocate for ASCII keys.
func lowerEqual(a, b string) bool {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			// The ASCII prefixes are whole characters and equal when
			// lower-cased: the rest decides, lower-cased as the rules
			// always compared keys (strings.EqualFold differs: it folds
			// final sigma and sigma together).
			la, lb := strings.ToLower(a[i:]), strings.ToLower(b[i:])
			return la == lb
		}
		if lowerASCII(ca) != lowerASCII(cb) {
			return false
		}
	}
	// One is a prefix of the other up to case; every further character
	// lower-cases to at least one byte.
	return len(a) == len(b)
}

// lowerHash is the 64-bit FNV-1a hash of strings.ToLower(s), which it
// makes only when s is not ASCII.
func lowerHash(s string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = strings.ToLower(s)
			h := uint64(offset)
			for j := 0; j < len(s); j++ {
				h = (h ^ uint64(s[j])) * prime
			}
			return h
		}
	}
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(lowerASCII(s[i]))) * prime
	}
	return h
}

// lowerMark is the length and the first and last bytes of
// strings.ToLower(s), which it makes only when s is not ASCII: keys equal
// lower-cased have equal marks, and a mark is cheaper than a hash.
func lowerMark(s string) uint64 {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = strings.ToLower(s)
			return uint64(len(s))<<16 | uint64(s[0])<<8 | uint64(s[len(s)-1])
		}
	}
	if s == "" {
		return 0
	}
	return uint64(len(s))<<16 | uint64(lowerASCII(s[0]))<<8 | uint64(lowerASCII(s[len(s)-1]))
}

// lowerASCII lower-cases an ASCII letter and returns any other byte as it
// is.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// scanMax is the length up to which a rule looks for a repeated key by
// comparing it with each earlier one, which costs no allocation and, for
// the 20 to 30 properties of a usual root, less time than hashing; above it
// a rule hashes, so that the cost stays linear in the length.
const scanMax = 32

// openSpan is the span of an object's opening brace, for findings about the
// object as a whole that should not cover all of it.
func openSpan(n *schema.Node) schema.Span {
	return schema.Span{Start: n.Span.Start, End: n.Span.Start + 1}
}
