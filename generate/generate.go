package generate

import (
	"fmt"

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
	w.name, w.segs = w.name[:0], w.segs[:0]
	g.root.count++
	w.scopes = w.scopes[:0]
	clear(w.renames) // the sample's own: its stamps are not used again
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
