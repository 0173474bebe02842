package diff

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// Example is a payload that shows what a change breaks. It is defined in
// package findings, where it is part of a finding.
type Example = findings.Example

// The sides of an example.
const (
	SideApp         = "app"
	SideAutomations = "automations"
	SideBehaviour   = "behaviour"
)

// probe says how to look for a change's example.
type probe struct {
	appFirst bool     // try payloads the app sends today before new ones
	absent   bool     // try leaving the property out first
	values   []string // JSON values to try first at the change's path
	oldPath  string   // a renamed property's old path
	also     string   // another path the example must hold (a move's origin)
	// behaviour describes, for changes no validation can tell apart, what
	// automations do with the payload in each version.
	behaviour behaviourFunc
	// behaviourFirst skips the search for a payload that one version
	// refuses: the change is about what automations do, not about what
	// payloads may hold.
	behaviourFirst bool
}

type behaviourFunc func(p *jv) (old, new string)

// exampleClock is the validators' clock: examples must not depend on the day
// they are made.
var exampleClock = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// examples finds an example for every breaking or dangerous change. A
// version that cannot be compiled gives no examples: there is nothing to
// check them against.
func (d *differ) examples() {
	if !d.needExamples() {
		return
	}
	// The two versions compile side by side: neither needs the other.
	opts := &validate.Options{Now: func() time.Time { return exampleClock }}
	var vo *validate.Validator
	var errOld error
	done := make(chan struct{})
	go func() {
		defer close(done)
		vo, errOld = validate.Compile(d.old, opts)
	}()
	vn, err := validate.Compile(d.new, opts)
	<-done
	if errOld != nil || err != nil {
		return
	}
	x := &exampler{v: [2]*validate.Validator{vo, vn}, root: [2]*schema.Schema{d.old.Root, d.new.Root}, look: &d.look,
		samples: map[*schema.Schema][]string{}, parsed: map[string]*jv{}}
	for i := range d.changes {
		c := &d.changes[i]
		if c.Kind.Class != Safe {
			c.Example = x.find(c)
		}
	}
}

func (d *differ) needExamples() bool {
	for _, c := range d.changes {
		if c.Kind.Class != Safe {
			return true
		}
	}
	return false
}

type exampler struct {
	v    [2]*validate.Validator
	root [2]*schema.Schema
	look *lookup
	// samples and parsed remember each schema's sample values and each
	// value's parse: the search asks for the same ones again and again.
	samples map[*schema.Schema][]string
	parsed  map[string]*jv
	// unparsed holds the texts that parse took as strings, not being
	// JSON.
	unparsed map[string]bool
	// buf holds the payload being checked; an example gets its own copy.
	// around holds the payload that replace splices its tries into.
	buf, around []byte
	// verdicts remembers both sides' errors for each payload checked: the
	// search builds the same payloads again for other candidates.
	verdicts map[string]*verdict
	// built remembers build's payloads, frozen, by side and path.
	built map[builtKey]*jv
}

// verdict is what each side found in one payload, where known.
type verdict struct {
	errs  [2][]validate.Violation
	known [2]bool
}

type builtKey struct {
	side Side
	path string
}

// errors returns the errors that one side finds in a payload.
func (x *exampler) errors(side Side, body []byte) []validate.Violation {
	return x.sideErrors(x.verdictOf(body), side, body)
}

// verdictOf returns the verdicts kept for a payload, a new record the first
// time: a payload checked on both sides is looked up once.
func (x *exampler) verdictOf(body []byte) *verdict {
	v := x.verdicts[string(body)]
	if v == nil {
		if x.verdicts == nil {
			x.verdicts = make(map[string]*verdict, 64)
		}
		v = &verdict{}
		x.verdicts[string(body)] = v
	}
	return v
}

// sideErrors returns the errors that one side finds in body, whose
// verdicts v keeps.
func (x *exampler) sideErrors(v *verdict, side Side, body []byte) []validate.Violation {
	if !v.known[side] {
		v.errs[side], v.known[side] = x.v[side].ValidateErrors(body), true
	}
	return v.errs[side]
}

// samplesOf is listSamples(s), computed once per schema.
func (x *exampler) samplesOf(s *schema.Schema) []string {
	out, ok := x.samples[s]
	if !ok {
		out = x.listSamples(s)
		x.samples[s] = out
	}
	return out
}

// parse is parseJSON(text), parsed once. The value is shared: it is
// changed only inside a payload, through set, del and owned, which copy
// what they change.
func (x *exampler) parse(text string) *jv {
	v, ok := x.parsed[text]
	if !ok {
		v, ok = parseJSON(text)
		if x.parsed == nil {
			x.parsed = make(map[string]*jv)
		}
		x.parsed[text] = v
		if !ok {
			if x.unparsed == nil {
				x.unparsed = make(map[string]bool)
			}
			x.unparsed[text] = true
		}
	}
	return v
}

// known gives parse the value of a text that was written from it, so that
// the text is not parsed back: the value is the one parsing would make,
// as the text is valid JSON (its parts parsed, or a parsed node written
// out) in which nothing needs decoding that writing changed. Only invalid
// UTF-8 does: written as \ufffd, it parses back as the character itself,
// so such a text is left to parse.
func (x *exampler) known(text string, v *jv) {
	if _, ok := x.parsed[text]; ok || strings.Contains(text, `\ufffd`) {
		return
	}
	if x.parsed == nil {
		x.parsed = make(map[string]*jv)
	}
	x.parsed[text] = v.freeze()
}

// encode writes the payload into the buffer and returns it, valid until
// the next call.
func (x *exampler) encode(p *jv) []byte {
	x.buf = p.appendTo(x.buf[:0])
	return x.buf
}

// candidate is one thing to try at a path: a value, or leaving it out.
type candidate struct {
	path   string
	absent bool
	value  string
}

// find looks for a payload that one version accepts and the other refuses
// because of the change, and falls back on a behaviour example.
func (x *exampler) find(c *Change) *Example {
	dirs := []Side{New, Old} // the side that accepts
	if c.probe.appFirst {
		dirs = []Side{Old, New}
	}
	if c.probe.behaviourFirst {
		return x.behaviour(c)
	}
	for _, cand := range x.candidates(c) {
		for _, acc := range dirs {
			if ex := x.try(c, cand, acc); ex != nil {
				return ex
			}
		}
	}
	if c.probe.behaviour != nil {
		return x.behaviour(c)
	}
	return nil
}

// candidates lists what to try, most telling first.
func (x *exampler) candidates(c *Change) []candidate {
	var out []candidate
	seen := map[candidate]bool{}
	add := func(cd candidate) {
		if !seen[cd] {
			seen[cd] = true
			out = append(out, cd)
		}
	}
	paths := []string{c.Path}
	if c.probe.oldPath != "" {
		paths = append(paths, c.probe.oldPath)
	}
	for _, p := range paths {
		for _, v := range c.probe.values {
			if v != "" {
				add(candidate{path: p, value: v})
			}
		}
		if c.probe.absent {
			add(candidate{path: p, absent: true})
		}
		for _, side := range []Side{Old, New} {
			if s, _ := x.look.schemaAt(x.root[side], p); s != nil {
				for _, v := range x.samplesOf(s) {
					add(candidate{path: p, value: v})
				}
			}
		}
		add(candidate{path: p, absent: true})
	}
	return out
}

// try builds a payload that the acc side should accept, puts the candidate
// in it, mends what the change does not explain, and returns it as an
// example when the other side refuses it because of the change. When
// another change makes the other side refuse the payload too, and no value
// satisfies both versions, the example says so.
func (x *exampler) try(c *Change, cand candidate, acc Side) *Example {
	ref := 1 - acc
	p := x.build(acc, cand.path)
	if cand.absent {
		p.del(cand.path)
	} else {
		p.set(cand.path, x.parse(cand.value))
	}
	related := func(v validate.Violation) bool { return relatedTo(v, c) }
	stuck := map[string]bool{} // pointers no value mends on the refusing side
	for round := 0; round < 8; round++ {
		body := x.encode(p)
		vd := x.verdictOf(body)
		ra, rr := x.sideErrors(vd, acc, body), x.sideErrors(vd, ref, body)
		var mendAcc, mendRef []validate.Violation
		for _, v := range ra {
			if related(v) || under(v.Pointer, cand.path) {
				return nil // the candidate itself is not acceptable
			}
			mendAcc = append(mendAcc, v)
		}
		var reasons, others []validate.Violation
		for _, v := range rr {
			switch {
			case related(v):
				reasons = append(reasons, v)
			case stuck[v.Pointer]:
				others = append(others, v)
			default:
				mendRef = append(mendRef, v)
			}
		}
		if len(mendAcc) == 0 && len(mendRef) == 0 {
			if len(reasons) == 0 {
				return nil
			}
			verdicts := [2]string{}
			verdicts[acc] = "accepted"
			verdicts[ref] = "refused: " + reasons[0].String()
			if len(others) > 0 {
				verdicts[ref] += fmt.Sprintf(" (and %d more for other changes)", len(others))
			}
			ex := &Example{Payload: bytes.Clone(body), Side: SideApp, Old: verdicts[Old], New: verdicts[New]}
			if acc == New {
				ex.Side = SideAutomations
			}
			return ex
		}
		if !x.mend(p, mendAcc, cand.path, acc, nil) {
			return nil
		}
		x.mend(p, mendRef, cand.path, ref, stuck)
	}
	return nil
}
