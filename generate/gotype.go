package generate

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/invopop/jsonschema"
	"github.com/triggerkit/triggerkit/schema"
)

// FromType builds the dialect schema of a Go struct (or a pointer to one),
// read through github.com/invopop/jsonschema with every definition inlined.
// Its struct tags set what samples would: the json tag names the key and
// omitempty makes it optional; the jsonschema tag sets title=, description=,
// example= and format=; the jsonschema_extras tag sets the Wix annotations:
// identityType=contact, futureDate=true, wixCustomType=MONEY (or ATTACHMENT,
// ORDER_ID, IMAGE_URL). The result goes through the same normalisation as
// samples: nested structs are flattened, slices of primitives wrapped, and
// keys sanitised. A 1st-level property without an example gets a made-up
// one, and a note says so.
func FromType(v any, opts Options) (*Result, error) {
	r := &jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true, Anonymous: true, AllowAdditionalProperties: true}
	s := r.Reflect(v)
	if s == nil || s.Type != "object" || s.Properties == nil || s.Properties.Len() == 0 {
		return nil, errors.New("want a struct with exported fields")
	}
	hints := Hints{}
	for k, h := range opts.Hints {
		hints[k] = h
	}
	opts.Hints = hints
	g := New(opts)
	g.samples, g.root.count = 1, 1
	t := &typeReader{g: g}
	t.members(g.root, s, "", "", 1, true, "")
	if t.err != nil {
		return nil, t.err
	}
	res, err := g.Schema()
	if err != nil {
		return nil, err
	}
	// Formats and annotations come from the type's tags, not from values:
	// the notes that infer them from values do not apply.
	res.Notes = slices.DeleteFunc(res.Notes, func(n Note) bool { return n.Kind == NoteFormat || n.Kind == NoteAnnotation })
	res.Notes = append(t.notes, res.Notes...)
	return res, nil
}

// typeReader turns a reflected schema into the nodes samples would give.
type typeReader struct {
	g     *Generator
	notes []Note
	err   error
}

// members reads an object schema's properties into lv. Their names are
// prefix_key (key alone when prefix is ""); owner is the array or custom
// object they belong to, for hint keys; required says whether the object
// itself is always there.
func (t *typeReader) members(lv *level, s *jsonschema.Schema, prefix, owner string, depth int, required bool, source string) {
	if s.Properties == nil {
		return
	}
	for p := s.Properties.Oldest(); p != nil; p = p.Next() {
		name := Sanitize(p.Key)
		if prefix != "" {
			name = prefix + "_" + name
		}
		t.value(lv, name, owner, p.Value, depth, required && slices.Contains(s.Required, p.Key), source+"/"+p.Key)
	}
}

func (t *typeReader) value(lv *level, name, owner string, s *jsonschema.Schema, depth int, required bool, source string) {
	hintKey := name
	if owner != "" {
		hintKey = owner + "." + name
	}
	custom, _ := s.Extras["wixCustomType"].(string)
	switch s.Type {
	case "object":
		if ct, _ := schema.LookupCustomType(custom); depth == 1 && !ct.Internal && len(ct.Members) > 0 {
			n := t.node(lv, name, source, required)
			n.kinds |= kCustom
			n.custom, n.customs = custom, 1
			n.sub = newLevel()
			n.sub.count = 1
			t.members(n.sub, s, "", name, 2, true, source)
			t.annotate(n, hintKey, s, depth)
			return
		}
		t.members(lv, s, name, owner, depth, required, source)
		lv.get(name, source).flattened = true
		lv.index[name].fullObjects++
	case "array":
		n := t.node(lv, name, source, required)
		if depth > 1 {
			n.kinds |= kJSON
			return
		}
		n.kinds |= kArray
		n.arrays = 1
		n.items = newLevel()
		n.items.count = 1
		items := s.Items
		for items != nil && items.Type == "array" {
			items = items.Items
		}
		switch {
		case items == nil:
		case items.Type == "object":
			t.members(n.items, items, "", name, 2, true, source+"/0")
		default:
			n.wrapped = 1
			t.value(n.items, "value", name, items, 2, true, source+"/0")
		}
		t.annotate(n, hintKey, s, depth)
	default:
		n := t.node(lv, name, source, required)
		switch s.Type {
		case "string":
			n.kinds |= kString
		case "integer":
			n.kinds |= kInt
		case "number":
			n.kinds |= kNum
		case "boolean":
			n.kinds |= kBool
		default:
			n.kinds |= kString
			t.notes = append(t.notes, Note{Source: source, Key: hintKey, Message: fmt.Sprintf("type %q is not a JSON type the dialect has; typed string", s.Type)})
		}
		n.formats = 0
		for _, f := range formatOrder {
			if f.name == s.Format {
				n.formats = f.bit
			}
		}
		h := t.g.opts.Hints[hintKey]
		if s.Format != "" && n.formats == 0 {
			h.Format = s.Format
		}
		if ct, _ := schema.LookupCustomType(custom); !ct.Internal && ct.Type == "string" {
			h.WixCustomType = custom
		}
		t.g.opts.Hints[hintKey] = h
		n.notImg = custom != "IMAGE_URL"
		t.annotate(n, hintKey, s, depth)
		if depth == 1 {
			switch s.Extras["identityType"] {
			case nil:
			case "contact":
				t.g.opts.ContactID = name
			default:
				t.err = fmt.Errorf("%s: identityType %v; the dialect connects only contacts", source, s.Extras["identityType"])
			}
			if fd, ok := s.Extras["futureDate"]; ok && fd != "false" && fd != false {
				t.g.opts.FutureDate = name
			}
		}
	}
}

func (t *typeReader) node(lv *level, name, source string, required bool) *node {
	n := lv.get(name, source)
	if required {
		n.present = 1
	}
	return n
}

// annotate keeps the title, description and examples of a property.
func (t *typeReader) annotate(n *node, hintKey string, s *jsonschema.Schema, depth int) {
	h := t.g.opts.Hints[hintKey]
	if h.Title == "" {
		h.Title = s.Title
	}
	if h.Description == "" {
		h.Description = s.Description
	}
	if h != (Hint{}) {
		t.g.opts.Hints[hintKey] = h
	}
	for _, e := range s.Examples {
		if b, err := json.Marshal(e); err == nil {
			n.addExample(b, false)
		}
	}
	if depth == 1 && len(n.examples) == 0 {
		n.examples = [][]byte{madeUpExample(n, s)}
		t.notes = append(t.notes, Note{Source: n.source, Key: hintKey, Message: "no example in the struct tag; a made-up one is used, add example= to the jsonschema tag"})
	}
}

// madeUpExample is a value of the property's type and format.
func madeUpExample(n *node, s *jsonschema.Schema) []byte {
	switch {
	case n.kinds&kCustom != 0 && n.custom == "MONEY":
		return []byte(`{"value":"10.00","currency":"USD"}`)
	case n.kinds&kCustom != 0:
		return []byte(`{"fileName":"file.pdf","downloadUrl":"https://example.com/file.pdf"}`)
	case n.kinds&kArray != 0:
		return []byte(`[]`)
	case n.kinds&kInt != 0:
		return []byte(`1`)
	case n.kinds&kNum != 0:
		return []byte(`1.5`)
	case n.kinds&kBool != 0:
		return []byte(`true`)
	}
	examples := map[string]string{
		"uuid": "00000000-0000-4000-8000-000000000000", "date-time": "2026-01-01T09:00:00Z", "date": "2026-01-01",
		"time": "09:00:00", "email": "jane@example.com", "uri": "https://example.com/", "number": "1.5", "DECIMAL_VALUE": "10.00",
	}
	if e, ok := examples[s.Format]; ok {
		return quote(nil, e)
	}
	return quote(nil, Title(n.name))
}
