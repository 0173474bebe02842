package generate

import (
	"bytes"

	"github.com/triggerkit/triggerkit/schema"
)

// jval is a JSON value that keeps the order of its members and the text
// of its scalars as written: the existing schema that Update edits.
type jval struct {
	kind    schema.Kind
	raw     []byte // a scalar's text, as written
	members []jmember
	elems   []*jval
	// oneLine is an object's or array's text as written, when it is on
	// one line: written again as it is unless changed (dirty).
	oneLine []byte
	dirty   bool
}

// clean reports whether v and everything in it are as written.
func (v *jval) clean() bool {
	if v.dirty {
		return false
	}
	for _, m := range v.members {
		if !m.v.clean() {
			return false
		}
	}
	for _, e := range v.elems {
		if !e.clean() {
			return false
		}
	}
	return true
}

type jmember struct {
	name string
	v    *jval
}

// jvalOf copies a parsed value of src.
func jvalOf(n *schema.Node, src []byte) *jval {
	v := &jval{kind: n.Kind}
	if text := src[n.Span.Start:n.Span.End]; (n.Kind == schema.Object || n.Kind == schema.Array) && !bytes.ContainsAny(text, "\r\n") {
		v.oneLine = text
	}
	switch n.Kind {
	case schema.Object:
		v.members = make([]jmember, 0, len(n.Members))
		for _, m := range n.Members {
			v.members = append(v.members, jmember{m.Name, jvalOf(m.Value, src)})
		}
	case schema.Array:
		v.elems = make([]*jval, 0, len(n.Elems))
		for _, e := range n.Elems {
			v.elems = append(v.elems, jvalOf(e, src))
		}
	default:
		v.raw = src[n.Span.Start:n.Span.End]
	}
	return v
}

func jstring(s string) *jval { return &jval{kind: schema.String, raw: quote(nil, s)} }

// get returns the value of the first member named name, or nil.
func (v *jval) get(name string) *jval {
	if v == nil || v.kind != schema.Object {
		return nil
	}
	for _, m := range v.members {
		if m.name == name {
			return m.v
		}
	}
	return nil
}

// str returns the string a member holds, or "".
func (v *jval) str(name string) string {
	m := v.get(name)
	if m == nil || m.kind != schema.String {
		return ""
	}
	f, err := schema.ParseValue("value", m.raw)
	if err != nil {
		return ""
	}
	return f.Root.Text
}

// del removes the members named name.
func (v *jval) del(name string) {
	out := v.members[:0]
	for _, m := range v.members {
		if m.name != name {
			out = append(out, m)
		}
	}
	v.members = out
	v.dirty = true
}

// keywordRank is the place of a keyword in the order the generator writes
// them; a keyword added to an existing schema goes after the last one
// before it in this order, so that the schema's own order is kept.
var keywordRank = map[string]int{
	"$schema": 0, "type": 1, "title": 2, "description": 3, "format": 4, "identityType": 5, "futureDate": 6,
	"wixCustomType": 7, "examples": 8, "properties": 9, "required": 10, "items": 11,
}

// set replaces the value of the member named name, or adds the member at
// its place in keywordRank's order.
func (v *jval) set(name string, val *jval) {
	for i := range v.members {
		if v.members[i].name == name {
			v.members[i].v = val
			v.dirty = true
			return
		}
	}
	rank, known := keywordRank[name]
	at := len(v.members)
	if known {
		at = 0
		for i, m := range v.members {
			if r, ok := keywordRank[m.name]; ok && r < rank {
				at = i + 1
			}
		}
	}
	v.members = append(v.members, jmember{})
	copy(v.members[at+1:], v.members[at:])
	v.members[at] = jmember{name, val}
	v.dirty = true
}

// marshal writes v indented by two spaces, as the generator writes
// schemas: arrays of scalars and "examples" on one line.
func (v *jval) marshal() []byte {
	var w jsonWriter
	w.jval(v, false)
	w.buf.WriteByte('\n')
	return w.buf.Bytes()
}

func (w *jsonWriter) jval(v *jval, compact bool) {
	if v.oneLine != nil && v.clean() {
		w.buf.Write(v.oneLine)
		return
	}
	switch v.kind {
	case schema.Object:
		if len(v.members) == 0 {
			w.buf.WriteString("{}")
			return
		}
		if compact {
			w.buf.WriteByte('{')
			for i, m := range v.members {
				if i > 0 {
					w.buf.WriteByte(',')
				}
				w.buf.Write(quote(nil, m.name))
				w.buf.WriteByte(':')
				w.jval(m.v, true)
			}
			w.buf.WriteByte('}')
			return
		}
		w.open('{')
		for _, m := range v.members {
			w.field(m.name)
			if m.name == "examples" && m.v.kind == schema.Array {
				// One line, each example compact.
				w.buf.WriteByte('[')
				for i, e := range m.v.elems {
					if i > 0 {
						w.buf.WriteString(", ")
					}
					w.jval(e, true)
				}
				w.buf.WriteByte(']')
				continue
			}
			w.jval(m.v, false)
		}
		w.close('}')
	case schema.Array:
		sep := ","
		flat := compact
		if !flat {
			sep, flat = ", ", true
			for _, e := range v.elems {
				if e.kind == schema.Object || e.kind == schema.Array {
					flat = false
				}
			}
		}
		if flat {
			w.buf.WriteByte('[')
			for i, e := range v.elems {
				if i > 0 {
					w.buf.WriteString(sep)
				}
				w.jval(e, compact)
			}
			w.buf.WriteByte(']')
			return
		}
		w.open('[')
		for _, e := range v.elems {
			w.sep()
			w.jval(e, false)
		}
		w.close(']')
	default:
		w.buf.Write(v.raw)
	}
}

// jvalOfProp is the value the generator writes for p.
func jvalOfProp(p *prop) *jval {
	var w jsonWriter
	w.open('{')
	w.props(p)
	w.close('}')
	src := w.buf.Bytes()
	f, err := schema.ParseValue("property", src)
	if err != nil {
		// Not reached: the generator writes valid JSON.
		return &jval{kind: schema.Object}
	}
	return jvalOf(f.Root, bytes.Clone(src))
}
