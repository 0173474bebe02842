package generate

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// draft07 is the $schema Wix writes on save.
const draft07 = "http://json-schema.org/draft-07/schema"

// prop is a schema of the output: the root, a property or an array's items.
type prop struct {
	key         string
	typ         string
	title       string
	description string
	format      string
	identity    bool
	futureDate  bool
	custom      string
	examples    [][]byte // JSON values, in the form the schema expects
	raw         [][]byte // the samples' values the examples come from
	props       []*prop
	required    []string
	items       *prop
	node        *node // what the samples hold, for checking hints; nil for a made-up property
}

func (p *prop) find(key string) *prop {
	for _, c := range p.props {
		if c.key == key {
			return c
		}
	}
	return nil
}

func (p *prop) isRequired(key string) bool {
	for _, r := range p.required {
		if r == key {
			return true
		}
	}
	return false
}

// marshalSchema writes the root schema, indented by two spaces, keywords
// in a fixed order and examples on one line.
func marshalSchema(root *prop) []byte {
	var w jsonWriter
	w.open('{')
	w.field("$schema")
	w.str(draft07)
	w.props(root)
	w.close('}')
	w.buf.WriteByte('\n')
	return w.buf.Bytes()
}

type jsonWriter struct {
	buf    bytes.Buffer
	indent int
	first  bool
}

func (w *jsonWriter) open(c byte) {
	w.buf.WriteByte(c)
	w.indent++
	w.first = true
}

func (w *jsonWriter) close(c byte) {
	w.indent--
	if !w.first {
		w.newline()
	}
	w.buf.WriteByte(c)
	w.first = false
}

func (w *jsonWriter) newline() {
	w.buf.WriteByte('\n')
	for i := 0; i < w.indent; i++ {
		w.buf.WriteString("  ")
	}
}

func (w *jsonWriter) sep() {
	if !w.first {
		w.buf.WriteByte(',')
	}
	w.first = false
	w.newline()
}

func (w *jsonWriter) field(name string) {
	w.sep()
	w.buf.Write(quote(nil, name))
	w.buf.WriteString(": ")
}

func (w *jsonWriter) str(s string) { w.buf.Write(quote(nil, s)) }

// props writes the keywords of p after its opening brace.
func (w *jsonWriter) props(p *prop) {
	w.field("type")
	w.str(p.typ)
	for _, kv := range [...][2]string{{"title", p.title}, {"description", p.description}, {"format", p.format}} {
		if kv[1] != "" {
			w.field(kv[0])
			w.str(kv[1])
		}
	}
	if p.identity {
		w.field("identityType")
		w.str("contact")
	}
	if p.futureDate {
		w.field("futureDate")
		w.buf.WriteString("true")
	}
	if p.custom != "" {
		w.field("wixCustomType")
		w.str(p.custom)
	}
	if len(p.examples) > 0 {
		w.field("examples")
		w.buf.WriteByte('[')
		for i, e := range p.examples {
			if i > 0 {
				w.buf.WriteString(", ")
			}
			w.buf.Write(e)
		}
		w.buf.WriteByte(']')
	}
	if p.typ == "object" && len(p.props) > 0 {
		w.field("properties")
		w.open('{')
		for _, c := range p.props {
			w.field(c.key)
			w.open('{')
			w.props(c)
			w.close('}')
		}
		w.close('}')
	}
	if len(p.required) > 0 {
		w.field("required")
		w.buf.WriteByte('[')
		for i, r := range p.required {
			if i > 0 {
				w.buf.WriteString(", ")
			}
			w.str(r)
		}
		w.buf.WriteByte(']')
	}
	if p.items != nil {
		w.field("items")
		w.open('{')
		w.props(p.items)
		w.close('}')
	}
}

// quote appends s as a JSON string, escaping only what JSON requires.
func quote(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x80 {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, s[i:i+n]...)
			}
			i += n
			continue
		}
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			dst = append(dst, c)
		}
		i++
	}
	return append(dst, '"')
}

// compact returns raw JSON without insignificant white space.
func compact(raw []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return raw
	}
	return b.Bytes()
}
