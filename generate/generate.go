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
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/triggerkit/triggerkit/schema"
)

// Options configure a Generator.
type Options struct {
	// ContactID is the 1st-level key connected to site contacts with
	// identityType "contact". It must be a uuid string.
	ContactID string
	// NoContactID connects no property to site contacts. Otherwise, with
	// no ContactID, the required 1st-level uuid whose key names a contact
	// ID is connected when the choice is clear (it is the only one, or the
	// one keyed contactId), and a note says so; with several and none
	// keyed contactId, none is, and a note names them.
	NoContactID bool
	// FutureDate is the 1st-level key marked futureDate; it must be a
	// date-time string, and becomes required.
	FutureDate string
	// Hints set titles, descriptions, formats, required and custom types
	// per key.
	Hints Hints
	// Root selects the part of each sample to describe: keys separated by
	// ".", "[]" for every element of an array ("createdEvent.entityAsJson",
	// "events[]"). Every object it selects is one sample. "" describes the
	// whole sample, with Wix envelopes read as part of it (see
	// envelope.go).
	Root string
	// KeepJSONStrings keeps strings that hold JSON as strings, instead of
	// reading them as their content.
	KeepJSONStrings bool
}

// Note is one change the generator made to fit the dialect, or one thing it
// could not decide, for the user to review.
type Note struct {
	Kind    NoteKind
	Source  string // where in the samples: a JSON Pointer into the first sample with it
	Key     string // the output key: "name", or "array.name" for an item's
	Message string
}

// NoteKind groups notes for a summary.
type NoteKind uint8

// The kinds of note.
const (
	NoteFlattened  NoteKind = iota // an object flattened into keys
	NoteRenamed                    // a key sanitised, numbered or shortened
	NoteArray                      // array elements wrapped, spliced or left out
	NoteType                       // a type decided from mixed or missing values
	NoteLeftOut                    // a property left out
	NoteFormat                     // a format inferred
	NoteAnnotation                 // a custom type, identityType or futureDate inferred, suggested or set
	NoteExample                    // an example chosen or dropped
	NoteJSON                       // a string read as the JSON it holds, or an envelope
	NoteAdded                      // Update: a property added to the existing schema
	NoteVanished                   // Update: a property of the existing schema no sample holds, kept
	NoteWidened                    // Update: a type, format or required list widened for the samples
	numNoteKinds
)

var noteKindNames = [numNoteKinds]string{
	"keys flattened", "keys renamed or shortened", "arrays reshaped", "types decided from mixed or missing values",
	"properties left out", "formats inferred", "annotations inferred or suggested", "examples chosen", "JSON strings and envelopes read",
	"properties added", "properties no sample holds, kept", "types, formats or required widened",
}

func (k NoteKind) String() string {
	if k < numNoteKinds {
		return noteKindNames[k]
	}
	return "notes"
}

// SummarizeNotes returns one line per kind of note, in kind order: the
// note itself when it is the only one of its kind, else "N <kind>".
func SummarizeNotes(notes []Note) []string {
	var count [numNoteKinds + 1]int
	var only [numNoteKinds + 1]Note
	for _, n := range notes {
		k := min(n.Kind, numNoteKinds)
		count[k]++
		only[k] = n
	}
	var out []string
	for k := range count {
		switch {
		case count[k] == 1:
			out = append(out, only[k].String())
		case count[k] > 1:
			out = append(out, fmt.Sprintf("%d %s", count[k], NoteKind(k)))
		}
	}
	return out
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
	// decodedAt are the paths of JSON strings read as their content.
	decodedAt map[string]struct{}
	// fqdnEcom counts the samples whose 1st-level entityFqdn names an
	// eCommerce entity.
	fqdnEcom int
}

// New returns a Generator.
func New(opts Options) *Generator {
	g := &Generator{opts: opts, root: newLevel(), decodedAt: map[string]struct{}{}}
	g.w.g = g
	g.w.jsons = !opts.KeepJSONStrings
	g.w.envelopes = opts.Root == ""
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
	if g.opts.Root != "" {
		targets, err := g.targets(sample)
		if err != nil {
			return err
		}
		for _, t := range targets {
			text := t.src[t.v.Span.Start:t.v.Span.End]
			s, _ := g.check.checkSample(text)
			g.walk(text, s)
		}
		g.samples++
		return nil
	}
	g.walk(sample, start)
	g.samples++
	return nil
}

// targets returns the objects Options.Root selects in a sample.
func (g *Generator) targets(sample []byte) ([]rootTarget, error) {
	steps, err := parseRoot(g.opts.Root)
	if err != nil {
		return nil, err
	}
	f, err := schema.Parse("sample", sample)
	if err != nil {
		return nil, err
	}
	return selectNodes(f.Root, sample, steps, g.opts.Root, g.opts.KeepJSONStrings, 0)
}

// walk reads one accepted object: a sample, or what Root selects in one.
func (g *Generator) walk(sample []byte, start int) {
	w := &g.w
	w.src, w.pos, w.chk = sample, start, &g.check
	w.name, w.path = w.name[:0], w.path[:0]
	g.root.count++
	w.scopes = w.scopes[:0]
	w.pushScope(start, 1)
	w.members(g.root, 0, 0, 1, g.next(), false)
	w.popScope()
	w.src = nil
}

// decoded records that the JSON string at path was read as its content.
func (g *Generator) decoded(path []byte) {
	if _, ok := g.decodedAt[bytesString(path)]; !ok && len(g.decodedAt) < 1000 {
		g.decodedAt[string(path)] = struct{}{}
	}
}

// Result is a generated schema.
type Result struct {
	JSON  []byte // the schema, indented, ending with a newline
	Notes []Note // what was changed to fit the dialect, in key order
}

// Schema builds the schema of the samples added so far.
func (g *Generator) Schema() (*Result, error) {
	root, b, err := g.build()
	if err != nil {
		return nil, err
	}
	return &Result{JSON: marshalSchema(root), Notes: b.notes}, nil
}

// build builds the output model of the samples added so far, with the
// builder that holds its notes.
func (g *Generator) build() (*prop, *builder, error) {
	if g.samples == 0 {
		return nil, nil, fmt.Errorf("no samples")
	}
	b := &builder{opts: g.opts, samples: g.samples, ecom: g.fqdnEcom > 0 && g.fqdnEcom == g.root.count}
	root := b.level(g.root, "", 1)
	if len(root.props) == 0 {
		return nil, nil, fmt.Errorf("the samples hold no values to describe (only empty objects and nulls)")
	}
	if err := b.applyFlags(root); err != nil {
		return nil, nil, err
	}
	if err := b.applyHints(root); err != nil {
		return nil, nil, err
	}
	tr := newTransformerFor(root, g.opts)
	for _, p := range root.props {
		if err := b.examples(p, tr); err != nil {
			return nil, nil, err
		}
	}
	return root, b, nil
}

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
		for _, r := range strings.NewReplacer("~1", "/", "~0", "~").Replace(seg) {
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
