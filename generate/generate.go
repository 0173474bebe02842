// Package generate turns sample payloads, and Go types, into trigger payload
// schemas of the Wix dialect: complete (titles, descriptions, examples,
// formats, custom types), no deeper than the dialect allows, and clean under
// the linter. Transform rewrites a payload into the shape such a schema
// expects.
//
// The shape follows from a few rules, which Generator and Transform share:
//   - keys that break the key rules are sanitised ("first name" is
//     "first_name"); a name already taken in the same object gets "_2";
//   - objects are flattened into 1st-level keys ("location_address_city"),
//     except 1st-level objects shaped like MONEY ({value, currency}) or
//     ATTACHMENT ({fileName, downloadUrl});
//   - 1st-level arrays hold objects: primitive elements become
//     {"value": element}, nested arrays are spliced in, null elements left
//     out, and objects inside items flattened the same way;
//   - an array inside an array item becomes a string: its JSON text;
//   - nulls are left out, and never decide a type.
//
// Names are numbered within each sample or payload, in the order its keys
// come: a payload that lacks one of two keys whose names collide takes the
// plain name for the other.
package generate

import (
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// Options configure a Generator.
type Options struct {
	// ContactID is the 1st-level key connected to site contacts with
	// identityType "contact". It must be a uuid string.
	ContactID string
	// FutureDate is the 1st-level key marked futureDate; it must be a
	// date-time string, and becomes required.
	FutureDate string
	// Hints set titles, descriptions, formats, required and custom types
	// per key.
	Hints Hints
}

// Note is one change the generator made to fit the dialect, or one thing it
// could not decide, for the user to review.
type Note struct {
	Source  string // where in the samples: a JSON Pointer into the first sample with it
	Key     string // the output key: "name", or "array.name" for an item's
	Message string
}

func (n Note) String() string {
	src := n.Source
	if src == "" {
		src = "/"
	}
	return fmt.Sprintf("%s -> %s: %s", src, n.Key, n.Message)
}

// Generator infers a schema from samples. Add them, then call Schema. It
// keeps one entry per distinct key, never the samples, so its memory does
// not grow with their number.
type Generator struct {
	opts    Options
	root    *level
	stamp   uint64
	samples int
	w       walker
	check   checker
}

// New returns a Generator.
func New(opts Options) *Generator {
	g := &Generator{opts: opts, root: newLevel()}
	g.w.g = g
	return g
}

func (g *Generator) next() uint64 {
	g.stamp++
	return g.stamp
}

// Samples is the number of samples added.
func (g *Generator) Samples() int { return g.samples }

// Add reads one sample: a JSON object. A sample that is not valid JSON, not
// an object, or has an object with a duplicate key is refused with a
// *SyntaxError and changes nothing.
func (g *Generator) Add(sample []byte) error {
	start, err := g.check.checkSample(sample)
	if err != nil {
		return err
	}
	w := &g.w
	w.src, w.pos, w.chk = sample, start, &g.check
	w.name, w.path = w.name[:0], w.path[:0]
	g.root.count++
	w.scopes = w.scopes[:0]
	w.pushScope(start, 1)
	w.members(g.root, 0, 0, 1, g.next())
	w.popScope()
	w.src = nil
	g.samples++
	return nil
}

// Result is a generated schema.
type Result struct {
	JSON  []byte // the schema, indented, ending with a newline
	Notes []Note // what was changed to fit the dialect, in key order
}

// Schema builds the schema of the samples added so far.
func (g *Generator) Schema() (*Result, error) {
	if g.samples == 0 {
		return nil, fmt.Errorf("no samples")
	}
	b := &builder{opts: g.opts, samples: g.samples}
	root := b.level(g.root, "", 1)
	if len(root.props) == 0 {
		return nil, fmt.Errorf("the samples hold no values to describe (only empty objects and nulls)")
	}
	if err := b.applyFlags(root); err != nil {
		return nil, err
	}
	if err := b.applyHints(root); err != nil {
		return nil, err
	}
	tr := newTransformerFor(root)
	for _, p := range root.props {
		if err := b.examples(p, tr); err != nil {
			return nil, err
		}
	}
	return &Result{JSON: marshalSchema(root), Notes: b.notes}, nil
}

// builder turns gathered nodes into the output model.
type builder struct {
	opts    Options
	samples int
	notes   []Note
}

func (b *builder) note(n *node, key, format string, args ...any) {
	b.notes = append(b.notes, Note{Source: n.source, Key: key, Message: fmt.Sprintf(format, args...)})
}

// level builds the properties of one output object. parent is the key of
// the array or custom object it belongs to, or "" for the root.
func (b *builder) level(lv *level, parent string, depth int) *prop {
	obj := &prop{typ: "object"}
	nodes := b.resolve(lv, depth)
	for _, n := range nodes {
		key := n.name
		if parent != "" {
			key = parent + "." + n.name
		}
		p := b.property(n, key, depth)
		if p == nil {
			continue
		}
		obj.props = append(obj.props, p)
		if n.present == lv.count && lv.count > 0 {
			obj.required = append(obj.required, n.name)
		}
	}
	return obj
}

// resolve settles the nodes of a level whose kinds conflict, in place: a
// custom object also seen as a single value is flattened into name_member
// nodes; a value also seen as an array joins the array's items.
func (b *builder) resolve(lv *level, depth int) []*node {
	var out []*node
	for _, n := range lv.nodes {
		prims := n.kinds &^ (kArray | kCustom)
		switch {
		case n.kinds&kArray != 0 && n.kinds&^kArray&^kNull != 0:
			if prims&^kNull != 0 {
				v := n.items.get("value", n.source)
				v.absorb(n, prims)
				n.items.count += n.present - n.arrays - n.customs
				b.note(n, n.name, "seen both as an array and as a single value; single values are wrapped as [{\"value\": ...}]")
			}
			if n.kinds&kCustom != 0 {
				for _, s := range n.sub.nodes {
					n.items.get(s.name, s.source).absorb(s, s.kinds)
				}
				n.items.count += n.sub.count
				b.note(n, n.name, "seen both as an array and as a %s object; the objects become items", n.custom)
			}
			n.kinds &^= kCustom | prims
			n.kinds |= kArray
		case n.kinds&kCustom != 0 && (prims&^kNull != 0 || !validCustom(n)):
			for _, s := range n.sub.nodes {
				name := n.name + "_" + s.name
				m := lv.index[name]
				if m == nil {
					m = &node{name: name, source: s.source, formats: fAll}
					lv.index[name] = m
					out = append(out, m)
				}
				m.absorb(s, s.kinds)
			}
			if prims&^kNull != 0 {
				b.note(n, n.name, "seen both as a %s object and as a single value; the object is flattened", n.custom)
			} else {
				b.note(n, n.name, "shaped like %s, but its values do not fit it; flattened", n.custom)
			}
			n.kinds &^= kCustom
			n.present -= n.customs
			n.examples = nil
			n.flattened, n.fullObjects = true, n.fullObjects+n.customs
		}
		out = append(out, n)
	}
	return out
}

// validCustom reports whether the custom objects gathered in n have
// values that fit their custom type, in every object.
func validCustom(n *node) bool {
	if n.mixedCustom {
		return false
	}
	member := func(name string) *node {
		m := n.sub.index[name]
		if m == nil || m.present != n.sub.count {
			return nil
		}
		return m
	}
	ct, ok := schema.LookupCustomType(n.custom)
	if !ok || len(ct.Members) == 0 {
		return false
	}
	for _, cm := range ct.Members {
		m := member(cm.Name)
		switch {
		case m == nil:
			return false
		case cm.Holds == schema.Decimal:
			if m.kinds&^(kInt|kNum|kString) != 0 || m.notDecimal {
				return false
			}
		case m.kinds != kString:
			return false
		case cm.Holds == schema.DownloadURL && (m.formats&fURI == 0 || m.notHTTP):
			return false
		}
	}
	return true
}

// get returns the node of a name, made when missing.
func (lv *level) get(name, source string) *node {
	if n := lv.index[name]; n != nil {
		return n
	}
	n := &node{name: name, source: source, formats: fAll}
	lv.index[name] = n
	lv.nodes = append(lv.nodes, n)
	return n
}

// absorb adds what src saw, limited to the kinds k, to n.
func (n *node) absorb(src *node, k kind) {
	n.kinds |= k
	n.present += src.present
	if src.kinds&(kBool|kInt|kNum|kString) != 0 {
		n.formats &= src.formats
	}
	n.notImg = n.notImg || src.notImg
	n.notHTTP = n.notHTTP || src.notHTTP
	for _, e := range src.examples {
		n.addExample(e, false)
	}
	if n.blank == nil {
		n.blank = src.blank
	}
	n.sanitized = n.sanitized || src.sanitized
	n.renamed = n.renamed || src.renamed
}

// scalarType returns the JSON Schema type of a set of scalar kinds, and
// whether values of other types are turned into strings.
func scalarType(k kind) (typ string, mixed bool) {
	switch k &^ kNull {
	case kBool:
		return "boolean", false
	case kInt:
		return "integer", false
	case kNum, kInt | kNum:
		return "number", false
	case kString, kJSON, 0:
		return "string", false
	}
	return "string", true
}

// property builds the property of n, or nil when n stands for nothing
// (only flattened objects, or only nulls under a flattened name).
func (b *builder) property(n *node, key string, depth int) *prop {
	if n.flattened && n.kinds&^kNull == 0 {
		if n.fullObjects == 0 {
			b.note(n, key, "only empty objects seen; nothing to describe, left out")
		}
		return nil
	}
	p := &prop{key: n.name, title: Title(n.name), node: n}
	b.changes(n, key, depth)
	switch {
	case n.kinds&kArray != 0:
		p.typ = "array"
		p.items = b.level(n.items, n.name, 2)
		if len(p.items.props) == 0 {
			// Items need a property: give them one, never required.
			v := &prop{key: "value", typ: "string", title: "Value", description: schema.Placeholder("Value")}
			p.items.props, p.items.required = []*prop{v}, nil
			b.note(n, key, "no array element with a value seen; items typed as {\"value\": string}")
		}
		p.items.title = Title(singular(n.name))
	case n.kinds&kCustom != 0:
		p.typ = "object"
		p.custom = n.custom
		sub := b.level(n.sub, n.name, 2)
		p.props, p.required = sub.props, sub.required
		for _, c := range p.props {
			m, _ := schema.CustomMemberOf(n.custom, c.key)
			if m.Holds == schema.Decimal {
				c.typ, c.format = "string", "DECIMAL_VALUE"
			}
			if m.Format != "" {
				c.format, c.custom = m.Format, ""
			}
		}
	default:
		typ, mixed := scalarType(n.kinds)
		p.typ = typ
		if mixed {
			b.note(n, key, "seen as %s; typed string", kindNames(n.kinds))
		}
		if n.kinds&^kNull == 0 {
			b.note(n, key, "only null seen; typed string and not required, check the type")
		}
		if n.kinds&kJSON != 0 {
			b.note(n, key, "an array inside an array item; kept as its JSON text")
		}
		if typ == "string" && n.kinds&^kNull == kString {
			for _, f := range formatOrder {
				if n.formats&f.bit != 0 {
					p.format = f.name
					break
				}
			}
		}
		switch {
		case p.format == "uri" && (!n.notImg || strings.HasSuffix(normKey(n.name), "image") || strings.HasSuffix(normKey(n.name), "imageurl")):
			p.custom = "IMAGE_URL"
		case p.format == "uuid" && strings.HasSuffix(normKey(n.name), "orderid"):
			p.custom = "ORDER_ID"
		}
	}
	p.title = Title(n.name)
	p.description = schema.Placeholder(p.title)
	if depth == 1 {
		p.raw = n.examples
		if len(p.raw) == 0 && n.blank != nil {
			p.raw = [][]byte{n.blank}
		}
		if len(p.raw) == 0 && p.typ == "string" {
			p.raw = [][]byte{[]byte(`""`)}
		}
	}
	return p
}

// changes notes how n's key differs from the sample's.
func (b *builder) changes(n *node, key string, depth int) {
	segs := strings.Count(n.source, "/")
	flat := depth == 1 && segs > 1 || depth == 2 && segs > 3
	switch {
	case flat && n.sanitized:
		b.note(n, key, "flattened, and the key changed to follow the key rules")
	case flat && depth == 1:
		b.note(n, key, "flattened into a 1st-level key")
	case flat:
		b.note(n, key, "flattened into a key of the array item")
	case n.sanitized:
		b.note(n, key, "key changed to follow the key rules")
	}
	if n.renamed {
		b.note(n, key, "the name was taken in the same object; numbered")
	}
	if n.nullItems > 0 {
		b.note(n, key, "%s left out", plural(n.nullItems, "null array element"))
	}
	if n.nested > 0 {
		b.note(n, key, "arrays inside the array spliced into it")
	}
	if n.wrapped > 0 && n.kinds&kArray != 0 {
		b.note(n, key, "primitive array elements wrapped as {\"value\": ...}")
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func kindNames(k kind) string {
	var names []string
	for _, x := range []struct {
		k    kind
		name string
	}{{kBool, "boolean"}, {kInt, "integer"}, {kNum, "number"}, {kString, "string"}, {kJSON, "array"}} {
		if k&x.k != 0 {
			names = append(names, x.name)
		}
	}
	return strings.Join(names, " and ")
}

// normKey is a key in lower case without underscores, for name tests.
func normKey(k string) string { return strings.ToLower(strings.ReplaceAll(k, "_", "")) }

// singular is a rough singular of an array's name, for its items' title.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 3:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 1:
		return s[:len(s)-1]
	}
	return s
}
