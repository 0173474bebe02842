package generate

import (
	"errors"

	"github.com/triggerkit/triggerkit/schema"
)

// WixCompat returns the schema the Wix dashboard's "Generate from Sample
// Data" makes of one sample, as documented: the root has only type,
// properties and required; each property has the type of its JSON value
// ("number" for every number), a title from its key (WixTitle), the value
// as its one example; every key is required, in sample order. Objects and
// arrays are described the same way, below the property; an array's items
// come from its first element. Nothing else is added: no description, no
// format, no flattening. The result is the dashboard's starting point, with
// its faults, for comparison and for teams that must match it.
func WixCompat(sample []byte) ([]byte, error) {
	f, err := schema.Parse("sample", sample)
	if err != nil {
		return nil, err
	}
	if f.Root == nil || f.Root.Kind != schema.Object {
		return nil, errors.New("the sample is not a JSON object")
	}
	var w jsonWriter
	w.open('{')
	w.field("type")
	w.str("object")
	w.wixMembers(f.Root, sample)
	w.close('}')
	w.buf.WriteByte('\n')
	return w.buf.Bytes(), nil
}

// wixMembers writes "properties" and "required" for an object's members.
func (w *jsonWriter) wixMembers(obj *schema.Node, src []byte) {
	if len(obj.Members) == 0 {
		return
	}
	w.field("properties")
	w.open('{')
	for _, m := range obj.Members {
		w.field(m.Name)
		w.open('{')
		w.wixValue(m.Value, src, WixTitle(m.Name))
		w.close('}')
	}
	w.close('}')
	w.field("required")
	w.buf.WriteByte('[')
	for i, m := range obj.Members {
		if i > 0 {
			w.buf.WriteString(", ")
		}
		w.str(m.Name)
	}
	w.buf.WriteByte(']')
}

// wixValue writes the keywords of one value's schema.
func (w *jsonWriter) wixValue(v *schema.Node, src []byte, title string) {
	w.field("type")
	w.str(jsonType(v.Kind))
	if title != "" {
		w.field("title")
		w.str(title)
		w.field("examples")
		w.buf.WriteByte('[')
		w.buf.Write(compact(src[v.Span.Start:v.Span.End]))
		w.buf.WriteByte(']')
	}
	switch v.Kind {
	case schema.Object:
		w.wixMembers(v, src)
	case schema.Array:
		if len(v.Elems) > 0 {
			w.field("items")
			w.open('{')
			w.wixValue(v.Elems[0], src, "")
			w.close('}')
		}
	}
}

func jsonType(k schema.Kind) string {
	switch k {
	case schema.Object:
		return "object"
	case schema.Array:
		return "array"
	case schema.String:
		return "string"
	case schema.Number:
		return "number"
	case schema.Bool:
		return "boolean"
	}
	return "null"
}
