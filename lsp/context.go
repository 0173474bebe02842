package lsp

import (
	"encoding/json"
	"strconv"

	"github.com/triggerkit/triggerkit/metaschema"
	"github.com/triggerkit/triggerkit/schema"
)

// cursor is what surrounds an offset of a document, read by a tolerant
// scan that works on half-typed text.
type cursor struct {
	ok     bool     // inside an object or array of the document
	path   []string // the reference tokens of the innermost object or array
	object bool     // the innermost container is an object
	inKey  bool     // at a key of that object
	key    string   // the key whose value the offset is at, when !inKey
	keys   []string // the keys of the object before the offset
	// quote is the offset of the opening quote of the string the offset
	// is in, or -1.
	quote int
}

// frame is an object or array open at the offset.
type frame struct {
	object bool
	token  string // the key or index it sits under in its parent
	key    string // an object's current key
	colon  bool   // an object's current key has its colon
	keys   []string
	index  int // an array's current element
}

// scanCursor reads src up to off. Strings end at their closing quote or,
// when half-typed, at the end of their line.
func scanCursor(src []byte, off int) cursor {
	off = max(0, min(off, len(src)))
	var stack []frame
	c := cursor{quote: -1}
	for i := 0; i < off; i++ {
		switch src[i] {
		case '"':
			j, closed := i+1, false
			for j < len(src) && src[j] != '\n' {
				if src[j] == '\\' {
					j += 2
					continue
				}
				if src[j] == '"' {
					closed = true
					break
				}
				j++
			}
			j = min(j, len(src))
			if j >= off {
				c.quote = i
				i = off
				break
			}
			if n := len(stack); n > 0 && stack[n-1].object && !stack[n-1].colon {
				k := unquote(src[i:j])
				stack[n-1].key = k
				stack[n-1].keys = append(stack[n-1].keys, k)
			}
			if !closed {
				j-- // the newline is read as white space
			}
			i = j
		case '{', '[':
			tok := ""
			if n := len(stack); n > 0 {
				if stack[n-1].object {
					tok = stack[n-1].key
				} else {
					tok = strconv.Itoa(stack[n-1].index)
				}
			}
			stack = append(stack, frame{object: src[i] == '{', token: tok})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ':':
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].colon = true
			}
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].object {
					stack[n-1].colon, stack[n-1].key = false, ""
				} else {
					stack[n-1].index++
				}
			}
		}
	}
	if len(stack) == 0 {
		return c
	}
	top := stack[len(stack)-1]
	c.ok, c.object = true, top.object
	for _, f := range stack[1:] {
		c.path = append(c.path, f.token)
	}
	if top.object {
		c.inKey, c.key, c.keys = !top.colon, top.key, top.keys
	}
	return c
}

// unquote decodes a string token given without its closing quote.
func unquote(tok []byte) string {
	// tok runs from the opening quote to just before the closing one, or
	// to the end of the line.
	tok = append(append([]byte(nil), tok...), '"')
	var s string
	if json.Unmarshal(tok, &s) != nil {
		return string(tok[1 : len(tok)-1])
	}
	return s
}

// placeOf returns the place of the schema object that reference tokens
// from the root reach, or false when they reach no schema object (a
// "properties" map, an array, a value).
func placeOf(tokens []string) (metaschema.Place, bool) {
	p := metaschema.Root
	for i := 0; i < len(tokens); {
		switch t := tokens[i]; {
		case t == "properties" && i+1 < len(tokens) && (p == metaschema.Root || p == metaschema.Property1 || p == metaschema.Items):
			if p == metaschema.Root {
				p = metaschema.Property1
			} else {
				p = metaschema.Property2
			}
			i += 2
		case t == "items" && p == metaschema.Property1:
			p = metaschema.Items
			i++
		case t == "oneOf" && i+1 < len(tokens) && (p == metaschema.Property1 || p == metaschema.Property2):
			p = metaschema.Option
			i += 2
		default:
			return 0, false
		}
	}
	return p, true
}

// memberAt returns the innermost member whose key or value holds off, with
// whether off is on its key, and the object that holds it.
func memberAt(n *schema.Node, off int) (m *schema.Member, onKey bool, obj *schema.Node) {
	if n == nil {
		return nil, false, nil
	}
	switch n.Kind {
	case schema.Object:
		for _, m := range n.Members {
			if off >= m.KeySpan.Start && off < m.KeySpan.End {
				return m, true, n
			}
			if m.Value != nil && off >= m.Value.Span.Start && off < m.Value.Span.End {
				if inner, k, o := memberAt(m.Value, off); inner != nil {
					return inner, k, o
				}
				return m, false, n
			}
		}
	case schema.Array:
		for _, e := range n.Elems {
			if off >= e.Span.Start && off < e.Span.End {
				return memberAt(e, off)
			}
		}
	}
	return nil, false, nil
}

// keysAfter returns the keys of the object that is open at off, written
// after off: a tolerant scan to the object's closing brace, reading
// strings as scanCursor does.
func keysAfter(src []byte, off int) []string {
	var keys []string
	depth := 0
	for i := max(off, 0); i < len(src); i++ {
		switch src[i] {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(src))
			if depth == 0 {
				k := j + 1
				for k < len(src) && (src[k] == ' ' || src[k] == '\t' || src[k] == '\r' || src[k] == '\n') {
					k++
				}
				if k < len(src) && src[k] == ':' && j < len(src) && src[j] == '"' {
					keys = append(keys, unquote(src[i:j]))
				}
			}
			if j < len(src) && src[j] == '\n' {
				j--
			}
			i = j
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth < 0 {
				return keys
			}
		}
	}
	return keys
}
