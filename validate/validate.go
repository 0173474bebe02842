package validate

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// seg is one step of the path to the value being checked: a key, as the
// span of its quoted text in the input, or an array index (start < 0).
type seg struct{ start, end int32 }

// maxPath is the length of path kept in the state: enough for the dialect's
// schemas, their array indexes and the undeclared values below them. Deeper
// steps, which only recursive schemas reach, go to state.more.
const maxPath = 24

// state is one validation in progress. It lives on the caller's stack.
type state struct {
	v      *Validator
	src    []byte
	pos    int
	depth  int // open arrays and objects
	viol   []Violation
	base   string // pointer prefix: "" for a payload, "/payload" in a request
	silent bool   // only record whether a JSON Schema check failed
	failed bool
	// schemaOnly is set while a subschema checks a value again in place
	// (allOf, then, ...): the dialect's own rules were applied already.
	schemaOnly bool
	limit      int // the violation cap, 0 for none
	dropped    int // the violations past the cap
	// errorsOnly leaves out the violations below error severity: skipped
	// counts them, as they still take their place under the cap.
	errorsOnly bool
	skipped    int
	droppedSev findings.Severity
	fatal      bool // a syntax error: stop
	now        time.Time
	// wantContact asks the scan of the payload's root object to note where
	// the value of the first member called v.identityKey is (the contact
	// ID): contactRead says the root was read with that hook, contactFound
	// that the member was there, at src[contactStart:contactEnd].
	wantContact, contactRead, contactFound bool
	contactStart, contactEnd               int
	npath                                  int
	path                                   [maxPath]seg
	more                                   []seg     // the path past maxPath
	buf                                    [128]byte // scratch for decoding escaped strings
}

// Validate checks one payload given as JSON bytes. It reads the bytes once,
// builds nothing, and allocates only to describe what it finds. Syntax
// errors stop the scan; everything else is reported and the scan goes on.
func (v *Validator) Validate(payload []byte) Result {
	var s state
	s.v, s.src, s.limit = v, payload, v.limit
	s.payload()
	s.summary(0, len(payload))
	return Result{Violations: s.viol}
}

// ValidateErrors returns what Validate(payload).Errors() returns, without
// describing the violations below error severity: for callers that only
// ask whether a payload is refused, and why.
func (v *Validator) ValidateErrors(payload []byte) []Violation {
	var s state
	s.v, s.src, s.limit, s.errorsOnly = v, payload, v.limit, true
	s.payload()
	s.summary(0, len(payload))
	return Result{Violations: s.viol}.Errors()
}

// ValidateValue checks a Go value, such as a map or a struct, through its
// encoding/json form. The error is the encoding error, if any.
func (v *Validator) ValidateValue(payload any) (Result, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return Result{}, fmt.Errorf("encoding payload: %w", err)
	}
	return v.Validate(b), nil
}

// validateIn checks the payload that is src[start:end] of a larger
// document, with pointers under base and offsets into src.
func (v *Validator) validateIn(src []byte, start, end int, base string) []Violation {
	var s state
	s.v, s.src, s.pos, s.base, s.limit = v, src[:end], start, base, v.limit
	s.payload()
	s.summary(start, end)
	return s.viol
}

// payload checks the whole input as one payload.
func (s *state) payload() {
	s.ws()
	if s.pos >= len(s.src) {
		s.syntax(s.pos, "the payload is empty")
		return
	}
	start := s.pos
	if s.src[s.pos] == '{' {
		s.value(s.v.root, 0)
	} else {
		t := s.skip()
		if !s.fatal {
			s.report(RuleNotObject, start, s.pos, "payload is %s, want an object", describe(t, s.src[start:s.pos]))
		}
	}
	if s.fatal {
		return
	}
	s.ws()
	if s.pos < len(s.src) {
		s.syntax(s.pos, "invalid character "+quoteByte(s.src[s.pos])+" after the payload")
	}
}

// value checks the value at s.pos against n.
func (s *state) value(n *node, level int) {
	if n.x != nil && (n.x.ref != nil || n.x.never) {
		if n.x.ref != nil {
			s.value(n.x.ref, level)
			return
		}
		start := s.pos
		t := s.skip()
		if !s.fatal {
			s.report(RuleComposition, start, s.pos, "%s is not allowed here: the schema is false", describe(t, s.src[start:s.pos]))
		}
		return
	}
	start := s.pos
	var t uint8
	ok := true
	switch c := s.src[s.pos]; {
	case c == '{':
		t = tObject
		if ok = n.types&tObject != 0; ok {
			s.object(n, level)
		} else {
			s.skip()
		}
	case c == '[':
		t = tArray
		if ok = n.types&tArray != 0; ok {
			s.array(n, level)
		} else {
			s.skip()
		}
	case c == '"':
		t = tString
		if n.types&tString != 0 && n.check.rawSafe() {
			// The format allows only ASCII characters that JSON writes
			// plainly: when the text up to the next quote is a valid value,
			// it is also a valid string, and one pass checks both.
			if q := bytes.IndexByte(s.src[start+1:], '"'); q >= 0 {
				end := start + 1 + q
				if text := bytesString(s.src[start+1 : end]); n.check.valid(text) {
					s.pos = end + 1
					s.annotations(n, start, text)
					break
				}
			}
		}
		cs, ce, esc := s.str()
		if ok = n.types&tString != 0; ok && !s.fatal && !n.simple {
			s.stringChecks(n, start, cs, ce, esc)
		}
	case c == 't' || c == 'f' || c == 'n':
		t = s.literal()
		ok = n.types&t != 0
	default:
		t = tFraction
		if s.number() {
			t = tInteger
		}
		ok = n.types&t != 0
	}
	if s.fatal {
		return
	}
	if !ok {
		s.report(RuleType, start, s.pos, "got %s, want %s", describe(t, s.src[start:s.pos]), typeNames(n.types))
		return
	}
	if n.hasConst && !s.equal(n.cnst, start, s.pos, t) {
		s.report(RuleConst, start, s.pos, "got %s, want %s", describe(t, s.src[start:s.pos]), constText(n.cnst))
	}
	if n.oneOf != nil {
		s.oneOf(n, start, t, level)
	}
	if n.x != nil {
		s.extended(n, start, t, level)
	}
}

// object checks the object at s.pos against n. Its members' values are at
// level+1.
func (s *state) object(n *node, level int) {
	start := s.pos
	if !s.enter() {
		return
	}
	s.pos++
	s.ws()
	var seenSmall [4]uint64
	seen := seenSmall[:]
	if len(n.props) > 256 {
		seen = make([]uint64, (len(n.props)+63)/64)
	}
	var extras keySet
	x := n.x
	hint, count := 0, 0
	if s.wantContact && level == 0 && n == s.v.root && !s.schemaOnly && !s.silent {
		s.contactRead = true // noteContact looks at each of its keys
	}
	if s.pos < len(s.src) && s.src[s.pos] == '}' {
		s.pos++
	} else {
		for !s.fatal {
			if s.pos >= len(s.src) || s.src[s.pos] != '"' {
				s.key() // reports the syntax error
				return
			}
			ks := s.pos
			// Payloads mostly list their keys in the schema's order: when the
			// key is the expected one, written plainly, skip the string scan.
			i := -1
			var cs, ce, ke int
			var esc bool
			if hint < len(n.props) && n.props[hint].plain && s.expected(&n.props[hint], ks) {
				i = hint
				cs, ke = ks+1, ks+len(n.props[hint].quoted)-1
				ce, s.pos = ke-1, ke
			} else {
				cs, ce, esc = s.str()
				if s.fatal {
					return
				}
				ke = s.pos
			}
			if ke+1 < len(s.src) && s.src[ke] == ':' && s.src[ke+1] > ' ' {
				s.pos = ke + 1 // compact JSON: the value follows the colon
			} else {
				s.ws()
				if s.pos >= len(s.src) || s.src[s.pos] != ':' {
					s.syntaxWant(":", "after a key")
					return
				}
				s.pos++
				s.ws()
				if s.pos >= len(s.src) {
					s.badValue(s.pos)
					return
				}
			}
			if i < 0 && len(n.props) > 0 {
				name := s.text(cs, ce, esc)
				if hint < len(n.props) && n.props[hint].name == name {
					i = hint
				} else {
					i = n.lookup(name)
				}
			}
			count++
			s.push(ks, ke)
			if x != nil && x.propertyNames != nil {
				vs := s.pos
				s.again(x.propertyNames, ks, ke, level+1)
				s.pos = vs
			}
			switch {
			case i >= 0 && (x == nil || n.props[i].node != nil):
				p := &n.props[i]
				if seen[i/64]&(1<<(i%64)) != 0 {
					s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", p.name)
				}
				seen[i/64] |= 1 << (i % 64)
				if !p.keyOK {
					s.keyRules(p.name, ks, ke)
				}
				vs := s.pos
				if p.node != nil {
					s.value(p.node, level+1)
				} else {
					s.undeclared(level + 1)
				}
				if x != nil && x.patternProps != nil && !s.fatal {
					s.patterns(x, p.name, vs, true, level+1)
				}
				hint = i + 1
			case x != nil:
				s.extKey(n, i, seen, &extras, ks, ke, cs, ce, esc, level+1)
				if i >= 0 {
					hint = i + 1
				}
			default:
				s.extraKey(n, &extras, ks, ke, cs, ce, esc, level+1)
			}
			if s.wantContact && level == 0 && !s.contactFound {
				s.noteContact(n, i)
			}
			s.npath--
			if s.fatal {
				return
			}
			if s.pos < len(s.src) && s.src[s.pos] == ',' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '"' {
				s.pos++ // compact JSON: the next key follows the comma
				continue
			}
			if !s.next('}') {
				return
			}
			if s.src[s.pos-1] == '}' {
				break
			}
		}
	}
	s.depth--
	for w, m := range n.reqMask {
		if seen[w]&m != m {
			s.missing(n, seen, start)
			break
		}
	}
	if x != nil {
		s.objectEnd(n, seen, count, start, level)
	}
}

// noteContact notes, when the key just read is the first member of the
// payload's root called v.identityKey, where its value is: i is the key's
// props index, or -1. The value ends at s.pos.
func (s *state) noteContact(n *node, i int) {
	if !s.contactRead || s.contactFound || n != s.v.root || s.schemaOnly || s.silent || s.fatal {
		return
	}
	g := s.path[s.npath-1]
	if want := s.v.identity - 1; want >= 0 {
		// The root declares the key: only its index matches.
		if i != want {
			return
		}
	} else {
		// It does not: an undeclared key may be it.
		raw := s.src[g.start+1 : g.end-1]
		if i >= 0 || s.text(int(g.start)+1, int(g.end)-1, bytes.IndexByte(raw, '\\') >= 0) != s.v.identityKey {
			return
		}
	}
	vs := jsonscan.SkipSpace(s.src, int(g.end)) // the colon
	vs = jsonscan.SkipSpace(s.src, vs+1)
	s.contactFound, s.contactStart, s.contactEnd = true, vs, s.pos
}

// keySet holds the undeclared keys of one object, to find duplicates: a
// list while it is short, a hash set past that.
type keySet struct {
	list []string
	set  map[string]struct{}
}

// add adds a key and reports whether it was there already.
func (k *keySet) add(name string) bool {
	if k.set != nil {
		if _, ok := k.set[name]; ok {
			return true
		}
		k.set[name] = struct{}{}
		return false
	}
	for _, e := range k.list {
		if e == name {
			return true
		}
	}
	k.list = append(k.list, name)
	if len(k.list) > lookupLinear {
		k.set = make(map[string]struct{}, 2*len(k.list))
		for _, e := range k.list {
			k.set[e] = struct{}{}
		}
	}
	return false
}

func hasBit(seen []uint64, i int) bool { return seen[i/64]&(1<<(i%64)) != 0 }

// extKey checks a key of an object schema with keywords outside the
// dialect, when the key is not in the schema's "properties": i is its props
// index when another keyword names it, or -1. patternProperties and
// additionalProperties decide what its value must be.
func (s *state) extKey(n *node, i int, seen []uint64, extras *keySet, ks, ke, cs, ce int, esc bool, level int) {
	x := n.x
	var name string
	if i >= 0 {
		p := &n.props[i]
		name = p.name
		if hasBit(seen, i) {
			s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", name)
		}
		seen[i/64] |= 1 << (i % 64)
		if !p.keyOK {
			s.keyRules(name, ks, ke)
		}
	} else {
		name = strings.Clone(s.text(cs, ce, esc))
		s.keyRules(name, ks, ke)
		if extras.add(name) {
			s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", name)
		}
	}
	if s.patterns(x, name, s.pos, false, level) {
		return
	}
	switch {
	case x.additional != nil && x.additional.x != nil && x.additional.x.never:
		s.report(RuleAdditional, ks, ke, "key %q is not allowed: the schema's additionalProperties is false", name)
		s.skip()
	case x.additional != nil:
		s.value(x.additional, level)
	case i >= 0 && n.props[i].foreign:
		s.skip() // a subschema checks it in place
	case i >= 0:
		s.undeclared(level)
	default:
		s.extraValue(n, name, ks, ke, level)
	}
}

// patterns checks the value at vs against the patternProperties whose
// pattern matches name, and reports whether any did. consumed says whether
// the value was read already; if not, the first match reads it.
func (s *state) patterns(x *ext, name string, vs int, consumed bool, level int) bool {
	matched := false
	ve := s.pos
	for _, pp := range x.patternProps {
		if !pp.re.MatchString(name) {
			continue
		}
		matched = true
		if !consumed {
			s.value(pp.node, level)
			if s.fatal {
				return true
			}
			consumed, ve = true, s.pos
			continue
		}
		s.again(pp.node, vs, ve, level)
	}
	return matched
}

// objectEnd applies the object keywords that need every key: property
// counts and dependencies.
func (s *state) objectEnd(n *node, seen []uint64, count, start, level int) {
	x, end := n.x, s.pos
	if x.minProps >= 0 && count < x.minProps {
		s.report(RulePropertyCount, start, end, "object has %d properties, want at least %d", count, x.minProps)
	}
	if x.maxProps >= 0 && count > x.maxProps {
		s.report(RulePropertyCount, start, end, "object has %d properties, want at most %d", count, x.maxProps)
	}
	for _, d := range x.deps {
		if !hasBit(seen, d.key) {
			continue
		}
		for _, r := range d.required {
			if !hasBit(seen, r) {
				s.report(RuleDependency, start, end, "property %q needs property %q, which is missing", n.props[d.key].name, n.props[r].name)
			}
		}
		if d.schema != nil {
			s.again(d.schema, start, end, level)
		}
	}
}

// again checks src[start:end], which was read already, against b in place.
// Only JSON Schema's rules are reported: the dialect's were applied on the
// first reading.
func (s *state) again(b *node, start, end, level int) {
	save := s.schemaOnly
	s.schemaOnly = true
	s.pos = start
	s.value(b, level)
	s.pos = end
	s.schemaOnly = save
}

// extended applies the keywords outside the dialect to the value at
// src[start:s.pos], of type t, once its type and its members are checked.
func (s *state) extended(n *node, start int, t uint8, level int) {
	x, end := n.x, s.pos
	raw := s.src[start:end]
	switch {
	case t == tString && (x.minLen >= 0 || x.maxLen >= 0 || x.pattern != nil):
		// Not s.text: the regexp keeps its input, and the state's buffer
		// must not leave the stack.
		content := raw[1 : len(raw)-1]
		text := bytesString(content)
		if bytes.IndexByte(content, '\\') >= 0 {
			text = string(jsonscan.AppendUnquoted(nil, content))
		}
		if x.minLen >= 0 || x.maxLen >= 0 {
			l := utf8.RuneCountInString(text)
			if x.minLen >= 0 && l < x.minLen {
				s.report(RuleLength, start, end, "string has %d characters, want at least %d", l, x.minLen)
			}
			if x.maxLen >= 0 && l > x.maxLen {
				s.report(RuleLength, start, end, "string has %d characters, want at most %d", l, x.maxLen)
			}
		}
		if x.pattern != nil && !x.pattern.MatchString(text) {
			s.report(RulePattern, start, end, "%s does not match the pattern %s", quoteText(text), quoteText(x.patternSrc))
		}
	case t&tNumber != 0:
		lit := bytesString(raw)
		if x.min != "" && numCmp(lit, x.min) < 0 {
			s.report(RuleRange, start, end, "got %s, want at least %s", describe(t, raw), x.min)
		}
		if x.exMin != "" && numCmp(lit, x.exMin) <= 0 {
			s.report(RuleRange, start, end, "got %s, want more than %s", describe(t, raw), x.exMin)
		}
		if x.max != "" && numCmp(lit, x.max) > 0 {
			s.report(RuleRange, start, end, "got %s, want at most %s", describe(t, raw), x.max)
		}
		if x.exMax != "" && numCmp(lit, x.exMax) >= 0 {
			s.report(RuleRange, start, end, "got %s, want less than %s", describe(t, raw), x.exMax)
		}
		if x.multiple != nil && !x.multiple.multipleOf(lit) {
			s.report(RuleMultipleOf, start, end, "got %s, want a multiple of %s", describe(t, raw), x.multiple.lit)
		}
	}
	if x.hasEnum {
		found := false
		for _, c := range x.enum {
			if s.equal(c, start, end, t) {
				found = true
				break
			}
		}
		if !found {
			s.report(RuleEnum, start, end, "got %s, want one of %s", describe(t, raw), enumText(x.enum))
		}
	}
	for _, b := range x.allOf {
		s.again(b, start, end, level)
	}
	if x.anyOf != nil {
		matched := false
		for _, b := range x.anyOf {
			if s.matches(b, start, end, t, level) {
				matched = true
				break
			}
		}
		if !matched {
			s.report(RuleComposition, start, end, "%s matches none of the anyOf options", describe(t, raw))
		}
	}
	if x.not != nil && s.matches(x.not, start, end, t, level) {
		s.report(RuleComposition, start, end, "%s matches the schema under not", describe(t, raw))
	}
	if x.ifN != nil {
		if s.matches(x.ifN, start, end, t, level) {
			if x.thenN != nil {
				s.again(x.thenN, start, end, level)
			}
		} else if x.elseN != nil {
			s.again(x.elseN, start, end, level)
		}
	}
}

func enumText(cs []constant) string {
	if len(cs) == 0 {
		return "nothing (the enum is empty)"
	}
	var parts []string
	for i, c := range cs {
		if i == 8 {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, constText(c))
	}
	return strings.Join(parts, ", ")
}

// missing reports the required keys of n that are not in seen.
func (s *state) missing(n *node, seen []uint64, start int) {
	for _, i := range n.required {
		if seen[i/64]&(1<<(i%64)) == 0 {
			if v := s.report(RuleRequired, start, s.pos, "missing required property %q", n.props[i].name); v != nil {
				v.Key = n.props[i].name
			}
		}
	}
}

// expected reports whether the input at ks is p's key and a colon.
func (s *state) expected(p *prop, ks int) bool {
	if p.m0 != 0 && ks+16 <= len(s.src) {
		b := s.src[ks : ks+16]
		return (binary.LittleEndian.Uint64(b)^p.w0)&p.m0 == 0 &&
			(binary.LittleEndian.Uint64(b[8:])^p.w1)&p.m1 == 0
	}
	return hasPrefix(s.src[ks:], p.quoted)
}

// extraKey checks a key the schema does not declare, then its value.
func (s *state) extraKey(n *node, extras *keySet, ks, ke, cs, ce int, esc bool, level int) {
	name := strings.Clone(s.text(cs, ce, esc))
	s.keyRules(name, ks, ke)
	if extras.add(name) {
		s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", name)
	}
	s.extraValue(n, name, ks, ke, level)
}

// extraValue reports an undeclared key and checks its value.
func (s *state) extraValue(n *node, name string, ks, ke, level int) {
	vs := s.pos
	if n.open {
		// The object itself is undeclared and was reported already.
	} else if match := n.caseMatch(name); match != "" {
		s.report(RuleKeyCase, ks, ke, "key %q is not in the schema, which has %q", name, match)
	} else if hasPrefix(s.src[vs:], "null") {
		s.report(RuleExtraKey, ks, ke, "key %q is not in the schema, and its value is null", name)
	} else {
		s.report(RuleExtraKey, ks, ke, "key %q is not in the schema, so automations cannot use it", name)
	}
	s.undeclared(level)
}

// caseMatch returns the first key of n that equals name but for case, or "".
func (n *node) caseMatch(name string) string {
	if n.fold != nil {
		if i, ok := n.fold[foldKey(name)]; ok {
			return n.props[i].name
		}
		return ""
	}
	for _, p := range n.props {
		if strings.EqualFold(p.name, name) {
			return p.name
		}
	}
	return ""
}

// keyRules reports a key that breaks the dialect's key rules.
func (s *state) keyRules(name string, ks, ke int) {
	if p := schema.KeyProblem(name); p != schema.KeyOK {
		s.report(RuleKey, ks, ke, "key %q %s; keys use only letters, digits and \"_\" and do not start with \"_\"", name, p.Message(name))
	}
}

// undeclared checks a value that no schema describes. At level 1 it may be
// a primitive or an array of objects of primitives; deeper, only a
// primitive.
func (s *state) undeclared(level int) {
	start := s.pos
	switch s.src[s.pos] {
	case '{':
		s.skip()
		if !s.fatal {
			s.report(RuleValueKind, start, s.pos, "value is an object, which is allowed only where the schema declares an object property")
		}
	case '[':
		if level != 1 {
			s.skip()
			if !s.fatal {
				s.report(RuleValueKind, start, s.pos, "value is an array, which is allowed only for first-level properties")
			}
			return
		}
		s.array(&anyItems, level)
	default:
		s.skip()
	}
}

// anyItems stands for the items of an undeclared array: objects whose
// values are undeclared.
var anyItems = node{types: tArray, items: &node{types: tAny}}

// array checks the array at s.pos against n.
func (s *state) array(n *node, level int) {
	start := s.pos
	if !s.enter() {
		return
	}
	x := n.x
	s.pos++
	s.ws()
	count, found := 0, false
	var elems []seg // for uniqueItems
	if s.pos < len(s.src) && s.src[s.pos] == ']' {
		s.pos++
	} else {
		for i := 0; !s.fatal; i++ {
			if s.pos >= len(s.src) {
				s.badValue(s.pos)
				return
			}
			es := s.pos
			s.pushIndex(i)
			switch {
			case n == &anyItems:
				s.undeclaredItem()
			case x != nil && x.tuple != nil:
				s.tupleItem(x, i, level)
			case n.items != nil:
				s.value(n.items, level)
			default:
				s.skip()
			}
			if x != nil && !s.fatal {
				if x.contains != nil && !found && s.matches(x.contains, es, s.pos, s.typeAt(es, s.pos), level) {
					found = true
				}
				if x.unique {
					elems = append(elems, seg{int32(es), int32(s.pos)})
				}
			}
			count++
			s.npath--
			if s.fatal || !s.next(']') {
				return
			}
			if s.src[s.pos-1] == ']' {
				break
			}
		}
	}
	s.depth--
	if x != nil {
		s.arrayEnd(x, start, count, found, elems)
	}
}

// tupleItem checks element i of an array whose "items" is an array.
func (s *state) tupleItem(x *ext, i, level int) {
	switch {
	case i < len(x.tuple):
		s.value(x.tuple[i], level)
	case x.additionalItems != nil && x.additionalItems.x != nil && x.additionalItems.x.never:
		start := s.pos
		s.skip()
		if !s.fatal {
			s.report(RuleAdditional, start, s.pos, "element %d is not allowed: the schema lists %d items and additionalItems is false", i, len(x.tuple))
		}
	case x.additionalItems != nil:
		s.value(x.additionalItems, level)
	default:
		s.skip()
	}
}

// arrayEnd applies the array keywords that need every element.
func (s *state) arrayEnd(x *ext, start, count int, found bool, elems []seg) {
	end := s.pos
	if x.minItems >= 0 && count < x.minItems {
		s.report(RuleArraySize, start, end, "array has %d elements, want at least %d", count, x.minItems)
	}
	if x.maxItems >= 0 && count > x.maxItems {
		s.report(RuleArraySize, start, end, "array has %d elements, want at most %d", count, x.maxItems)
	}
	if x.contains != nil && !found {
		s.report(RuleContains, start, end, "no element matches the schema under contains")
	}
	if len(elems) > 1 {
		first := make(map[string]int, len(elems))
		for j, e := range elems {
			k := canonical(s.src[e.start:e.end])
			if i, ok := first[k]; ok {
				s.report(RuleUnique, start, end, "elements %d and %d are equal, want unique elements", i, j)
				continue
			}
			first[k] = j
		}
	}
}

// typeAt returns the type of the valid value at src[start:end].
func (s *state) typeAt(start, end int) uint8 {
	switch s.src[start] {
	case '{':
		return tObject
	case '[':
		return tArray
	case '"':
		return tString
	case 't', 'f':
		return tBool
	case 'n':
		return tNull
	}
	if jsonscan.IsInteger(s.src[start:end]) {
		return tInteger
	}
	return tFraction
}

// canonical spells a valid JSON value so that values JSON Schema calls
// equal (numbers by value, objects whatever their key order) are spelled
// the same.
func canonical(raw []byte) string {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return string(raw)
	}
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case json.Number:
		b.WriteString("#" + numKey(string(v)))
	case string:
		b.WriteString(strconv.Quote(v))
	case []any:
		b.WriteByte('[')
		for _, e := range v {
			writeCanonical(b, e)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for _, k := range keys {
			b.WriteString(strconv.Quote(k) + ":")
			writeCanonical(b, v[k])
			b.WriteByte(',')
		}
		b.WriteByte('}')
	}
}

// undeclaredItem checks an element of an undeclared array: an object whose
// values are primitives.
func (s *state) undeclaredItem() {
	start := s.pos
	if s.src[s.pos] != '{' {
		t := s.skip()
		if !s.fatal {
			s.report(RuleValueKind, start, s.pos, "array element is %s, want an object", describe(t, s.src[start:s.pos]))
		}
		return
	}
	s.object(&openObject, 1)
}

// openObject is an object schema that declares nothing.
var openObject = node{types: tObject, open: true}

// stringChecks applies format, contact and scheduling checks to a string.
func (s *state) stringChecks(n *node, start, cs, ce int, esc bool) {
	end := s.pos
	if n.check == fmtNone && !n.identity && !n.futureDate && n.role == roleNone {
		return
	}
	text := s.text(cs, ce, esc)
	if !n.check.valid(text) {
		s.report(RuleFormat, start, end, "%s is not a valid %s", quoteText(text), formatNoun(n.format))
		return
	}
	s.annotations(n, start, text)
}

// annotations checks a string that has its format against the dialect's
// annotations: custom types, contact IDs and future dates. The string ends
// at s.pos.
func (s *state) annotations(n *node, start int, text string) {
	end := s.pos
	switch n.role {
	case roleMoneyValue:
		if n.check != fmtDecimal && !schema.IsDecimal(text) {
			s.report(RuleMoney, start, end, "MONEY value %s is not a decimal string such as \"20.50\"", quoteText(text))
		}
	case roleCurrency:
		if !schema.IsCurrencyCode(text) {
			s.report(RuleCurrencyCode, start, end, "currency %s is not an ISO 4217 code such as \"USD\"", quoteText(text))
		}
	case roleDownloadURL:
		if !schema.IsHTTPURL(text) {
			s.report(RuleAttachment, start, end, "downloadUrl %s is not an absolute http or https URL", quoteText(text))
		}
	}
	if n.identity && n.format != "uuid" && !schema.IsUUID(text) {
		s.report(RuleContactID, start, end, "%s is not a contact ID, want a GUID", quoteText(text))
	}
	if n.futureDate && schema.IsDateTime(text) && !s.silent {
		if s.now.IsZero() {
			s.now = s.v.now()
		}
		if sec, nsec := unixTime(text); sec < s.now.Unix() || (sec == s.now.Unix() && nsec < int64(s.now.Nanosecond())) {
			s.report(RuleFutureDate, start, end, "%s is in the past, want a future date", quoteText(text))
		}
	}
}

func formatNoun(f string) string {
	switch f {
	case "number", "DECIMAL_VALUE":
		return f + " (a numeric string)"
	}
	return f
}

// oneOf checks that the value matches exactly one option.
func (s *state) oneOf(n *node, start int, t uint8, level int) {
	end := s.pos
	matched := 0
	for _, o := range n.oneOf {
		if s.matches(o, start, end, t, level) {
			matched++
		}
	}
	switch {
	case matched == 0:
		s.report(RuleConst, start, end, "%s is not one of the options: %s", describe(t, s.src[start:end]), optionList(n))
	case matched > 1:
		s.report(RuleConst, start, end, "%s matches %d options, want exactly one", describe(t, s.src[start:end]), matched)
	}
}

// matches reports whether src[start:end] is valid against o.
func (s *state) matches(o *node, start, end int, t uint8, level int) bool {
	if o.simple {
		if o.types&t == 0 {
			return false
		}
		return !o.hasConst || s.equal(o.cnst, start, end, t)
	}
	sub := state{v: s.v, src: s.src[:end], pos: start, silent: true, now: s.now}
	sub.value(o, level)
	return !sub.failed
}

func optionList(n *node) string {
	var parts []string
	for i, o := range n.oneOf {
		if i == 8 {
			parts = append(parts, "...")
			break
		}
		if o.hasConst {
			parts = append(parts, constText(o.cnst))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%d options", len(n.oneOf))
	}
	return strings.Join(parts, ", ")
}

// member finds the last member called name of the object at start, whose
// syntax was already checked, and returns the spans of its key and value.
func (s *state) member(start int, name string) (ks, ke, vs, ve int, ok bool) {
	save, depth := s.pos, s.depth
	defer func() { s.pos, s.depth = save, depth }()
	s.pos = start + 1
	s.ws()
	if s.src[s.pos] == '}' {
		return
	}
	for {
		k := s.pos
		cs, ce, esc := s.str()
		kEnd := s.pos
		match := s.text(cs, ce, esc) == name
		s.ws()
		s.pos++ // ':'
		s.ws()
		v := s.pos
		s.skip()
		if match {
			ks, ke, vs, ve, ok = k, kEnd, v, s.pos, true
		}
		s.ws()
		if s.src[s.pos] == '}' {
			return
		}
		s.pos++
		s.ws()
	}
}

// equal reports whether src[start:end], of type t, equals c.
func (s *state) equal(c constant, start, end int, t uint8) bool {
	raw := s.src[start:end]
	switch {
	case c.typ&tNumber != 0:
		return t&tNumber != 0 && numEqual(bytesString(raw), c.str)
	case c.typ != t:
		return false
	case t == tString:
		content := raw[1 : len(raw)-1]
		if bytes.IndexByte(content, '\\') < 0 {
			return string(content) == c.str
		}
		return string(jsonscan.AppendUnquoted(s.buf[:0], content)) == c.str
	case t == tNull:
		return true
	case t == tBool:
		return string(raw) == c.str
	}
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return false
	}
	return equalValues(v, c.composite)
}

// equalValues compares decoded JSON values as JSON Schema does: numbers by
// their value.
func equalValues(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		b, ok := b.(json.Number)
		return ok && numEqual(string(a), string(b))
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !equalValues(a[i], b[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			bv, ok := b[k]
			if !ok || !equalValues(av, bv) {
				return false
			}
		}
		return true
	}
	return a == b
}

// push adds a key to the path.
func (s *state) push(ks, ke int) { s.pushSeg(seg{int32(ks), int32(ke)}) }

func (s *state) pushIndex(i int) { s.pushSeg(seg{-1, int32(i)}) }

func (s *state) pushSeg(g seg) {
	if s.npath < maxPath {
		s.path[s.npath] = g
	} else {
		s.more = append(s.more[:s.npath-maxPath], g)
	}
	s.npath++
}

// keyText decodes the key of a path step.
func (s *state) keyText(g seg) string {
	raw := s.src[g.start+1 : g.end-1]
	return string(jsonscan.AppendUnquoted(make([]byte, 0, len(raw)), raw))
}

// pointer builds the JSON Pointer of the current path.
func (s *state) pointer() string {
	var p schema.Pointer = schema.Pointer(s.base)
	for i := 0; i < s.npath; i++ {
		var g seg
		if i < maxPath {
			g = s.path[i]
		} else {
			g = s.more[i-maxPath]
		}
		if g.start < 0 {
			p = p.AppendIndex(int(g.end))
		} else {
			p = p.Append(s.keyText(g))
		}
	}
	return string(p)
}

// report records a violation at src[start:end] and returns it, or nil
// when the scan is silent.
func (s *state) report(rule string, start, end int, format string, args ...any) *Violation {
	if s.silent {
		if IsJSONSchemaRule(rule) {
			s.failed = true
		}
		return nil
	}
	if s.schemaOnly && !IsJSONSchemaRule(rule) {
		return nil
	}
	sev := ruleSeverity(rule)
	if s.limit > 0 && len(s.viol)+s.skipped >= s.limit {
		s.dropped++
		s.droppedSev = max(s.droppedSev, sev)
		return nil
	}
	if s.errorsOnly && sev < findings.Error {
		s.skipped++
		return nil
	}
	s.viol = append(s.viol, Violation{
		Pointer: s.pointer(), Offset: start, End: end,
		Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...),
	})
	return &s.viol[len(s.viol)-1]
}

// summary adds the RuleLimit violation that counts the violations past the
// cap. Its severity is the highest of theirs, so that a payload is never
// valid because its errors were not listed.
func (s *state) summary(start, end int) {
	if s.dropped == 0 {
		return
	}
	more := "violations"
	if s.dropped == 1 {
		more = "violation"
	}
	s.viol = append(s.viol, Violation{
		Pointer: s.base, Offset: start, End: end, Rule: RuleLimit, Severity: s.droppedSev,
		Message: fmt.Sprintf("and %d more %s, not listed: the limit is %d per payload", s.dropped, more, s.limit),
	})
}

// syntax records a syntax error at offset and stops the scan.
func (s *state) syntax(at int, msg string) {
	if s.fatal {
		return
	}
	s.fatal = true
	if s.silent {
		s.failed = true
		return
	}
	if at > len(s.src) {
		at = len(s.src)
	}
	s.viol = append(s.viol, Violation{Pointer: s.pointer(), Offset: at, End: schema.CharEnd(s.src, at), Rule: RuleSyntax, Severity: ruleSeverity(RuleSyntax), Message: msg})
}

// describe names a value for a message: its type, and the value itself when
// it is short.
func describe(t uint8, raw []byte) string {
	switch t {
	case tObject:
		return "an object"
	case tArray:
		return "an array"
	case tNull:
		return "null"
	case tBool:
		return "boolean " + string(raw)
	case tString:
		if len(raw) <= 42 {
			return "string " + string(raw)
		}
		return "string " + findings.Truncate(string(raw), 38) + `..."`
	}
	if len(raw) > 40 {
		raw = append(raw[:37:37], "..."...)
	}
	if t == tInteger {
		return "integer " + string(raw)
	}
	return "number " + string(raw)
}

// quoteText quotes a decoded string for a message, shortened when long.
func quoteText(s string) string {
	if len(s) > 40 {
		return strconv.Quote(findings.Truncate(s, 37)) + "..."
	}
	return strconv.Quote(s)
}

func typeNames(t uint8) string {
	var names []string
	for _, x := range []struct {
		bit  uint8
		name string
	}{{tString, "string"}, {tNumber, "number"}, {tInteger, "integer"}, {tBool, "boolean"}, {tObject, "object"}, {tArray, "array"}, {tNull, "null"}} {
		if x.bit == tInteger && t&tNumber == tNumber {
			continue
		}
		if t&x.bit == x.bit {
			names = append(names, x.name)
		}
	}
	if len(names) == 0 {
		return "nothing (the type list is empty)"
	}
	return strings.Join(names, " or ")
}

func constText(c constant) string {
	switch c.typ {
	case tString:
		return quoteText(c.str)
	case tObject, tArray:
		b, _ := json.Marshal(c.composite)
		if len(b) > 40 {
			return findings.Truncate(string(b), 37) + "..."
		}
		return string(b)
	case tNull:
		return "null"
	}
	return c.str
}
