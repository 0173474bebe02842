package validate

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// canonical spells a valid JSON value so that values JSON Schema calls
// equal (numbers by value, objects whatever their key order) are spelled
// the same.
func canonical(raw []byte) string {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return string(raw)
	}
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case json.Number:
		b.WriteString("#" + numKey(string(v)))
	case string:
		b.WriteString(strconv.Quote(v))
	case []any:
		b.WriteByte('[')
		for _, e := range v {
			writeCanonical(b, e)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for _, k := range keys {
			b.WriteString(strconv.Quote(k) + ":")
			writeCanonical(b, v[k])
			b.WriteByte(',')
		}
		b.WriteByte('}')
	}
}

// equal reports whether src[start:end], of type t, equals c.
func (s *state) equal(c constant, start, end int, t uint8) bool {
	raw := s.src[start:end]
	switch {
	case c.typ&tNumber != 0:
		return t&tNumber != 0 && numEqual(bytesString(raw), c.str)
	case c.typ != t:
		return false
	case t == tString:
		content := raw[1 : len(raw)-1]
		if bytes.IndexByte(content, '\\') < 0 {
			return string(content) == c.str
		}
		return string(jsonscan.AppendUnquoted(s.buf[:0], content)) == c.str
	case t == tNull:
		return true
	case t == tBool:
		return string(raw) == c.str
	}
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return false
	}
	return equalValues(v, c.composite)
}

// equalValues compares decoded JSON values as JSON Schema does: numbers by
// their value.
func equalValues(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		b, ok := b.(json.Number)
		return ok && numEqual(string(a), string(b))
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !equalValues(a[i], b[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			bv, ok := b[k]
			if !ok || !equalValues(av, bv) {
				return false
			}
		}
		return true
	}
	return a == b
}

// constant is a compiled "const" value.
type constant struct {
	typ uint8  // its JSON type
	str string // the decoded string, a number's literal, or "true"/"false"
	// composite is the decoded value of an object or array constant.
	composite any
}

func newConstant(n *schema.Node) constant {
	c := constant{str: n.Text}
	switch n.Kind {
	case schema.Null:
		c.typ = tNull
	case schema.Bool:
		c.typ = tBool
	case schema.Number:
		c.typ = tFraction
		if n.IsInteger() {
			c.typ = tInteger
		}
	case schema.String:
		c.typ = tString
	default:
		c.typ = tObject
		if n.Kind == schema.Array {
			c.typ = tArray
		}
		c.composite = decodeNode(n)
	}
	return c
}

// decodeNode turns a parsed node into the values encoding/json produces
// with UseNumber.
func decodeNode(n *schema.Node) any {
	switch n.Kind {
	case schema.Null:
		return nil
	case schema.Bool:
		return n.Bool()
	case schema.Number:
		return json.Number(n.Text)
	case schema.String:
		return n.Text
	case schema.Array:
		out := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			out[i] = decodeNode(e)
		}
		return out
	case schema.Object:
		out := make(map[string]any, len(n.Members))
		for _, m := range n.Members {
			out[m.Name] = decodeNode(m.Value)
		}
		return out
	}
	return nil
}

// isHex4 reports whether s is four hexadecimal digits.
func isHex4(s string) bool {
	_, ok := jsonscan.Hex4([]byte(s))
	return ok
}
