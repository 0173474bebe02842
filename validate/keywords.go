package validate

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
)

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
