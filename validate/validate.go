package validate

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/triggerkit/triggerkit/schema"
)

// seg is one step of the path to the value being checked: a key, as the
// span of its quoted text in the input, or an array index (start < 0).
type seg struct{ start, end int32 }

// maxPath is the longest path kept: enough for the deepest compiled schema,
// its array indexes and the undeclared values below it.
const maxPath = 2*maxSchemaDepth + 4

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
	fatal  bool // a syntax error: stop
	now    time.Time
	npath  int
	path   [maxPath]seg
	buf    [128]byte // scratch for decoding escaped strings
}

// Validate checks one payload given as JSON bytes. It reads the bytes once,
// builds nothing, and allocates only to describe what it finds. Syntax
// errors stop the scan; everything else is reported and the scan goes on.
func (v *Validator) Validate(payload []byte) Result {
	var s state
	s.v, s.src = v, payload
	s.payload()
	return Result{Violations: s.viol}
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
	s.v, s.src, s.pos, s.base = v, src[:end], start, base
	s.payload()
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
	var extras []seg
	hint := 0
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
			s.push(ks, ke)
			if i >= 0 {
				p := &n.props[i]
				if seen[i/64]&(1<<(i%64)) != 0 {
					s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", p.name)
				}
				seen[i/64] |= 1 << (i % 64)
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
				extras = s.extraKey(n, extras, ks, ke, cs, ce, esc, level+1)
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
			return
		}
	}
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
func (s *state) extraKey(n *node, extras []seg, ks, ke, cs, ce int, esc bool, level int) []seg {
	name := strings.Clone(s.text(cs, ce, esc))
	s.keyRules(name, ks, ke)
	for _, e := range extras {
		if s.keyText(e) == name {
			s.report(RuleDuplicateKey, ks, ke, "duplicate key %q", name)
			break
		}
	}
	extras = append(extras, seg{int32(ks), int32(ke)})
	var match string
	for _, p := range n.props {
		if strings.EqualFold(p.name, name) {
			match = p.name
			break
		}
	}
	vs := s.pos
	if n.open {
		// The object itself is undeclared and was reported already.
	} else if match != "" {
		s.report(RuleKeyCase, ks, ke, "key %q is not in the schema, which has %q", name, match)
	} else if hasPrefix(s.src[vs:], "null") {
		s.report(RuleExtraKey, ks, ke, "key %q is not in the schema, and its value is null", name)
	} else {
		s.report(RuleExtraKey, ks, ke, "key %q is not in the schema, so automations cannot use it", name)
	}
	s.undeclared(level)
	return extras
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
	if !s.enter() {
		return
	}
	s.pos++
	s.ws()
	if s.pos < len(s.src) && s.src[s.pos] == ']' {
		s.pos++
		s.depth--
		return
	}
	for i := 0; !s.fatal; i++ {
		if s.pos >= len(s.src) {
			s.badValue(s.pos)
			return
		}
		s.pushIndex(i)
		switch {
		case n == &anyItems:
			s.undeclaredItem()
		case n.items != nil:
			s.value(n.items, level)
		default:
			s.skip()
		}
		s.npath--
		if s.fatal || !s.next(']') {
			return
		}
		if s.src[s.pos-1] == ']' {
			break
		}
	}
	s.depth--
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
		return string(schema.AppendDecoded(s.buf[:0], content)) == c.str
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
func (s *state) push(ks, ke int) {
	if s.npath < maxPath {
		s.path[s.npath] = seg{int32(ks), int32(ke)}
	}
	s.npath++
}

func (s *state) pushIndex(i int) {
	if s.npath < maxPath {
		s.path[s.npath] = seg{-1, int32(i)}
	}
	s.npath++
}

// keyText decodes the key of a path step.
func (s *state) keyText(g seg) string {
	raw := s.src[g.start+1 : g.end-1]
	return string(schema.AppendDecoded(make([]byte, 0, len(raw)), raw))
}

// pointer builds the JSON Pointer of the current path.
func (s *state) pointer() string {
	var p schema.Pointer = schema.Pointer(s.base)
	for i := 0; i < s.npath && i < maxPath; i++ {
		g := s.path[i]
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
	s.viol = append(s.viol, Violation{
		Pointer: s.pointer(), Offset: start, End: end,
		Rule: rule, Severity: ruleSeverity(rule), Message: fmt.Sprintf(format, args...),
	})
	return &s.viol[len(s.viol)-1]
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
	end := at + 1
	if end > len(s.src) {
		end = len(s.src)
	}
	if at > len(s.src) {
		at = len(s.src)
	}
	s.viol = append(s.viol, Violation{Pointer: s.pointer(), Offset: at, End: end, Rule: RuleSyntax, Severity: ruleSeverity(RuleSyntax), Message: msg})
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
		return "string " + string(raw[:38]) + `..."`
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
		return strconv.Quote(s[:37]) + "..."
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
			return string(b[:37]) + "..."
		}
		return string(b)
	case tNull:
		return "null"
	}
	return c.str
}
