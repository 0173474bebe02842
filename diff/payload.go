package diff

import (
	"slices"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/schema"
)

// jv is a JSON value that keeps its keys in order, for building example
// payloads. Values are shared between payloads: a payload is changed only
// through set, del and owned, which copy the nodes on the way to what they
// change, so that no other payload sees the change.
type jv struct {
	kind byte // 'o' object, 'a' array, 'r' anything else, as raw text
	// frozen marks a value that is shared for good: nothing changes it or
	// anything below it, so that its encoding, once written, is kept in
	// enc. Only shallow copies of it change.
	frozen bool
	raw    string // the JSON text of a primitive
	keys   []string
	// members holds each key as it is written, quoted and followed by ":".
	members []string
	vals    []*jv
	elems   []*jv
	enc     []byte
}

// parseJSON reads JSON text made by this package. Text that does not parse
// becomes a string, and ok is false. The value is frozen.
func parseJSON(text string) (v *jv, ok bool) {
	f, err := schema.ParseValue("value.json", []byte(text))
	if err != nil || f.Root == nil {
		return &jv{kind: 'r', raw: string(appendJSONString(nil, text)), frozen: true}, false
	}
	return nodeValue(f.Root).freeze(), true
}

// freeze marks v and everything below it frozen, and returns v.
func (v *jv) freeze() *jv {
	if v.frozen {
		return v
	}
	v.frozen = true
	for _, c := range v.vals {
		c.freeze()
	}
	for _, e := range v.elems {
		e.freeze()
	}
	return v
}

// nodeValue copies a parsed node. Duplicate keys keep their last value.
func nodeValue(n *schema.Node) *jv {
	switch n.Kind {
	case schema.Object:
		return objectValue(n.Members)
	case schema.Array:
		v := &jv{kind: 'a', elems: make([]*jv, 0, len(n.Elems))}
		for _, e := range n.Elems {
			v.elems = append(v.elems, nodeValue(e))
		}
		return v
	case schema.String:
		return &jv{kind: 'r', raw: string(appendJSONString(nil, n.Text))}
	case schema.Null:
		return &jv{kind: 'r', raw: "null"}
	}
	return &jv{kind: 'r', raw: n.Text}
}

// objectValue copies the members of a parsed object as put would add them
// one by one: a key given again keeps its place and takes the later
// value. A long object finds its keys again through a map, so that the
// cost stays linear, and the keys are written into one string.
func objectValue(ms []*schema.Member) *jv {
	o := newObject(len(ms))
	for _, m := range ms {
		o.add(m.Name, nodeValue(m.Value))
	}
	return o.done()
}

// objectBuilder makes an object of members added one by one, as put adds
// them, at a cost linear in the members: a long object finds its keys
// again through a map.
type objectBuilder struct {
	v  *jv
	at map[string]int
}

// newObject starts an object of about n members.
func newObject(n int) objectBuilder {
	o := objectBuilder{v: &jv{kind: 'o', keys: make([]string, 0, n), vals: make([]*jv, 0, n)}}
	if n > 16 {
		o.at = make(map[string]int, n)
	}
	return o
}

// add adds a member: a key given again keeps its place and takes the
// later value.
func (o *objectBuilder) add(name string, val *jv) {
	v := o.v
	i, ok := -1, false
	if o.at != nil {
		i, ok = o.at[name]
	} else {
		i = slices.Index(v.keys, name)
		ok = i >= 0
	}
	if ok {
		v.vals[i] = val
		return
	}
	if o.at != nil {
		o.at[name] = len(v.keys)
	}
	v.keys = append(v.keys, name)
	v.vals = append(v.vals, val)
}

// done writes the keys of the object into one string and returns it.
func (o *objectBuilder) done() *jv {
	v := o.v
	var text []byte
	ends := make([]int, len(v.keys))
	for i, k := range v.keys {
		text = append(appendJSONString(text, k), ':')
		ends[i] = len(text)
	}
	all := string(text)
	v.members = make([]string, len(v.keys))
	for i := range v.keys {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		v.members[i] = all[start:ends[i]]
	}
	return v
}

func (v *jv) field(name string) *jv {
	for i, k := range v.keys {
		if k == name {
			return v.vals[i]
		}
	}
	return nil
}

// put sets a key, in place when it exists, else at the end.
func (v *jv) put(name string, val *jv) {
	for i, k := range v.keys {
		if k == name {
			v.vals[i] = val
			return
		}
	}
	var buf [64]byte
	v.keys = appendOne(v.keys, name)
	v.members = appendOne(v.members, string(append(appendJSONString(buf[:0], name), ':')))
	v.vals = appendOne(v.vals, val)
}

// putNew adds a member whose key v lacks, with no search of its keys.
func (v *jv) putNew(name string, val *jv) {
	var buf [64]byte
	v.keys = appendOne(v.keys, name)
	v.members = appendOne(v.members, string(append(appendJSONString(buf[:0], name), ':')))
	v.vals = appendOne(v.vals, val)
}

// appendOne appends v to s, growing a full s by a quarter: the lists of a
// shallow copy are full, and most get one key more or none.
func appendOne[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = append(make([]T, 0, len(s)+len(s)/4+4), s...)
	}
	return append(s, v)
}

// get returns the value at a JSON Pointer, or nil.
func (v *jv) get(path string) *jv {
	cur := v
	for rest := path; rest != ""; {
		var tok string
		tok, rest = nextToken(rest)
		if cur = cur.child(tok); cur == nil {
			return nil
		}
	}
	return cur
}

func (v *jv) child(tok string) *jv {
	switch v.kind {
	case 'o':
		return v.field(tok)
	case 'a':
		if i, ok := index(tok); ok && i < len(v.elems) {
			return v.elems[i]
		}
	}
	return nil
}

func index(tok string) (int, bool) {
	if !isIndex(tok) || len(tok) > 6 {
		return 0, false
	}
	n := 0
	for _, c := range tok {
		n = n*10 + int(c-'0')
	}
	return n, true
}

// shallow copies v with lists of values of its own, sharing the values.
// The keys are shared too, with no room to grow: nothing changes a key in
// place, and adding or removing one copies them.
func (v *jv) shallow() *jv {
	c := &jv{kind: v.kind, raw: v.raw}
	if v.keys != nil {
		n := len(v.keys)
		c.keys, c.members = v.keys[:n:n], v.members[:n:n]
		c.vals = append(make([]*jv, 0, n+1), v.vals...)
	}
	if v.elems != nil {
		c.elems = append(make([]*jv, 0, len(v.elems)+1), v.elems...)
	}
	return c
}

// ownChild replaces v's child tok (as child finds it) with a shallow copy
// and returns the copy, or nil when v has no such child. v must be owned.
func (v *jv) ownChild(tok string) *jv {
	switch v.kind {
	case 'o':
		for i, k := range v.keys {
			if k == tok {
				v.vals[i] = v.vals[i].shallow()
				return v.vals[i]
			}
		}
	case 'a':
		if i, ok := index(tok); ok && i < len(v.elems) {
			v.elems[i] = v.elems[i].shallow()
			return v.elems[i]
		}
	}
	return nil
}

// owned returns the value at path below v, an owned node, after replacing
// every node on the way with a shallow copy, so that the value may be
// changed: get's answer, made safe to change. It returns nil where get
// does.
func (v *jv) owned(path schema.Pointer) *jv {
	cur := v
	for rest := string(path); rest != ""; {
		var tok string
		tok, rest = nextToken(rest)
		if cur = cur.ownChild(tok); cur == nil {
			return nil
		}
	}
	return cur
}

// set puts val at path, whose parent must exist. v must be owned; val is
// shared, not copied.
func (v *jv) set(path string, val *jv) {
	ptr := schema.Pointer(path)
	if path == "" {
		return
	}
	parent := v.owned(ptr.Parent())
	if parent == nil {
		return
	}
	last := ptr.Last()
	switch parent.kind {
	case 'o':
		parent.put(last, val)
	case 'a':
		if i, ok := index(last); ok && i < len(parent.elems) {
			parent.elems[i] = val
		} else if ok && i == len(parent.elems) {
			parent.elems = append(parent.elems, val)
		}
	}
}

// del removes the value at path. v must be owned.
func (v *jv) del(path string) {
	ptr := schema.Pointer(path)
	if path == "" {
		return
	}
	parent := v.owned(ptr.Parent())
	if parent == nil || parent.kind != 'o' {
		return
	}
	last := ptr.Last()
	for i, k := range parent.keys {
		if k == last {
			parent.keys = append(parent.keys[:i:i], parent.keys[i+1:]...)
			parent.members = append(parent.members[:i:i], parent.members[i+1:]...)
			parent.vals = append(parent.vals[:i:i], parent.vals[i+1:]...)
			return
		}
	}
}

// text returns the compact JSON of the value at path, or "nothing".
func (v *jv) text(path string) string {
	if w := v.get(path); w != nil {
		return w.textOf()
	}
	return "nothing"
}

func (v *jv) textOf() string { return string(v.appendTo(nil)) }

// appendTo appends the compact JSON of the value to b. A frozen object or
// array is written once and copied after that.
func (v *jv) appendTo(b []byte) []byte {
	if v.frozen && v.kind != 'r' {
		if v.enc == nil {
			v.enc = v.write(nil, false)
		}
		return append(b, v.enc...)
	}
	return v.write(b, true)
}

// write appends the compact JSON of the value to b. With keep, the frozen
// values below it keep their encodings (appendTo); without, it copies the
// encodings kept below it but keeps no new one: only frozen values that a
// changed value holds as they are keep theirs, so that the text kept stays
// within the text the payloads were made of, whatever the depth.
func (v *jv) write(b []byte, keep bool) []byte {
	switch v.kind {
	case 'o':
		b = append(b, '{')
		for i, m := range v.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, m...)
			b = v.vals[i].appendChild(b, keep)
		}
		return append(b, '}')
	case 'a':
		b = append(b, '[')
		for i, e := range v.elems {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.appendChild(b, keep)
		}
		return append(b, ']')
	}
	return append(b, v.raw...)
}

// appendChild appends a value below one being written: appendTo with
// keep, else its kept encoding or its text.
func (v *jv) appendChild(b []byte, keep bool) []byte {
	switch {
	case keep:
		return v.appendTo(b)
	case v.enc != nil:
		return append(b, v.enc...)
	}
	return v.write(b, false)
}

// appendMarked appends the compact JSON of the value to b, as appendTo
// does, and returns where the value at (a node of the tree) starts and
// ends in it; ok is false when at is not in the tree.
func (v *jv) appendMarked(b []byte, at *jv) (out []byte, start, end int, ok bool) {
	if v == at {
		start = len(b)
		b = v.appendTo(b)
		return b, start, len(b), true
	}
	if v.frozen {
		// at is no frozen value: it was put in an owned node.
		return v.appendTo(b), 0, 0, false
	}
	mark := func(e *jv) {
		if ok {
			b = e.appendTo(b)
			return
		}
		var s, t int
		var found bool
		if b, s, t, found = e.appendMarked(b, at); found {
			start, end, ok = s, t, true
		}
	}
	switch v.kind {
	case 'o':
		b = append(b, '{')
		for i, m := range v.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, m...)
			mark(v.vals[i])
		}
		return append(b, '}'), start, end, ok
	case 'a':
		b = append(b, '[')
		for i, e := range v.elems {
			if i > 0 {
				b = append(b, ',')
			}
			mark(e)
		}
		return append(b, ']'), start, end, ok
	}
	return append(b, v.raw...), 0, 0, false
}

// appendJSONString appends s as a JSON string, exactly as encoding/json
// writes it with HTML escaping off: invalid UTF-8 becomes U+FFFD, and
// U+2028 and U+2029 are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
