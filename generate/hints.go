package generate

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/internal/textdist"
	"github.com/triggerkit/triggerkit/schema"
)

// Hint sets what samples cannot tell about one property.
type Hint struct {
	Title         string `json:"title,omitempty"`
	Description   string `json:"description,omitempty"`
	Format        string `json:"format,omitempty"`
	Required      *bool  `json:"required,omitempty"`
	WixCustomType string `json:"wixCustomType,omitempty"`
}

// Hints are hints by output key: "orderId" for a 1st-level property,
// "lineItems.name" for a property of array items or of a custom object.
type Hints map[string]Hint

// hintFields names the fields of a hint, for messages.
const hintFields = "title, description, format, required or wixCustomType"

// HintsError is a mistake in the shape of a hints file: a root that is not
// an object, a hint that is not one, an unknown field, a field of the
// wrong type, or a key given twice.
type HintsError struct {
	Offset int             // the byte offset of the mistake in the file
	Pos    schema.Position // the line and column of Offset
	Msg    string
}

func (e *HintsError) Error() string { return e.Pos.String() + ": " + e.Msg }

// ParseHints reads a hints file: a JSON object of key to hint. Unknown
// fields are refused, so that a misspelt one is not ignored, and so is a
// key given twice; null stands for a hint, or a field, not given. A file
// that is not JSON gives a schema.ErrorList, one of the wrong shape a
// *HintsError.
func ParseHints(data []byte) (Hints, error) {
	f, err := schema.ParseValue("hints", data)
	if err != nil {
		return nil, err
	}
	fail := func(at int, format string, args ...any) error {
		return &HintsError{Offset: at, Pos: f.Position(at), Msg: fmt.Sprintf(format, args...)}
	}
	what := func(n *schema.Node) string { return describe(data[n.Span.Start]) }
	root := f.Root
	if root.Kind != schema.Object {
		return nil, fail(root.Span.Start, "the hints are %s, want an object of key to hint", what(root))
	}
	h := make(Hints, len(root.Members))
	seen := make(map[string]*schema.Member, len(root.Members))
	for _, m := range root.Members {
		v := m.Value
		if prev := seen[m.Name]; prev != nil {
			return nil, fail(m.KeySpan.Start, "a second hint for %q; the first is at %s", m.Name, f.Position(prev.KeySpan.Start))
		}
		seen[m.Name] = m
		switch v.Kind {
		case schema.Null:
			h[m.Name] = Hint{}
			continue
		case schema.Object:
		default:
			return nil, fail(v.Span.Start, "hint for %q is %s, want an object", m.Name, what(v))
		}
		var hint Hint
		for _, fm := range v.Members {
			// Every field before fm is known and distinct, so Get looks at
			// five members at most.
			if prev := v.Get(fm.Name); prev != fm {
				return nil, fail(fm.KeySpan.Start, "a second %s in the hint for %q; the first is at %s", fm.Name, m.Name, f.Position(prev.KeySpan.Start))
			}
			fv := fm.Value
			var s *string
			switch fm.Name {
			case "title":
				s = &hint.Title
			case "description":
				s = &hint.Description
			case "format":
				s = &hint.Format
			case "wixCustomType":
				s = &hint.WixCustomType
			case "required":
				switch fv.Kind {
				case schema.Null:
				case schema.Bool:
					b := fv.Bool()
					hint.Required = &b
				default:
					return nil, fail(fv.Span.Start, "required in the hint for %q is %s, want true or false", m.Name, what(fv))
				}
				continue
			default:
				near := ""
				if n := nearestHintField(fm.Name); n != "" {
					near = fmt.Sprintf(" (did you mean %s?)", n)
				}
				return nil, fail(fm.KeySpan.Start, "unknown field %q in the hint for %q%s; want %s", fm.Name, m.Name, near, hintFields)
			}
			switch fv.Kind {
			case schema.Null:
			case schema.String:
				*s = fv.Text
			default:
				return nil, fail(fv.Span.Start, "%s in the hint for %q is %s, want a string", fm.Name, m.Name, what(fv))
			}
		}
		h[m.Name] = hint
	}
	return h, nil
}

// nearestHintField returns the field of a hint that name is a slip for,
// or "": one that differs only in case, or by at most two edits.
func nearestHintField(name string) string {
	best, dist := "", 3
	for _, f := range []string{"title", "description", "format", "required", "wixCustomType"} {
		if strings.EqualFold(f, name) {
			return f
		}
		if d := textdist.Levenshtein(strings.ToLower(name), strings.ToLower(f)); d < dist {
			best, dist = f, d
		}
	}
	return best
}

// HintError is a hint that the samples or the dialect contradict: a key
// that names no property, a format or custom type the dialect does not
// know, or one the values seen do not have.
type HintError struct {
	Key string // the hint's key
	Msg string
	// Closest are the output keys closest to a Key that names no
	// property, at most three.
	Closest []string
}

func (e *HintError) Error() string { return "hint for " + e.Key + ": " + e.Msg }

// applyHints sets the hinted keywords, after checking each against the
// dialect and against every value the samples hold, so that the schema
// lints clean and the transformed samples satisfy it.
func (b *builder) applyHints(root *prop) error {
	for _, key := range slices.Sorted(maps.Keys(b.opts.Hints)) {
		h := b.opts.Hints[key]
		fail := func(format string, args ...any) error {
			return &HintError{Key: key, Msg: fmt.Sprintf(format, args...)}
		}
		ps := keyedProps(root, false)
		k, ok := lookupKey(ps, key)
		if !ok {
			return &HintError{Key: key, Msg: "no such property in the samples" + closestText(closestKeys(ps, key)), Closest: closestKeys(ps, key)}
		}
		owner, p := k.owner, k.p
		if h.Title != "" {
			p.title = h.Title
			if schema.IsPlaceholder(p.description) {
				p.description = schema.Placeholder(h.Title)
			}
		}
		if h.Description != "" {
			p.description = h.Description
		}
		if f := h.Format; f != "" {
			switch {
			case !schema.IsFormat(f):
				return fail("unknown format %q; want one of %s", f, strings.Join(schema.Formats(), ", "))
			case p.typ != "string":
				return fail("format %q on a %s property; formats are for strings", f, p.typ)
			case !fitsFormat(p.node, f):
				return fail("format %q, but not every value seen is one", f)
			}
			p.format = f
		}
		if c := h.WixCustomType; c != "" {
			if !schema.Contains(schema.CustomTypeNames(false), c) {
				return fail("unknown wixCustomType %q; want one of %s", c, strings.Join(schema.CustomTypeNames(false), ", "))
			}
			if (c == "MONEY" || c == "ATTACHMENT" || p.custom == "MONEY" || p.custom == "ATTACHMENT") && p.custom != c {
				return fail("wixCustomType %s, but the values seen are %s", c, shapeOf(p))
			}
			p.custom = c
		}
		if err := checkCustom(p); err != "" {
			return fail("%s", err)
		}
		if h.Required != nil {
			name := p.key
			switch {
			case *h.Required && !owner.isRequired(name):
				return fail("required, but some samples lack it or hold null")
			case !*h.Required && p.futureDate:
				return fail("not required, but a future date must be")
			}
			owner.required = slices.DeleteFunc(owner.required, func(r string) bool { return r == name })
			if *h.Required {
				owner.required = append(owner.required, name)
				b.sortRequired(owner)
			}
		}
	}
	return nil
}

// fitsFormat reports whether every value n saw is a valid value of the
// format f once transformed. A property with no values fits any format.
func fitsFormat(n *node, f string) bool {
	if n == nil {
		return true
	}
	values := n.kinds &^ kNull
	switch f {
	case "number", "DECIMAL_VALUE":
		return values&^(kString|kInt|kNum) == 0 && !n.notDecimal
	case "regex":
		return values&^(kString|kInt|kNum|kBool) == 0 && !n.notRegex
	}
	if values == 0 {
		return true
	}
	for _, x := range formatOrder {
		if x.name == f {
			return values == kString && n.formats&x.bit != 0
		}
	}
	return false
}

// checkCustom returns what is wrong with p's custom type, identity or
// future date given its type and format, or "".
func checkCustom(p *prop) string {
	want := map[string]string{"ORDER_ID": "uuid", "IMAGE_URL": "uri"}[p.custom]
	switch {
	case want != "" && (p.typ != "string" || p.format != want):
		return fmt.Sprintf("wixCustomType %s wants a string with format %s; got a %s%s", p.custom, want, p.typ, formatSuffix(p.format))
	case p.identity && p.format != "uuid":
		return fmt.Sprintf("the contact ID wants format uuid; got a %s%s", p.typ, formatSuffix(p.format))
	case p.futureDate && p.format != "date-time":
		return fmt.Sprintf("the future date wants format date-time; got a %s%s", p.typ, formatSuffix(p.format))
	}
	return ""
}

// shapeOf names what p holds, for messages.
func shapeOf(p *prop) string {
	switch {
	case p.custom == "MONEY":
		return "{value, currency} objects"
	case p.custom == "ATTACHMENT":
		return "{fileName, downloadUrl} objects"
	case p.typ == "array":
		return "arrays"
	}
	return p.typ + "s"
}

// sortRequired puts the required names in property order.
func (b *builder) sortRequired(owner *prop) {
	order := map[string]int{}
	for i, c := range owner.props {
		order[c.key] = i
	}
	slices.SortFunc(owner.required, func(x, y string) int { return order[x] - order[y] })
}

// applyFlags connects the contact ID and marks the future date.
func (b *builder) applyFlags(root *prop) error {
	if b.opts.ContactID == "" && !b.opts.NoContactID {
		b.inferContact(root)
	}
	ps := keyedProps(root, true)
	find := func(what, key string) (*prop, error) {
		k, ok := lookupKey(ps, key)
		if !ok {
			return nil, &KeyError{What: what, Key: key, Closest: closestKeys(ps, key)}
		}
		return k.p, nil
	}
	if k := b.opts.ContactID; k != "" {
		p, err := find("contact ID", k)
		switch {
		case err != nil:
			return err
		case p.typ != "string" || p.format != "uuid":
			return fmt.Errorf("contact ID %q: its values are not all UUIDs (it is a %s%s)", k, p.typ, formatSuffix(p.format))
		}
		p.identity = true
	}
	if k := b.opts.FutureDate; k != "" {
		p, err := find("future date", k)
		switch {
		case err != nil:
			return err
		case p.typ != "string" || p.format != "date-time":
			return fmt.Errorf("future date %q: its values are not all RFC 3339 date-times (it is a %s%s)", k, p.typ, formatSuffix(p.format))
		}
		p.futureDate = true
		if !root.isRequired(p.key) {
			root.required = append(root.required, p.key)
			b.sortRequired(root)
			b.notes = append(b.notes, Note{Kind: NoteAnnotation, Key: p.key, Message: "made required, as a future date must be; some samples lack it"})
		}
	}
	return nil
}

func formatSuffix(f string) string {
	if f == "" {
		return ""
	}
	return " with format " + f
}

// examples sets p's examples: its samples' values in the schema's form.
func (b *builder) examples(p *prop, tr *Transformer) error {
	for _, raw := range p.raw {
		e, err := tr.convert(p.key, compact(raw))
		if err != nil {
			return err
		}
		switch {
		case p.items != nil:
			e = unblank(e, p.items)
		case p.custom != "" && len(p.props) > 0:
			e = unblank(e, p)
		}
		dup := false
		for _, x := range p.examples {
			dup = dup || bytes.Equal(x, e)
		}
		if !dup {
			p.examples = append(p.examples, e)
		}
	}
	return nil
}

// inferContact connects the 1st-level required uuid string whose key
// names a contact ID (as the linter's TK7006 finds them) to site contacts,
// when the choice is clear: the only such property, or among several the
// one whose key is plainly contactId. Otherwise it connects none and notes
// the candidates, for --contact-id to choose: a guess would let
// automations treat the wrong person as the contact. One that some samples
// lack is left alone: the contact property must be required.
func (b *builder) inferContact(root *prop) {
	var cands []*prop
	var names []string
	var plain *prop
	for _, p := range root.props {
		if p.typ == "string" && p.format == "uuid" && strings.HasSuffix(normKey(p.key), "contactid") && root.isRequired(p.key) {
			cands = append(cands, p)
			names = append(names, p.key)
			if p.key == "contactId" {
				plain = p
			}
		}
	}
	switch {
	case len(cands) == 0:
		return
	case len(cands) == 1:
		cands[0].identity = true
		b.note(NoteAnnotation, cands[0].node, cands[0].key, "identityType contact: the only 1st-level uuid whose key names a contact ID")
	case plain != nil:
		plain.identity = true
		b.note(NoteAnnotation, plain.node, plain.key, "identityType contact: the key named contactId, among %s; choose another with --contact-id, or none with --no-contact-id", strings.Join(names, ", "))
	default:
		b.note(NoteAnnotation, cands[0].node, cands[0].key, "identityType not set: %d 1st-level uuids name a contact ID (%s); choose one with --contact-id", len(cands), strings.Join(names, ", "))
	}
}

// unblank replaces the blank strings in the items of an array example, or
// in the members of a custom object's example: a padded string by its
// text, an empty one by its property's title, or for a custom type's member
// by a value its checks accept (schema.Content.Example). items describes the items
// or the custom object.
func unblank(e []byte, items *prop) []byte {
	f, err := schema.ParseValue("example", e)
	if err != nil || f.Root.Kind != schema.Array && f.Root.Kind != schema.Object {
		return e
	}
	elems := f.Root.Elems
	if f.Root.Kind == schema.Object {
		elems = []*schema.Node{f.Root}
	}
	var out []byte
	last := 0
	for _, it := range elems {
		for _, m := range it.Members {
			if m.Value.Kind != schema.String || !isBlank(m.Value.Text) {
				continue
			}
			text := strings.TrimSpace(m.Value.Text)
			if text == "" {
				text = m.Name
				if c := items.find(m.Name); c != nil {
					text = c.title
				}
				// A custom type's member takes a value its checks accept
				// (an ISO 4217 code for MONEY's currency), not its title.
				if cm, ok := schema.CustomMemberOf(items.custom, m.Name); ok && cm.Holds.Example() != "" {
					text = cm.Holds.Example()
				}
			}
			out = append(out, e[last:m.Value.Span.Start]...)
			out = quote(out, text)
			last = m.Value.Span.End
		}
	}
	if out == nil {
		return e
	}
	return append(out, e[last:]...)
}
