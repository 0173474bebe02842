package generate

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// target is the part of a schema a transform follows: the type of each
// property, the properties of objects and array items.
type target struct {
	typ   string
	props map[string]*target
	items *target
}

func (t *target) prop(name string) *target {
	if t == nil {
		return nil
	}
	return t.props[name]
}

// canonical returns the spelling of a property whose name differs from
// name only in case, or name.
func (t *target) canonical(name string) string {
	if t == nil || t.props[name] != nil {
		return name
	}
	for k := range t.props {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return name
}

func (t *target) typeName() string {
	if t == nil {
		return ""
	}
	return t.typ
}

func targetOfProp(p *prop) *target {
	t := &target{typ: p.typ}
	if len(p.props) > 0 {
		t.props = map[string]*target{}
		for _, c := range p.props {
			t.props[c.key] = targetOfProp(c)
		}
	}
	if p.items != nil {
		t.items = targetOfProp(p.items)
	}
	return t
}

func targetOfSchema(s *schema.Schema) *target {
	t := &target{typ: s.TypeName()}
	for _, p := range s.Props {
		if p.Schema == nil {
			continue
		}
		if t.props == nil {
			t.props = map[string]*target{}
		}
		if _, dup := t.props[p.Name]; !dup {
			t.props[p.Name] = targetOfSchema(p.Schema)
		}
	}
	if s.ItemsSchema != nil {
		t.items = targetOfSchema(s.ItemsSchema)
	}
	return t
}

// Transformer rewrites payloads into the shape of a schema that Generator
// made: flattened, arrays wrapped, keys sanitised, values converted to the
// declared type where that loses nothing (a number where a string is
// declared becomes its text). It is safe for concurrent use.
type Transformer struct {
	root *target
	opts Options // Root and KeepJSONStrings
}

// NewTransformer returns the Transformer of a schema made with the default
// Options.
func NewTransformer(schemaJSON []byte) (*Transformer, error) {
	return NewTransformerFor(schemaJSON, Options{})
}

// NewTransformerFor returns the Transformer of a schema made with opts: it
// selects what opts.Root selects, and reads JSON strings as the generator
// did.
func NewTransformerFor(schemaJSON []byte, opts Options) (*Transformer, error) {
	if _, err := parseRoot(opts.Root); err != nil {
		return nil, err
	}
	doc, err := schema.Load("schema", schemaJSON)
	if err != nil {
		return nil, err
	}
	if doc.Root == nil {
		return nil, errors.New("the schema is not an object")
	}
	return &Transformer{root: targetOfSchema(doc.Root), opts: opts}, nil
}

func newTransformerFor(root *prop, opts Options) *Transformer {
	return &Transformer{root: targetOfProp(root), opts: opts}
}

// Transform returns sample rewritten as the schema expects, as compact
// JSON. It refuses the samples that Generator.Add refuses, with the same
// *SyntaxError (or *RootError). When Options.Root selects several objects
// of the sample, each is written on a line of its own.
func (t *Transformer) Transform(sample []byte) ([]byte, error) {
	var d checker
	if _, err := d.checkSample(sample); err != nil {
		return nil, err
	}
	f, err := schema.Parse("sample", sample)
	if err != nil {
		return nil, err // not reached: checkSample accepts only what Parse accepts
	}
	targets := []rootTarget{{f.Root, sample}}
	if t.opts.Root != "" {
		steps, _ := parseRoot(t.opts.Root)
		if targets, err = selectNodes(f.Root, sample, steps, t.opts.Root, t.opts.KeepJSONStrings, 0); err != nil {
			return nil, err
		}
	}
	var out []byte
	for i, tg := range targets {
		tx := transform{src: tg.src, t: t}
		o := objOut{sc: scope{obj: tg.v, src: tg.src, depth: 1}}
		tx.members(tg.v, t.root, "", 1, &o, false)
		if i > 0 {
			out = append(out, '\n')
		}
		out = append(out, o.bytes()...)
	}
	return out, nil
}

// convert returns one value of the 1st-level property key in the form the
// schema expects.
func (t *Transformer) convert(key string, raw []byte) ([]byte, error) {
	f, err := schema.ParseValue("example", raw)
	if err != nil {
		return nil, fmt.Errorf("example of %s: %v", key, err)
	}
	tx := transform{src: raw, t: t}
	tgt := t.root.prop(key)
	v := f.Root
	switch {
	case tgt.typeName() == "array":
		if v.Kind != schema.Array {
			return tx.wrapped(v, tgt), nil
		}
		return tx.array(v, tgt), nil
	case v.Kind == schema.Object:
		o := objOut{sc: scope{obj: v, src: raw, depth: 2}}
		tx.members(v, tgt, "", 2, &o, false)
		return o.bytes(), nil
	}
	return tx.scalar(v, tgt), nil
}

type transform struct {
	src []byte
	t   *Transformer
}

// content returns the parsed content of a string that holds JSON (see
// envelope.go), when it is read as its content.
func (tx *transform) content(v *schema.Node, arrays bool) (*transform, *schema.Node) {
	if v.Kind != schema.String || tx.t == nil || tx.t.opts.KeepJSONStrings {
		return nil, nil
	}
	var chk checker
	c, _, ok := jsonContent(tx.src, v.Span.Start, arrays, nil, &chk)
	if !ok {
		return nil, nil
	}
	f, err := schema.Parse("json string", c)
	if err != nil {
		return nil, nil
	}
	return &transform{src: c, t: tx.t}, f.Root
}

func (tx *transform) envelopes() bool { return tx.t != nil && tx.t.opts.Root == "" }

func (tx *transform) raw(v *schema.Node) []byte { return tx.src[v.Span.Start:v.Span.End] }

// members writes the members of obj into o, as Generator reads them;
// spliced says obj is an envelope read as part of the object around it.
func (tx *transform) members(obj *schema.Node, lv *target, prefix string, depth int, o *objOut, spliced bool) {
	single := spliced && len(obj.Members) == 1 && (obj.Members[0].Value.Kind == schema.Object || obj.Members[0].Value.Kind == schema.String)
	for _, m := range obj.Members {
		name := Sanitize(m.Name)
		if prefix != "" {
			name = prefix + "_" + name
		}
		if tx.envelopes() && depth == 1 && prefix == "" && (isEnvelope([]byte(m.Name)) || single) {
			if m.Value.Kind == schema.Object {
				tx.members(m.Value, lv, "", 1, o, true)
				continue
			}
			if in, v := tx.content(m.Value, false); in != nil {
				in.members(v, lv, "", 1, o, true)
				continue
			}
		}
		kept := prefix == "" && name == m.Name && !spliced
		tx.value(m.Value, name, kept, lv, depth, o)
	}
}

// value writes one member; kept says whether its name is one it keeps
// (see scope).
func (tx *transform) value(v *schema.Node, name string, kept bool, lv *target, depth int, o *objOut) {
	switch v.Kind {
	case schema.Object:
		if depth == 1 && customShapeOf(v, tx.src) != "" {
			final := lv.canonical(o.claim(name, kept))
			switch tgt := lv.prop(final); tgt.typeName() {
			case "object":
				sub := objOut{sc: scope{obj: v, src: tx.src, depth: 2}}
				tx.members(v, tgt, "", 2, &sub, false)
				o.add(final, sub.bytes())
			case "array":
				o.add(final, tx.wrapped(v, tgt))
			default:
				tx.members(v, lv, final, depth, o, false)
			}
			return
		}
		tx.members(v, lv, name, depth, o, false)
	case schema.Array:
		final := lv.canonical(o.claim(name, kept))
		if depth > 1 {
			o.add(final, quote(nil, string(compact(tx.raw(v)))))
			return
		}
		o.add(final, tx.array(v, lv.prop(final)))
	case schema.Null:
		o.claim(name, kept)
	default:
		if in, c := tx.content(v, depth == 1); in != nil {
			in.value(c, name, kept, lv, depth, o)
			return
		}
		final := lv.canonical(o.claim(name, kept))
		tgt := lv.prop(final)
		if tgt.typeName() == "array" {
			o.add(final, tx.wrapped(v, tgt))
			return
		}
		o.add(final, tx.scalar(v, tgt))
	}
}

// array writes an array's elements as item objects.
func (tx *transform) array(v *schema.Node, tgt *target) []byte {
	out := []byte{'['}
	out = tx.elements(v, tgt, out)
	return append(out, ']')
}

// wrapped writes a single value as an array of one item.
func (tx *transform) wrapped(v *schema.Node, tgt *target) []byte {
	out := []byte{'['}
	out = tx.element(v, tgt, out)
	return append(out, ']')
}

func (tx *transform) elements(v *schema.Node, tgt *target, out []byte) []byte {
	for _, e := range v.Elems {
		out = tx.element(e, tgt, out)
	}
	return out
}

func (tx *transform) element(e *schema.Node, tgt *target, out []byte) []byte {
	var items *target
	if tgt != nil {
		items = tgt.items
	}
	var item objOut
	switch e.Kind {
	case schema.Array:
		return tx.elements(e, tgt, out)
	case schema.Null:
		return out
	case schema.Object:
		item.sc = scope{obj: e, src: tx.src, depth: 2}
		tx.members(e, items, "", 2, &item, false)
	default:
		item.add(item.claim("value", true), tx.scalar(e, items.prop("value")))
	}
	if len(out) > 1 {
		out = append(out, ',')
	}
	return append(out, item.bytes()...)
}

// scalar writes a string, number or boolean, as a string when the schema
// declares one.
func (tx *transform) scalar(v *schema.Node, tgt *target) []byte {
	raw := tx.raw(v)
	if tgt.typeName() == "string" && (v.Kind == schema.Number || v.Kind == schema.Bool) {
		return strconv.AppendQuote(nil, string(raw))
	}
	return raw
}

// customShapeOf is customShape for a parsed object of src.
func customShapeOf(v *schema.Node, src []byte) string {
	if len(v.Members) != 2 {
		return ""
	}
	for _, m := range v.Members {
		if k := m.Value.Kind; k == schema.Object || k == schema.Array {
			return ""
		}
		if bytes.IndexByte(src[m.KeySpan.Start:m.KeySpan.End], '\\') >= 0 {
			return ""
		}
	}
	return schema.ShapedLike(v.Members[0].Name, v.Members[1].Name)
}

// objOut is an object being written: its members in order, and the names
// taken, so that a second value for a name gets a numbered one.
type objOut struct {
	buf  []byte
	used map[string]bool
	sc   scope
}

// claim takes the name a member gets (see scope.pick).
// Names differing only in case are one name.
func (o *objOut) claim(name string, kept bool) string {
	if o.used == nil {
		o.used = map[string]bool{}
	}
	final := o.sc.pick(name, kept, func(n string) bool { return o.used[strings.ToLower(n)] })
	o.used[strings.ToLower(final)] = true
	return final
}

func (o *objOut) add(name string, value []byte) {
	if len(o.buf) == 0 {
		o.buf = append(o.buf, '{')
	} else {
		o.buf = append(o.buf, ',')
	}
	o.buf = quote(o.buf, name)
	o.buf = append(o.buf, ':')
	o.buf = append(o.buf, value...)
}

func (o *objOut) bytes() []byte {
	if len(o.buf) == 0 {
		return []byte("{}")
	}
	return append(o.buf, '}')
}
