package validate

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// value checks the value at s.pos against n.
func (s *state) value(n *node, level int) {
	if n.x != nil && (n.x.ref != nil || n.x.never) {
		s.refOrFalse(n, level)
		return
	}
	start := s.pos
	var t uint8
	ok := true
	switch c := s.src[s.pos]; {
	case c == '"':
		t = tString
		if n.rawFormat {
			// The format allows only ASCII characters that JSON writes
			// plainly: when the text up to the next quote is a valid value,
			// it is also a valid string, and one pass checks both.
			if q := bytes.IndexByte(s.src[start+1:], '"'); q >= 0 {
				end := start + 1 + q
				if text := bytesString(s.src[start+1 : end]); n.check.valid(text) {
					s.pos = end + 1
					if n.annotated {
						s.annotations(n, start, text)
					}
					break
				}
			}
		}
		cs, ce, esc := s.str()
		if ok = n.types&tString != 0; ok && n.stringChecked && !s.fatal {
			s.stringChecks(n, start, cs, ce, esc)
		}
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
	if n.more {
		s.valueMore(n, start, t, level)
	}
}

// refOrFalse checks the value at s.pos against a "$ref" or a false schema.
func (s *state) refOrFalse(n *node, level int) {
	if n.x.ref != nil {
		s.value(n.x.ref, level)
		return
	}
	start := s.pos
	t := s.skip()
	if !s.fatal {
		s.report(RuleComposition, start, s.pos, "%s is not allowed here: the schema is false", describe(t, s.src[start:s.pos]))
	}
}

// valueMore applies const, oneOf and the keywords outside the dialect to
// the value at src[start:s.pos], of type t, once its type and its members
// are checked.
func (s *state) valueMore(n *node, start int, t uint8, level int) {
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
	if n.x != nil || len(n.props) > 64 {
		s.objectAny(n, level)
		return
	}
	s.objectPlain(n, level)
}

// objectPlain is object for the dialect's objects: no keywords outside the
// dialect and at most 64 props, so that the keys seen fit in one word. A
// key that is the expected one (prop.fast, written plainly) is recognised
// without a string scan and its member costs a few checks; any other goes
// through the string scan, the look-up and the dialect's key checks.
func (s *state) objectPlain(n *node, level int) {
	start := s.pos
	if !s.enter() {
		return
	}
	src, props := s.src, n.props
	pos := jsonscan.SkipSpace(src, s.pos+1)
	// hook says the contact hook reads this object's keys; contact is then
	// the props index of the contact ID's key, or -1.
	hook, contact := false, -1
	if s.wantContact && level == 0 && n == s.v.root && !s.schemaOnly && !s.silent {
		s.contactRead = true // noteContact looks at each of its keys
		hook, contact = true, s.v.identity-1
	}
	var seen uint64
	var extras keySet
	hint := 0
	if pos < len(src) && src[pos] == '}' {
		pos++
	} else {
		for {
			if pos >= len(src) || src[pos] != '"' {
				s.pos = pos
				s.key() // reports the syntax error
				return
			}
			ks := pos
			if hint < len(props) && props[hint].fast && s.expected(&props[hint], ks) {
				p := &props[hint]
				ke := ks + len(p.quoted) - 1 // the colon
				pos = ke + 1
				if pos >= len(src) || src[pos] <= ' ' {
					pos = jsonscan.SkipSpace(src, pos)
					if pos >= len(src) {
						s.pos = pos
						s.badValue(pos)
						return
					}
				}
				s.push(ks, ke)
				if bit := uint64(1) << hint; seen&bit == 0 {
					seen |= bit
				} else {
					s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", p.name)
				}
				s.pos = pos
				s.value(p.node, level+1)
				if hint == contact && !s.contactFound && !s.fatal {
					// What noteContact notes, the value's span known.
					s.contactFound, s.contactStart, s.contactEnd = true, pos, s.pos
				}
				hint++
			} else {
				s.pos = pos
				cs, ce, esc := s.str()
				if s.fatal {
					return
				}
				ke := s.pos
				if ke+1 < len(src) && src[ke] == ':' && src[ke+1] > ' ' {
					s.pos = ke + 1 // compact JSON: the value follows the colon
				} else {
					s.ws()
					if s.pos >= len(src) || src[s.pos] != ':' {
						s.syntaxWant(":", "after a key")
						return
					}
					s.pos++
					s.ws()
					if s.pos >= len(src) {
						s.badValue(s.pos)
						return
					}
				}
				i := -1
				if len(props) > 0 {
					name := s.text(cs, ce, esc)
					if hint < len(props) && props[hint].name == name {
						i = hint
					} else {
						i = n.lookup(name)
					}
				}
				s.push(ks, ke)
				if i >= 0 {
					p := &props[i]
					if bit := uint64(1) << i; seen&bit == 0 {
						seen |= bit
					} else {
						s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", p.name)
					}
					if !p.keyOK {
						s.keyRules(p.name, ks, ke)
					}
					if p.node != nil {
						s.value(p.node, level+1)
					} else {
						s.undeclared(level + 1)
					}
					hint = i + 1
				} else {
					s.extraKey(n, &extras, ks, ke, cs, ce, esc, level+1)
				}
				if hook && !s.contactFound {
					s.noteContact(n, i)
				}
			}
			s.npath--
			if s.fatal {
				return
			}
			pos = s.pos
			if pos+1 < len(src) && src[pos] == ',' && src[pos+1] == '"' {
				pos++ // compact JSON: the next key follows the comma
				continue
			}
			if !s.next('}') {
				return
			}
			pos = s.pos
			if src[pos-1] == '}' {
				break
			}
		}
	}
	s.pos = pos
	s.depth--
	if seen&n.req != n.req {
		w := [1]uint64{seen}
		s.missing(n, w[:], start)
	}
}

// objectAny is object for any schema: the keys of objects with more than
// 64 props are counted in a longer bit set, and the keywords outside the
// dialect have their hooks in the member loop.
func (s *state) objectAny(n *node, level int) {
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
