package generate

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/triggerkit/triggerkit/schema"
)

// property builds the property of n, or nil when n stands for nothing
// (only flattened objects, or only nulls under a flattened name).
func (b *builder) property(n *node, key string, depth int) *prop {
	if n.flattened && n.kinds&^kNull == 0 {
		if n.fullObjects == 0 {
			b.note(NoteLeftOut, n, key, "only empty objects seen; nothing to describe, left out")
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
			// Nothing says what the items hold: inventing a shape would
			// be a guess that payloads later contradict.
			b.note(NoteLeftOut, n, key, "no array element with a value seen; left out: add a sample in which it has elements, then describe it with the hints key %q", key)
			return nil
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
			b.note(NoteType, n, key, "seen as %s; typed string", kindNames(n.kinds))
		}
		if n.kinds&^kNull == 0 {
			b.note(NoteType, n, key, "only null seen; typed string and not required, check the type")
		}
		if n.kinds&kJSON != 0 {
			b.note(NoteArray, n, key, "an array inside an array item; kept as its JSON text")
		}
		if typ == "string" && n.kinds&^kNull == kString {
			for _, f := range formatOrder {
				if n.formats&f.bit != 0 {
					p.format = f.name
					break
				}
			}
		}
		if p.format != "" {
			b.note(NoteFormat, n, key, "format %s: every value seen is one", p.format)
		}
		imageKey := strings.HasSuffix(normKey(n.name), "image") || strings.HasSuffix(normKey(n.name), "imageurl")
		switch {
		case p.format == "uri" && !n.notImg:
			p.custom = "IMAGE_URL"
			b.note(NoteAnnotation, n, key, "wixCustomType IMAGE_URL: every URL seen ends in an image file extension")
		case p.format == "uri" && imageKey:
			p.custom = "IMAGE_URL"
			b.note(NoteAnnotation, n, key, "wixCustomType IMAGE_URL: URLs under a key that names an image")
		case p.format == "uuid" && strings.HasSuffix(normKey(n.name), "orderid"):
			if b.ecom {
				p.custom = "ORDER_ID"
				b.note(NoteAnnotation, n, key, "wixCustomType ORDER_ID: UUIDs under a key that names an order, in samples whose entityFqdn is an eCommerce order's")
			} else {
				b.note(NoteAnnotation, n, key, "may be an eCommerce order ID: if so, set wixCustomType ORDER_ID with the hints key %q (not inferred from the key name alone: it makes automations offer order actions)", key)
			}
		}
	}
	p.title = Title(n.name)
	p.description = placeholderFor(p.title, n.source)
	if depth == 1 {
		p.raw = n.examples
		if n.refute != nil && p.format == "" && !slices.ContainsFunc(p.raw, func(e []byte) bool { return bytes.Equal(e, n.refute) }) {
			// The format was dropped: an example shows why.
			p.raw = append(slices.Clone(p.raw[:min(len(p.raw), maxExamples-1)]), n.refute)
			b.note(NoteExample, n, key, "example %s kept: it is why no format is set", n.refute)
		}
		if p.typ == "string" && p.format == "" && n.kinds&kJSON == 0 && (len(p.raw) == 0 || n.blank != nil && n.refute == nil) {
			// Only blank strings or nulls seen, or a blank string is all
			// that rules out a format: stand in the title, never a blank.
			msg := "no value to show seen (only blank strings or null); the title stands in as the example: replace it"
			if len(p.raw) > 0 {
				msg = "a blank or padded value is what rules out a format; the title stands in for it among the examples"
			}
			p.raw = append(slices.Clone(p.raw[:min(len(p.raw), maxExamples-1)]), quote(nil, p.title))
			b.note(NoteExample, n, key, "%s", msg)
		}
	}
	return p
}

// placeholderFor is the placeholder description of a property: its title and
// where in the samples its values come from, so that the person who
// replaces it knows what to describe.
func placeholderFor(title, source string) string {
	if source == "" {
		return schema.Placeholder(title)
	}
	return schema.Placeholder(title + ", from " + dotted(source))
}

// dotted writes a JSON Pointer as keys separated by "." and "[]" for
// array elements: "/lineItems/0/name" is "lineItems[].name".
func dotted(pointer string) string {
	var b strings.Builder
	for _, seg := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if seg != "" && strings.Trim(seg, "0123456789") == "" {
			b.WriteString("[]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		for _, r := range schema.UnescapeToken(seg) {
			// Keys may hold control and bidirectional characters: a
			// description shows none of them.
			if !unicode.IsPrint(r) || unicode.Is(unicode.Cf, r) {
				r = '?'
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// changes notes how n's key differs from the sample's.
func (b *builder) changes(n *node, key string, depth int) {
	segs := strings.Count(n.source, "/")
	flat := depth == 1 && segs > 1 || depth == 2 && segs > 3
	switch {
	case flat && n.sanitized:
		b.note(NoteFlattened, n, key, "flattened, and the key changed to follow the key rules")
	case flat && depth == 1:
		b.note(NoteFlattened, n, key, "flattened into a 1st-level key")
	case flat:
		b.note(NoteFlattened, n, key, "flattened into a key of the array item")
	case n.sanitized:
		b.note(NoteRenamed, n, key, "key changed to follow the key rules")
	}
	if n.renamed {
		b.note(NoteRenamed, n, key, "the name was taken in the same object; numbered")
	}
	if n.nullItems > 0 {
		b.note(NoteArray, n, key, "%s left out", plural(n.nullItems, "null array element"))
	}
	if n.nested > 0 {
		b.note(NoteArray, n, key, "arrays inside the array spliced into it")
	}
	if n.wrapped > 0 && n.kinds&kArray != 0 {
		b.note(NoteArray, n, key, "primitive array elements wrapped as {\"value\": ...}")
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
