package generate

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

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
//
// A type FromType cannot read is a *TypeError: one that holds itself
// (every definition is inlined, and the dialect has no references), or a
// field of a kind JSON has no value for (a channel, a function, a complex
// number).
func FromType(v any, opts Options) (*Result, error) {
	if err := checkType(reflect.TypeOf(v)); err != nil {
		return nil, err
	}
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

// TypeError is a Go type that FromType cannot read.
type TypeError struct {
	Type  string // the type, as Go writes it
	Field string // where it is, from the root type ("Order.Items[].Next"), or ""
	Msg   string
}

func (e *TypeError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("type %s: %s", e.Type, e.Msg)
	}
	return fmt.Sprintf("type %s at %s: %s", e.Type, e.Field, e.Msg)
}

// schemaType is the method through which a type gives its own schema to
// github.com/invopop/jsonschema, which then does not read its fields.
var schemaType = reflect.TypeFor[interface{ JSONSchema() *jsonschema.Schema }]()

// checkType finds what the reflector cannot read in a type, before it is
// asked to: it inlines every definition, so that a type holding itself
// would recurse until the stack overflows, which no caller can recover
// from; and it panics on a kind JSON has no value for. The fields followed
// are those the reflector reads (exported or embedded, not tagged "-"). Each
// struct type is read once along each path, so the cost is linear in the
// size of the type's tree.
func checkType(t reflect.Type) error {
	if t == nil {
		return &TypeError{Type: "nil", Msg: "want a struct with exported fields"}
	}
	var path []reflect.Type // the struct types being read, outermost first
	var check func(t reflect.Type, field string) error
	check = func(t reflect.Type, field string) error {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Implements(schemaType) || reflect.PointerTo(t).Implements(schemaType) {
			return nil
		}
		switch t.Kind() {
		case reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
			return &TypeError{Type: t.String(), Field: field, Msg: "JSON has no value of this kind; tag the field json:\"-\""}
		case reflect.Slice, reflect.Array, reflect.Map:
			return check(t.Elem(), field+"[]")
		case reflect.Struct:
			if slices.Contains(path, t) {
				return &TypeError{Type: t.String(), Field: field, Msg: "the type holds itself; a trigger payload schema has no references and is two levels deep"}
			}
			path = append(path, t)
			defer func() { path = path[:len(path)-1] }()
			for i := range t.NumField() {
				f := t.Field(i)
				if (f.PkgPath != "" && !f.Anonymous) || tagIgnores(f.Tag.Get("json")) || tagIgnores(f.Tag.Get("jsonschema")) {
					continue
				}
				name := f.Name
				if field != "" {
					name = field + "." + f.Name
				}
				if err := check(f.Type, name); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return check(t, "")
}

// tagIgnores reports whether a json or jsonschema struct tag leaves its
// field out ("-", with or without options).
func tagIgnores(tag string) bool {
	name, _, _ := strings.Cut(tag, ",")
	return name == "-"
}
