package diff

import (
	"iter"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// build makes a payload for one side: its required properties and what
// leads to path. The payload is owned: its root is a copy, which shares
// the rest with the payload built before for the same side and path.
func (x *exampler) build(side Side, path string) *jv {
	k := builtKey{side, path}
	if p, ok := x.built[k]; ok {
		return p.shallow()
	}
	p := x.sample(x.root[side]).shallow()
	if p.kind != 'o' {
		p = &jv{kind: 'o'}
	}
	x.ensure(p, side, path)
	if x.built == nil {
		x.built = make(map[builtKey]*jv)
	}
	x.built[k] = p.freeze()
	return p.shallow()
}

// ensure creates the objects and arrays that lead to path, and the value at
// path, from one side's schema (or the other's, where the side has none).
// p must be owned; the nodes on the way are copied before they change.
func (x *exampler) ensure(p *jv, side Side, path string) {
	cur := p
	for rest := path; rest != ""; {
		var tok string
		tok, rest = nextToken(rest)
		prefix := path[:len(path)-len(rest)]
		var next *jv
		switch cur.kind {
		case 'o':
			next = cur.ownChild(tok)
			if next == nil {
				next = x.sample(x.schemaEither(side, prefix)).shallow()
				cur.put(tok, next)
			}
		case 'a':
			if len(cur.elems) == 0 {
				cur.elems = append(cur.elems, x.sample(x.schemaEither(side, prefix)))
			}
			next = cur.ownChild("0")
		default:
			return
		}
		cur = next
	}
}

func (x *exampler) schemaEither(side Side, path string) *schema.Schema {
	if s, _ := x.look.schemaAt(x.root[side], path); s != nil {
		return s
	}
	s, _ := x.look.schemaAt(x.root[1-side], path)
	return s
}

// sample makes a value for a schema: its first example, else one built from
// its type, format and options.
func (x *exampler) sample(s *schema.Schema) *jv {
	return x.parse(x.samplesOf(s)[0])
}

// listSamples lists JSON values that a schema should accept, best first: its
// examples, its options, then values made from its type and format.
func (x *exampler) listSamples(s *schema.Schema) []string {
	if s == nil {
		return []string{`"any text"`}
	}
	var out []string
	if s.Examples != nil && s.Examples.Value.Kind == schema.Array {
		for _, e := range s.Examples.Value.Elems {
			v := nodeValue(e)
			t := v.textOf()
			x.known(t, v)
			out = append(out, t)
		}
	}
	if s.Const != nil {
		out = append(out, canon(s.Const.Value))
	}
	for _, o := range s.Options {
		if v := optionValue(o); v != "" {
			out = append(out, v)
		}
	}
	out = append(out, x.made(s))
	return out
}

// made builds a value from a schema's type and format, with the first
// samples of the schemas it holds.
func (x *exampler) made(s *schema.Schema) string {
	typ := typeText(s)
	if i := strings.Index(typ, " or "); i >= 0 {
		typ = typ[:i]
	}
	switch typ {
	case "integer":
		return "3"
	case "number":
		return "2.5"
	case "boolean":
		return "true"
	case "null":
		return "null"
	case "array":
		if s.ItemsSchema != nil {
			e := x.samplesOf(s.ItemsSchema)[0]
			t := "[" + e + "]"
			if ev := x.parse(e); !x.unparsed[e] {
				x.known(t, &jv{kind: 'a', elems: []*jv{ev}})
			}
			return t
		}
		return "[]"
	case "object":
		b := []byte{'{'}
		// The value is built as the text is, a member at a time, and put
		// together at the end: put would search the keys for each.
		var v objectBuilder
		if s.Required != nil {
			v = newObject(len(s.Required.Value.Elems))
		} else {
			v = newObject(0)
		}
		whole := true
		n := 0
		for name := range requiredNames(s) {
			p := s.Prop(name)
			if p == nil {
				continue
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			e := x.samplesOf(p.Schema)[0]
			b = appendJSONString(b, name)
			b = append(b, ':')
			b = append(b, e...)
			v.add(name, x.parse(e))
			whole = whole && !x.unparsed[e]
		}
		t := string(append(b, '}'))
		if whole {
			x.known(t, v.done())
		}
		return t
	}
	switch s.FormatName() {
	case "date-time":
		return `"2030-01-15T09:30:00Z"`
	case "date":
		return `"2030-01-15"`
	case "time":
		return `"09:30:00"`
	case "uuid":
		return `"3f2a7c1e-9b4d-4e8a-a6f0-5c1d2e3b4a59"`
	case "email":
		return `"jane@example.com"`
	case "uri":
		return `"https://example.com/files/report.pdf"`
	case "number", "DECIMAL_VALUE":
		return `"12.50"`
	case "regex":
		return `"^[a-z]+$"`
	}
	if s.IdentityType != nil {
		return `"3f2a7c1e-9b4d-4e8a-a6f0-5c1d2e3b4a59"`
	}
	if s.Parent != nil {
		m, _ := schema.CustomMemberOf(s.Parent.CustomType(), s.Node.Pointer().Last())
		if x := m.Holds.Example(); x != "" {
			return strconv.Quote(x)
		}
	}
	return `"any text"`
}

// requiredNames yields what Schema.RequiredNames lists, without making the
// list.
func requiredNames(s *schema.Schema) iter.Seq[string] {
	return func(yield func(string) bool) {
		if s.Required == nil || s.Required.Value.Kind != schema.Array {
			return
		}
		for _, e := range s.Required.Value.Elems {
			if e.Kind == schema.String && !yield(e.Text) {
				return
			}
		}
	}
}
