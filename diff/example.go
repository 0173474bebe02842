package diff

import (
	"bytes"
	"fmt"
	"strconv"
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
	opts := &validate.Options{Now: func() time.Time { return exampleClock }}
	vo, err := validate.Compile(d.old, opts)
	if err != nil {
		return
	}
	vn, err := validate.Compile(d.new, opts)
	if err != nil {
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
	// buf holds the payload being checked; an example gets its own copy.
	// around holds the payload that replace splices its tries into.
	buf, around []byte
	// verdicts remembers each side's errors for each payload checked: the
	// search builds the same payloads again for other candidates.
	verdicts [2]map[string][]validate.Violation
}

// errors returns the errors that one side finds in a payload.
func (x *exampler) errors(side Side, body []byte) []validate.Violation {
	if errs, ok := x.verdicts[side][string(body)]; ok {
		return errs
	}
	errs := x.v[side].ValidateErrors(body)
	if x.verdicts[side] == nil {
		x.verdicts[side] = make(map[string][]validate.Violation, 64)
	}
	x.verdicts[side][string(body)] = errs
	return errs
}

// samplesOf is samples(s), computed once per schema.
func (x *exampler) samplesOf(s *schema.Schema) []string {
	out, ok := x.samples[s]
	if !ok {
		out = samples(s)
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
		v = parseJSON(text)
		x.parsed[text] = v
	}
	return v
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
	p := x.build(acc, c, cand.path)
	if cand.absent {
		p.del(cand.path)
	} else {
		p.set(cand.path, x.parse(cand.value))
	}
	related := func(v validate.Violation) bool { return relatedTo(v, c) }
	stuck := map[string]bool{} // pointers no value mends on the refusing side
	for round := 0; round < 8; round++ {
		body := x.encode(p)
		ra, rr := x.errors(acc, body), x.errors(ref, body)
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

// behaviour builds a payload that the new version accepts and says what
// automations do with it in each version.
func (x *exampler) behaviour(c *Change) *Example {
	p := x.build(New, c, c.Path)
	if c.probe.also != "" {
		x.ensure(p, Old, c.probe.also)
	}
	for round := 0; round < 8; round++ {
		body := x.encode(p)
		errs := x.errors(New, body)
		if len(errs) == 0 {
			o, n := c.probe.behaviour(p)
			return &Example{Payload: bytes.Clone(body), Side: SideBehaviour, Old: o, New: n}
		}
		if !x.mend(p, errs, "", New, nil) {
			return nil
		}
	}
	return nil
}

// mend changes the payload so that the given errors, which the change does
// not explain, go away: a missing required key gets a value, a wrong value
// gets one that both versions accept, or else one that the need side
// accepts. It never touches keep. It reports
// whether it mended every error; with a stuck map, it records there the
// pointers it could not mend instead of giving up.
func (x *exampler) mend(p *jv, errs []validate.Violation, keep string, need Side, stuck map[string]bool) bool {
	fail := func(ptr string) bool {
		if stuck == nil {
			return false
		}
		stuck[ptr] = true
		return true
	}
	for _, v := range errs {
		if v.Rule == validate.RuleRequired {
			if !x.addRequired(p, v.Pointer, keep) && !fail(v.Pointer) {
				return false
			}
			continue
		}
		touchesKeep := keep != "" && (v.Pointer == keep || under(v.Pointer, keep))
		if touchesKeep || v.Pointer == "" || !x.replace(p, v.Pointer, need, stuck == nil) {
			if !fail(v.Pointer) {
				return false
			}
		}
	}
	return true
}

// addRequired gives the object at ptr every key that either version
// requires there and it lacks.
func (x *exampler) addRequired(p *jv, ptr, keep string) bool {
	added := false
	for _, side := range []Side{Old, New} {
		s, _ := x.look.schemaAt(x.root[side], ptr)
		obj := p.get(ptr)
		if s == nil || obj == nil || obj.kind != 'o' {
			continue
		}
		for _, name := range s.RequiredNames() {
			if obj.field(name) != nil {
				continue
			}
			if child := ptr + "/" + escape(name); child != keep {
				ps, _ := x.look.schemaAt(x.root[side], child)
				p.set(child, x.sample(ps))
				added = true
			}
		}
	}
	return added
}

// replace puts at path a value that neither version finds an error in,
// else (with fallback) one that the need side finds none in, or leaves the
// payload as it was.
func (x *exampler) replace(p *jv, path string, need Side, fallback bool) bool {
	orig := p.get(path)
	var tries []string
	for _, side := range []Side{need, 1 - need} {
		if s, _ := x.look.schemaAt(x.root[side], path); s != nil {
			tries = append(tries, x.samplesOf(s)...)
		}
	}
	clean := func(side Side, body []byte) bool {
		for _, v := range x.errors(side, body) {
			if v.Pointer == path || under(v.Pointer, path) {
				return false
			}
		}
		return true
	}
	// Only the value at path changes from one try to the next: the payload
	// is encoded once around it, and each try is spliced in. The tries'
	// values are the parsed samples themselves, which nothing changes; the
	// one kept goes in as a copy.
	if len(tries) == 0 {
		return false
	}
	mark := &jv{kind: 'r'}
	p.set(path, mark)
	around, start, end, ok := p.appendMarked(x.around[:0], mark)
	x.around = around
	second, haveSecond := "", false
	for _, t := range tries {
		val := x.parse(t)
		body := around
		if ok {
			x.buf = append(x.buf[:0], around[:start]...)
			x.buf = val.appendTo(x.buf)
			x.buf = append(x.buf, around[end:]...)
			body = x.buf
		}
		if clean(need, body) {
			if clean(1-need, body) {
				p.set(path, val)
				return true
			}
			if !haveSecond && fallback {
				second, haveSecond = t, true
			}
		}
	}
	switch {
	case haveSecond:
		p.set(path, x.parse(second))
		return true
	case orig != nil:
		p.set(path, orig)
	default:
		p.set(path, x.parse(tries[len(tries)-1]))
	}
	return false
}

// relatedTo reports whether a violation is the change's doing: it is about
// the changed value, or about the change's key missing from its object.
func relatedTo(v validate.Violation, c *Change) bool {
	paths := []string{c.Path}
	if c.probe.oldPath != "" {
		paths = append(paths, c.probe.oldPath)
	}
	for _, path := range paths {
		if v.Pointer == path || under(v.Pointer, path) {
			return true
		}
		if key, ok := v.MissingKey(); ok && path != "" && v.Pointer+"/"+escape(key) == path {
			return true
		}
	}
	return false
}

// under reports whether pointer is strictly inside path.
func under(pointer, path string) bool {
	return strings.HasPrefix(pointer, path+"/")
}

// build makes a payload for one side: its required properties and what
// leads to path. The payload is owned: its root is a copy, which shares
// the sample's values.
func (x *exampler) build(side Side, c *Change, path string) *jv {
	p := x.sample(x.root[side]).shallow()
	if p.kind != 'o' {
		p = &jv{kind: 'o'}
	}
	x.ensure(p, side, path)
	return p
}

// ensure creates the objects and arrays that lead to path, and the value at
// path, from one side's schema (or the other's, where the side has none).
// p must be owned; the nodes on the way are copied before they change.
func (x *exampler) ensure(p *jv, side Side, path string) {
	cur := p
	prefix := ""
	for _, tok := range schema.Pointer(path).Tokens() {
		prefix += "/" + escape(tok)
		var next *jv
		switch cur.kind {
		case 'o':
			next = cur.ownChild(tok)
			if next == nil {
				next = x.sample(x.schemaEither(side, prefix)).shallow()
				cur.put(tok, next)
			}
		case 'a':
			if len(cur.elems) == 0 {
				cur.elems = append(cur.elems, x.sample(x.schemaEither(side, prefix)))
			}
			next = cur.ownChild("0")
		default:
			return
		}
		cur = next
	}
}

func (x *exampler) schemaEither(side Side, path string) *schema.Schema {
	if s, _ := x.look.schemaAt(x.root[side], path); s != nil {
		return s
	}
	s, _ := x.look.schemaAt(x.root[1-side], path)
	return s
}

// sample makes a value for a schema: its first example, else one built from
// its type, format and options.
func (x *exampler) sample(s *schema.Schema) *jv {
	return x.parse(x.samplesOf(s)[0])
}

// samples lists JSON values that a schema should accept, best first: its
// examples, its options, then values made from its type and format.
func samples(s *schema.Schema) []string {
	if s == nil {
		return []string{`"any text"`}
	}
	var out []string
	if s.Examples != nil && s.Examples.Value.Kind == schema.Array {
		for _, e := range s.Examples.Value.Elems {
			out = append(out, canonOrdered(e))
		}
	}
	if s.Const != nil {
		out = append(out, canon(s.Const.Value))
	}
	for _, o := range s.Options {
		if v := optionValue(o); v != "" {
			out = append(out, v)
		}
	}
	out = append(out, made(s))
	return out
}

// made builds a value from a schema's type and format.
func made(s *schema.Schema) string {
	typ := typeText(s)
	if i := strings.Index(typ, " or "); i >= 0 {
		typ = typ[:i]
	}
	switch typ {
	case "integer":
		return "3"
	case "number":
		return "2.5"
	case "boolean":
		return "true"
	case "null":
		return "null"
	case "array":
		if s.ItemsSchema != nil {
			return "[" + samples(s.ItemsSchema)[0] + "]"
		}
		return "[]"
	case "object":
		var b strings.Builder
		b.WriteByte('{')
		n := 0
		for _, name := range s.RequiredNames() {
			p := s.Prop(name)
			if p == nil {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			b.WriteString(jsonString(name) + ":" + samples(p.Schema)[0])
		}
		b.WriteByte('}')
		return b.String()
	}
	switch s.FormatName() {
	case "date-time":
		return `"2030-01-15T09:30:00Z"`
	case "date":
		return `"2030-01-15"`
	case "time":
		return `"09:30:00"`
	case "uuid":
		return `"3f2a7c1e-9b4d-4e8a-a6f0-5c1d2e3b4a59"`
	case "email":
		return `"jane@example.com"`
	case "uri":
		return `"https://example.com/files/report.pdf"`
	case "number", "DECIMAL_VALUE":
		return `"12.50"`
	case "regex":
		return `"^[a-z]+$"`
	}
	if s.IdentityType != nil {
		return `"3f2a7c1e-9b4d-4e8a-a6f0-5c1d2e3b4a59"`
	}
	if s.Parent != nil {
		m, _ := schema.CustomMemberOf(s.Parent.CustomType(), s.Node.Pointer().Last())
		if x := m.Holds.Example(); x != "" {
			return strconv.Quote(x)
		}
	}
	return `"any text"`
}

// canonOrdered writes a node as compact JSON in its own key order.
func canonOrdered(n *schema.Node) string {
	return nodeValue(n).textOf()
}

// customBehaviour describes what a custom type change does to automations.
func customBehaviour(path, oc, nc string) behaviourFunc {
	return func(p *jv) (string, string) {
		v := p.text(path)
		o := fmt.Sprintf("%s at %s is of custom type %s: %s", v, path, oc, customUse(oc))
		if nc == "" {
			return o, "it is a plain value: those actions no longer offer it"
		}
		return o, fmt.Sprintf("it is of custom type %s: %s", nc, customUse(nc))
	}
}

func customUse(t string) string {
	switch t {
	case "MONEY":
		return "actions format it as a price"
	case "ATTACHMENT":
		return "e-mail actions attach the file"
	case "ORDER_ID":
		return "order actions such as payment requests use it"
	case "IMAGE_URL":
		return "e-mails show it as an image"
	}
	return "Wix actions treat it as that type"
}

// identityBehaviour describes what moving an identityType does.
func identityBehaviour(value string) func(from, to string) behaviourFunc {
	return func(from, to string) behaviourFunc {
		return func(p *jv) (string, string) {
			describe := func(path string) string {
				if path == "" {
					return fmt.Sprintf("no property names the %s, so %s actions have nobody to act on", value, value)
				}
				return fmt.Sprintf("%s actions act on %s at %s", value, p.text(path), path)
			}
			return describe(from), describe(to)
		}
	}
}

// futureBehaviour describes what moving futureDate does.
func futureBehaviour(from, to string) behaviourFunc {
	return func(p *jv) (string, string) {
		describe := func(path string) string {
			if path == "" {
				return "actions run as soon as the event is reported"
			}
			return fmt.Sprintf("actions wait for %s at %s", p.text(path), path)
		}
		return describe(from), describe(to)
	}
}

// renameBehaviour describes what a rename does to automations.
func renameBehaviour(from, to string) behaviourFunc {
	return func(p *jv) (string, string) {
		return fmt.Sprintf("automations read %s at %s", p.text(to), from),
			fmt.Sprintf("the value comes as %s; automations that read %s get nothing", to, from)
	}
}

// removedBehaviour describes what removing a property does to automations.
func removedBehaviour(path string) behaviourFunc {
	return func(p *jv) (string, string) {
		return fmt.Sprintf("automations read %s at %s", p.text(path), path),
			fmt.Sprintf("%s is not in the schema: automations that read it get nothing, and the dashboard cannot offer it", path)
	}
}
