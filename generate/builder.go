package generate

import (
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// builder turns gathered nodes into the output model.
type builder struct {
	opts    Options
	samples int
	notes   []Note
	// ecom: every sample's entityFqdn names an eCommerce entity, the
	// evidence that an order ID is an eCommerce order's.
	ecom bool
}

func (b *builder) note(kind NoteKind, n *node, key, format string, args ...any) {
	b.notes = append(b.notes, Note{Kind: kind, Source: n.source, Key: key, Message: fmt.Sprintf(format, args...)})
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
				b.note(NoteArray, n, n.name, "seen both as an array and as a single value; single values are wrapped as [{\"value\": ...}]")
			}
			if n.kinds&kCustom != 0 {
				for _, s := range n.sub.nodes {
					n.items.get(s.name, s.source).absorb(s, s.kinds)
				}
				n.items.count += n.sub.count
				b.note(NoteArray, n, n.name, "seen both as an array and as a %s object; the objects become items", n.custom)
			}
			n.kinds &^= kCustom | prims
			n.kinds |= kArray
		case n.kinds&kCustom != 0 && (prims&^kNull != 0 || !validCustom(n)):
			for _, s := range n.sub.nodes {
				name := shorten(n.name+"_"+s.name, maxKeyLen)
				m := lv.index[name]
				if m == nil {
					m = lv.folded[strings.ToLower(name)]
				}
				if m == nil {
					m = &node{name: name, source: s.source, formats: fAll}
					lv.index[name] = m
					lv.folded[strings.ToLower(name)] = m
					out = append(out, m)
				}
				m.absorb(s, s.kinds)
			}
			if prims&^kNull != 0 {
				b.note(NoteFlattened, n, n.name, "seen both as a %s object and as a single value; the object is flattened", n.custom)
			} else {
				b.note(NoteFlattened, n, n.name, "shaped like %s, but its values do not fit it; flattened", n.custom)
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
		case cm.Holds == schema.CurrencyCode && m.notCurrency:
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
	lv.folded[strings.ToLower(name)] = n
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
	n.notCurrency = n.notCurrency || src.notCurrency
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
