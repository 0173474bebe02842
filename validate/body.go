package validate

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
	"strconv"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// fieldsOf lists the fields each call defines.
func fieldsOf(k Kind) []string {
	switch k {
	case KindReport:
		return []string{"triggerKey", "payload", "externalEntityId", "idempotency"}
	case KindCancel:
		return []string{"triggerKey", "externalEntityId"}
	case KindBulkReport:
		return []string{"triggerKey", "eventsInfo"}
	case KindBulkCancel:
		return []string{"triggerKey", "externalEntityIds"}
	}
	return nil
}

// knownField reports whether name is in fieldsOf(k), without building the
// list.
func knownField(k Kind, name string) bool {
	if name == "triggerKey" {
		return k >= KindReport && k <= KindBulkCancel
	}
	switch k {
	case KindReport:
		return name == "payload" || name == "externalEntityId" || name == "idempotency"
	case KindCancel:
		return name == "externalEntityId"
	case KindBulkReport:
		return name == "eventsInfo"
	case KindBulkCancel:
		return name == "externalEntityIds"
	}
	return false
}

// DetectKind recognises the call of a request body from its fields:
// eventsInfo means Bulk Report, externalEntityIds Bulk Cancel, payload or
// idempotency Report, and externalEntityId alone Cancel. Anything else is
// taken for a Report, which then lacks its payload.
func DetectKind(root *schema.Node) Kind {
	return detect(root.Get("eventsInfo") != nil, root.Get("externalEntityIds") != nil,
		root.Get("payload") != nil || root.Get("idempotency") != nil, root.Get("externalEntityId") != nil)
}

func detect(events, ids, report, id bool) Kind {
	switch {
	case events:
		return KindBulkReport
	case ids:
		return KindBulkCancel
	case report:
		return KindReport
	case id:
		return KindCancel
	}
	return KindReport
}

// ValidateRequest checks a request body as JSON bytes: its syntax, its
// fields and, for reports, every payload against the schema. Pointers and
// offsets are into the body. With KindAuto the kind is recognised from the
// fields; the kind used is returned.
//
// The body is read once: the envelope's fields are checked as they are
// read, and each payload is validated in place by the compiled schema, so
// that a valid request costs no allocation. A body with a syntax error is
// read again by the schema parser, whose messages explain the mistake.
func (v *Validator) ValidateRequest(body []byte, kind Kind) (Kind, Result) {
	var q reqScan
	q.v, q.src, q.kind, q.evIndex = v, body, kind, -1
	q.run()
	if q.bad {
		return kind, Result{Violations: q.syntaxErrors()}
	}
	q.finish()
	if len(q.viol) > 1 {
		slices.SortStableFunc(q.viol, func(a, b Violation) int { return cmp.Compare(a.Offset, b.Offset) })
	}
	return q.kind, Result{Violations: q.viol}
}

// syntaxErrors reports a body that is not one JSON object as the schema
// parser sees it: every mistake it can step over, with its hint.
func (q *reqScan) syntaxErrors() []Violation {
	var out []Violation
	f, err := schema.Parse("request", q.src)
	var list schema.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil
	}
	if err != nil {
		for _, e := range list {
			rule, msg := RuleSyntax, e.Msg
			if e.Kind == schema.ErrRootNotObject && f.Root != nil {
				rule, msg = RuleRequestShape, "request body is "+kindText(f.Root.Kind)+", want an object"
			}
			out = append(out, Violation{Pointer: string(e.Pointer), Offset: e.Offset, End: schema.CharEnd(q.src, e.Offset),
				Rule: rule, Severity: ruleSeverity(rule), Message: msg})
		}
		return out
	}
	// The parser accepts what the scan refused; the module's readers agree
	// on syntax, so this is only a safety net.
	at := min(q.badAt, len(q.src))
	return []Violation{{Offset: at, End: schema.CharEnd(q.src, at), Rule: RuleSyntax, Severity: ruleSeverity(RuleSyntax),
		Message: jsonscan.Message(q.src, at, q.badCode)}}
}

// reqScan is one request body being read. It lives on the caller's stack.
type reqScan struct {
	reqState
	src   []byte
	pos   int
	depth int  // open arrays and objects around q.pos
	kind  Kind // as asked; KindAuto until the fields say
	// bad is set at the first syntax error: the scan stops and the parser
	// reports it.
	bad     bool
	badAt   int
	badCode jsonscan.Code

	dups []Violation // duplicate keys outside the validated payloads

	root     schema.Span
	rootKeys spanList // every member of the root, for unknown-field reports
	allKinds uint8    // the kinds whose calls define every root key, as bits
	tk       field    // the first triggerKey
	rep      reportFacts
	// The first eventsInfo and externalEntityIds.
	events, ids listFacts
	idsViol     []Violation // the checks of externalEntityIds' items
	// evIndex is the event being read, -1 outside eventsInfo; evPrefix is
	// its pointer, built when first needed.
	evIndex  int
	evPrefix string
}

// reportFacts is what the scan learnt of a report object: the root of a
// Report Event or one event of a Bulk Report Event.
type reportFacts struct {
	obj        schema.Span
	payPresent bool
	validated  bool // the payload was checked against the schema
	paySpan    schema.Span
	payViol    []Violation
	// contactRead says the payload's root was read with the contact hook;
	// contact is then the value of its first member called
	// Validator.identityKey, when there is one.
	contactRead, contactFound bool
	contact                   schema.Span
	id                        field
	idem                      field // the idempotency member; kind is its type
	key, ttl                  field
	idemViol                  []Violation // unknown fields of the idempotency object
	unknown                   []Violation // unknown fields of an event
}

// listFacts is what the scan learnt of a bulk field.
type listFacts struct {
	present bool
	isArray bool
	kind    schema.Kind
	span    schema.Span
	count   int
}

// spanList is a list of spans that keeps its first entries inline: as
// many as a valid request has root keys.
type spanList struct {
	n      int
	inline [4]keySpan
	more   []keySpan
}

// keySpan is a root key and, when it is a field of some call, the call
// kinds that define it.
type keySpan struct {
	schema.Span
	kinds uint8 // bit k set: fieldsOf(k) has the key
}

func (l *spanList) add(s keySpan) {
	if l.n < len(l.inline) {
		l.inline[l.n] = s
	} else {
		l.more = append(l.more, s)
	}
	l.n++
}

func (l *spanList) at(i int) keySpan {
	if i < len(l.inline) {
		return l.inline[i]
	}
	return l.more[i-len(l.inline)]
}

// textIndex maps texts to the index of their first item: a list while it
// is short, a map past that.
type textIndex struct {
	n      int
	inline [16]struct {
		text string
		i    int
	}
	set map[string]int
}

// first returns the index recorded for text, or records i and returns -1.
func (t *textIndex) first(text string, i int) int {
	if t.set != nil {
		if j, ok := t.set[text]; ok {
			return j
		}
		t.set[text] = i
		return -1
	}
	for _, e := range t.inline[:t.n] {
		if e.text == text {
			return e.i
		}
	}
	if t.n < len(t.inline) {
		t.inline[t.n].text, t.inline[t.n].i = text, i
		t.n++
		return -1
	}
	t.set = make(map[string]int, 2*len(t.inline))
	for _, e := range t.inline {
		t.set[e.text] = e.i
	}
	t.set[text] = i
	return -1
}

// keyNames holds the keys of one object, to find duplicates: a valid
// request has few keys that objKeys does not recognise.
type keyNames struct {
	n      int
	inline [4]string
	set    map[string]struct{}
}

// add adds a key and reports whether the object had it already.
func (k *keyNames) add(name string) bool {
	if k.set != nil {
		if _, ok := k.set[name]; ok {
			return true
		}
		k.set[name] = struct{}{}
		return false
	}
	for _, e := range k.inline[:k.n] {
		if e == name {
			return true
		}
	}
	if k.n < len(k.inline) {
		k.inline[k.n] = name
		k.n++
		return false
	}
	k.set = make(map[string]struct{}, 2*len(k.inline))
	for _, e := range k.inline {
		k.set[e] = struct{}{}
	}
	k.set[name] = struct{}{}
	return false
}

// fail records a syntax error and stops the scan.
func (q *reqScan) fail(at int, c jsonscan.Code) {
	if !q.bad {
		q.bad, q.badAt, q.badCode = true, at, c
	}
}

func (q *reqScan) ws() { q.pos = jsonscan.SkipSpace(q.src, q.pos) }

// text decodes the content of a string, src[cs:ce]. Without escapes it
// aliases the body.
func (q *reqScan) text(cs, ce int, esc bool) string {
	if !esc {
		return bytesString(q.src[cs:ce])
	}
	return string(jsonscan.AppendUnquoted(nil, q.src[cs:ce]))
}

// keyText decodes a quoted key, src[ks:ke].
func (q *reqScan) keyText(s schema.Span) string {
	raw := q.src[s.Start+1 : s.End-1]
	return q.text(s.Start+1, s.End-1, bytes.IndexByte(raw, '\\') >= 0)
}

// prefix is the pointer of the event being read, or "".
func (q *reqScan) prefix() string {
	if q.evIndex < 0 {
		return ""
	}
	if q.evPrefix == "" {
		q.evPrefix = "/eventsInfo/" + strconv.Itoa(q.evIndex)
	}
	return q.evPrefix
}

// kindAt is the JSON type of the value that starts at src[i].
func (q *reqScan) kindAt(i int) schema.Kind {
	switch q.src[i] {
	case '{':
		return schema.Object
	case '[':
		return schema.Array
	case '"':
		return schema.String
	case 't', 'f':
		return schema.Bool
	case 'n':
		return schema.Null
	}
	return schema.Number
}

// open enters the object or array at q.pos.
func (q *reqScan) open() bool {
	if q.depth >= jsonscan.MaxDepth {
		q.fail(q.pos, jsonscan.ErrTooDeep)
		return false
	}
	q.depth++
	q.pos++
	q.ws()
	return true
}

// member reads the next key of the object being read, and the colon, and
// leaves q.pos at the value. first is set before the first member. It
// returns false at the end of the object, past its "}", and on a syntax
// error.
func (q *reqScan) member(first *bool) (key schema.Span, name string, id uint8, ok bool) {
	src := q.src
	if *first {
		*first = false
		if q.pos < len(src) && src[q.pos] == '}' {
			q.pos++
			q.depth--
			return key, "", 0, false
		}
	} else {
		if q.pos < len(src) && src[q.pos] <= ' ' {
			q.ws()
		}
		switch {
		case q.pos < len(src) && src[q.pos] == ',':
			q.pos++
			if q.pos < len(src) && src[q.pos] <= ' ' {
				q.ws()
			}
		case q.pos < len(src) && src[q.pos] == '}':
			q.pos++
			q.depth--
			return key, "", 0, false
		default:
			q.fail(q.pos, jsonscan.ErrWantObjectNext)
			return key, "", 0, false
		}
	}
	if q.pos >= len(src) || src[q.pos] != '"' {
		q.fail(q.pos, jsonscan.ErrWantKey)
		return key, "", 0, false
	}
	var end int
	if id = knownKey(src[q.pos:]); id != fOther {
		name = fieldNames[id]
		end = q.pos + len(name) + 2
	} else {
		e, esc, c := jsonscan.String(src, q.pos)
		if c != jsonscan.OK {
			q.fail(e, c)
			return key, "", 0, false
		}
		end = e
		name = q.text(q.pos+1, end-1, esc)
		id = fieldID(name)
	}
	key = schema.Span{Start: q.pos, End: end}
	q.pos = end
	if end+1 < len(src) && src[end] == ':' && src[end+1] > ' ' {
		q.pos = end + 1 // compact JSON: the value follows the colon
		return key, name, id, true
	}
	q.ws()
	if q.pos >= len(src) || src[q.pos] != ':' {
		q.fail(q.pos, jsonscan.ErrWantColon)
		return key, "", 0, false
	}
	q.pos++
	q.ws()
	if q.pos >= len(src) {
		q.fail(q.pos, jsonscan.ErrWantValue)
		return key, "", 0, false
	}
	return key, name, id, true
}

// The names the request scan recognises, by id: the fields of the calls
// and of the idempotency object. fOther is any other name.
const (
	fOther uint8 = iota
	fTriggerKey
	fPayload
	fEntityID
	fIdempotency
	fEventsInfo
	fEntityIDs
	fKey
	fTTL
)

// fieldNames lists the names by id.
var fieldNames = [...]string{"", "triggerKey", "payload", "externalEntityId", "idempotency", "eventsInfo", "externalEntityIds", "key", "ttlInMilliseconds"}

// fieldID returns the id of a decoded key.
func fieldID(name string) uint8 {
	switch name {
	case "triggerKey":
		return fTriggerKey
	case "payload":
		return fPayload
	case "externalEntityId":
		return fEntityID
	case "idempotency":
		return fIdempotency
	case "eventsInfo":
		return fEventsInfo
	case "externalEntityIds":
		return fEntityIDs
	case "key":
		return fKey
	case "ttlInMilliseconds":
		return fTTL
	}
	return fOther
}

// idKinds returns the kinds whose calls define the root field id, as bits
// (bit k set: fieldsOf(k) has its name).
func idKinds(id uint8) uint8 {
	const report, cancel, bulkReport, bulkCancel = 1 << KindReport, 1 << KindCancel, 1 << KindBulkReport, 1 << KindBulkCancel
	switch id {
	case fTriggerKey:
		return report | cancel | bulkReport | bulkCancel
	case fPayload, fIdempotency:
		return report
	case fEntityID:
		return report | cancel
	case fEventsInfo:
		return bulkReport
	case fEntityIDs:
		return bulkCancel
	}
	return 0
}

// knownKey returns the id of the name whose quoted key b starts with,
// written plainly, or fOther: a key that matches needs no string scan.
func knownKey(b []byte) uint8 {
	if len(b) < 5 {
		return fOther
	}
	var id uint8
	switch b[1] {
	case 't':
		id = fTriggerKey
		if b[2] == 't' {
			id = fTTL
		}
	case 'p':
		id = fPayload
	case 'e':
		id = fEntityID
		if b[2] == 'v' {
			id = fEventsInfo
		} else if len(b) > 18 && b[17] == 's' {
			id = fEntityIDs
		}
	case 'i':
		id = fIdempotency
	case 'k':
		id = fKey
	default:
		return fOther
	}
	if len(b) >= 24 {
		// The quoted name, compared as three words.
		w := &quotedWords[id]
		if (binary.LittleEndian.Uint64(b)^w.w[0])&w.m[0]|(binary.LittleEndian.Uint64(b[8:])^w.w[1])&w.m[1]|
			(binary.LittleEndian.Uint64(b[16:])^w.w[2])&w.m[2] != 0 {
			return fOther
		}
		return id
	}
	name := fieldNames[id]
	if len(b) < len(name)+2 || b[0] != '"' || b[len(name)+1] != '"' || string(b[1:len(name)+1]) != name {
		return fOther
	}
	return id
}

// quotedWords holds each name of fieldNames quoted, as three
// little-endian words and the masks of the bytes it fills.
var quotedWords = func() (t [len(fieldNames)]struct{ w, m [3]uint64 }) {
	for id, name := range fieldNames {
		q := `"` + name + `"`
		for i := 0; i < len(q); i++ {
			t[id].w[i/8] |= uint64(q[i]) << (8 * (i % 8))
			t[id].m[i/8] |= 0xff << (8 * (i % 8))
		}
	}
	return t
}()

// objKeys holds the keys of one object, to find duplicates: the
// recognised names as bits, the others by name.
type objKeys struct {
	known uint16
	names keyNames
}

// add adds a key and reports whether the object had it already.
func (k *objKeys) add(id uint8, name string) bool {
	if id != fOther {
		bit := uint16(1) << id
		dup := k.known&bit != 0
		k.known |= bit
		return dup
	}
	return k.names.add(name)
}

// duplicateKey records a key that its object has already; rel is the
// pointer of its value below q.prefix().
func (q *reqScan) duplicateKey(key schema.Span, name, rel string) {
	q.dups = append(q.dups, Violation{Pointer: q.prefix() + rel, Offset: key.Start, End: key.End,
		Rule: RuleDuplicateKey, Severity: ruleSeverity(RuleDuplicateKey), Message: "duplicate key " + strconv.Quote(name)})
}

// run reads the body.
func (q *reqScan) run() {
	src := q.src
	q.pos = jsonscan.SkipSpace(src, 0)
	if q.pos >= len(src) || src[q.pos] != '{' {
		q.fail(q.pos, jsonscan.ErrWantValue) // the parser says what it is instead
		return
	}
	q.root.Start = q.pos
	q.rep.obj.Start = q.pos
	if !q.open() {
		return
	}
	var names objKeys
	first := true
	q.allKinds = 0xff
	for {
		key, name, id, ok := q.member(&first)
		if !ok {
			break
		}
		kinds := idKinds(id)
		q.allKinds &= kinds
		q.rootKeys.add(keySpan{key, kinds})
		if names.add(id, name) {
			q.duplicateKey(key, name, string(schema.Pointer("").Append(name)))
		}
		switch id {
		case fTriggerKey:
			if !q.tk.present {
				if !q.triggerKeyField() {
					q.strField(&q.tk, "/triggerKey")
				}
			} else {
				q.walk("/triggerKey")
			}
		case fEntityID:
			if !q.rep.id.present {
				if !q.guidField(&q.rep.id) {
					q.strField(&q.rep.id, "/externalEntityId")
				}
			} else {
				q.walk("/externalEntityId")
			}
		case fPayload:
			if !q.rep.payPresent && (q.kind == KindReport || q.kind == KindAuto && !q.events.present && !q.ids.present) {
				q.payload(&q.rep)
			} else {
				q.rep.payPresent = true
				q.walk("/payload")
			}
		case fIdempotency:
			if !q.rep.idem.present {
				q.idempotency(&q.rep)
			} else {
				q.walk("/idempotency")
			}
		case fEventsInfo:
			if !q.events.present && (q.kind == KindBulkReport || q.kind == KindAuto) {
				if q.kind == KindAuto {
					q.kind = KindBulkReport
					q.idsViol = nil
					q.unvalidate()
				}
				q.eventList()
			} else {
				q.events.present = true
				q.walk("/eventsInfo")
			}
		case fEntityIDs:
			if !q.ids.present && (q.kind == KindBulkCancel || q.kind == KindAuto && !q.events.present) {
				if q.kind == KindAuto {
					q.unvalidate()
				}
				q.idList()
			} else {
				q.ids.present = true
				q.walk("/externalEntityIds")
			}
		default:
			q.walk(string(schema.Pointer("").Append(name)))
		}
		if q.bad {
			return
		}
	}
	if q.bad {
		return
	}
	q.root.End = q.pos
	q.rep.obj.End = q.pos
	q.ws()
	if q.pos < len(src) {
		q.fail(q.pos, jsonscan.ErrTrailing)
	}
}

// unvalidate takes back the validation of the root's payload, read while
// the request looked like a report: under a bulk kind the payload is an
// unknown field, whose duplicate keys are reported as anywhere else.
func (q *reqScan) unvalidate() {
	if !q.rep.validated {
		return
	}
	q.rep.validated, q.rep.payViol = false, nil
	save := q.pos
	q.pos = q.rep.paySpan.Start
	q.walk("/payload")
	q.pos = save
}

// payload validates the payload at q.pos in place, its pointers under
// /payload (then under the event's pointer).
func (q *reqScan) payload(f *reportFacts) {
	f.payPresent, f.validated = true, true
	start := q.pos
	var s state
	s.v, s.src, s.pos, s.base, s.limit, s.depth = q.v, q.src, start, "/payload", q.v.limit, q.depth
	s.wantContact = true
	if q.src[start] == '{' {
		s.value(s.v.root, 0)
	} else {
		t := s.skip()
		if !s.fatal {
			s.report(RuleNotObject, start, s.pos, "payload is %s, want an object", describe(t, s.src[start:s.pos]))
		}
	}
	if s.fatal {
		q.fail(s.pos, jsonscan.ErrWantValue)
		return
	}
	s.summary(start, s.pos)
	q.pos = s.pos
	f.paySpan = schema.Span{Start: start, End: s.pos}
	f.payViol = s.viol
	f.contactRead, f.contactFound = s.contactRead, s.contactFound
	f.contact = schema.Span{Start: s.contactStart, End: s.contactEnd}
}

// strField reads the value at q.pos as the string field f. A value of
// another type is marked bad and read for its duplicate keys; rel is its
// pointer below q.prefix().
func (q *reqScan) strField(f *field, rel string) {
	f.present = true
	start := q.pos
	if q.src[start] == '"' {
		end, esc, c := jsonscan.String(q.src, start)
		if c != jsonscan.OK {
			q.fail(end, c)
			return
		}
		f.text = q.text(start+1, end-1, esc)
		q.pos = end
	} else {
		f.bad, f.kind = true, q.kindAt(start)
		q.walk(rel)
	}
	f.span = schema.Span{Start: start, End: q.pos}
}

// triggerKeyField reads the value at q.pos as the triggerKey when it is a
// string that the triggerKey checks pass, written plainly: letters a to z,
// digits, "_" and "-", not first, at most MaxTriggerKey of them. It
// reports whether it did; if not, strField reads it.
func (q *reqScan) triggerKeyField() bool {
	src, start := q.src, q.pos
	if src[start] != '"' || start+1 >= len(src) || src[start+1] == '_' || src[start+1] == '-' {
		return false
	}
	end := min(len(src), start+MaxTriggerKey+2)
	i := start + 1
	for i < end && triggerKeyByte[src[i]] {
		i++
	}
	if i < end {
		if src[i] != '"' || i == start+1 {
			return false
		}
		q.tk = field{text: bytesString(src[start+1 : i]), present: true, checked: true, span: schema.Span{Start: start, End: i + 1}}
		q.pos = i + 1
		return true
	}
	return false
}

// triggerKeyByte marks the bytes a trigger key is made of.
var triggerKeyByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
	}
	return t
}()

// guidField reads the value at q.pos as the externalEntityId f when it is
// a GUID, written plainly, and reports whether it did; if not, strField
// reads it.
func (q *reqScan) guidField(f *field) bool {
	src, start := q.src, q.pos
	if start+37 >= len(src) || src[start] != '"' || src[start+37] != '"' {
		return false
	}
	text := bytesString(src[start+1 : start+37])
	if !schema.IsUUID(text) {
		return false
	}
	*f = field{text: text, present: true, checked: true, span: schema.Span{Start: start, End: start + 38}}
	q.pos = start + 38
	return true
}

// idempotency reads a report's idempotency member at q.pos.
func (q *reqScan) idempotency(f *reportFacts) {
	start := q.pos
	f.idem.present, f.idem.kind = true, q.kindAt(start)
	if q.src[start] != '{' {
		q.walk("/idempotency")
		f.idem.span = schema.Span{Start: start, End: q.pos}
		return
	}
	if !q.open() {
		return
	}
	var names objKeys
	first := true
	for {
		key, name, id, ok := q.member(&first)
		if !ok {
			break
		}
		dup := names.add(id, name)
		var rel string
		if dup || (id != fKey && id != fTTL) {
			rel = string(schema.Pointer("/idempotency").Append(name))
		}
		if dup {
			q.duplicateKey(key, name, rel)
		}
		switch {
		case id == fKey && !f.key.present:
			q.strField(&f.key, "/idempotency/key")
		case id == fTTL && !f.ttl.present:
			q.strField(&f.ttl, "/idempotency/ttlInMilliseconds")
		case id == fKey || id == fTTL:
			q.walk(rel)
		default:
			hint := ""
			if k := schema.FoldMatch([]string{"key", "ttlInMilliseconds"}, name); k != "" {
				hint = "; did you mean " + strconv.Quote(k) + "?"
			}
			f.idemViol = append(f.idemViol, q.unknownAt(key, rel, "idempotency has no field %q%s", name, hint))
			q.walk(rel)
		}
		if q.bad {
			return
		}
	}
	f.idem.span = schema.Span{Start: start, End: q.pos}
}

// unknownAt builds an unknown-field violation.
func (q *reqScan) unknownAt(key schema.Span, ptr, format string, args ...any) Violation {
	var r reqState
	r.add(RuleUnknownField, field{ptr: ptr, span: key}, format, args...)
	return r.viol[0]
}

// eventList reads the first eventsInfo of a Bulk Report Event.
func (q *reqScan) eventList() {
	l := &q.events
	l.present = true
	start := q.pos
	l.kind = q.kindAt(start)
	if q.src[start] != '[' {
		q.walk("/eventsInfo")
		l.span = schema.Span{Start: start, End: q.pos}
		return
	}
	l.isArray = true
	if !q.open() {
		return
	}
	var keys textIndex // the events' idempotency keys
	n := 0
	if q.pos < len(q.src) && q.src[q.pos] == ']' {
		q.pos++
		q.depth--
	} else {
		for {
			if q.pos >= len(q.src) {
				q.fail(q.pos, jsonscan.ErrWantValue)
				return
			}
			q.evIndex, q.evPrefix = n, ""
			es := q.pos
			if q.src[es] == '{' {
				q.event(n, &keys)
			} else {
				k := q.kindAt(es)
				q.walk("")
				q.add(RuleRequestShape, field{ptr: q.prefix(), span: schema.Span{Start: es, End: q.pos}}, "event is %s, want an object", kindText(k))
			}
			q.evIndex, q.evPrefix = -1, ""
			if q.bad {
				return
			}
			n++
			if !q.next(']') {
				return
			}
			if q.src[q.pos-1] == ']' {
				break
			}
		}
	}
	l.span = schema.Span{Start: start, End: q.pos}
	l.count = n
}

// next reads the "," or the closing byte after an element of an array.
func (q *reqScan) next(closing byte) bool {
	q.ws()
	if q.pos < len(q.src) {
		switch q.src[q.pos] {
		case ',':
			q.pos++
			q.ws()
			return true
		case closing:
			q.pos++
			q.depth--
			return true
		}
	}
	q.fail(q.pos, jsonscan.ErrWantArrayNext)
	return false
}

// event reads event i of eventsInfo and checks it; keys holds the
// idempotency keys of the events before it.
func (q *reqScan) event(i int, keys *textIndex) {
	var f reportFacts
	f.obj.Start = q.pos
	if !q.open() {
		return
	}
	var names objKeys
	first := true
	for {
		key, name, id, ok := q.member(&first)
		if !ok {
			break
		}
		dup := names.add(id, name)
		var rel string
		switch id {
		case fPayload:
			rel = "/payload"
		case fEntityID:
			rel = "/externalEntityId"
		case fIdempotency:
			rel = "/idempotency"
		default:
			rel = string(schema.Pointer("").Append(name))
		}
		if dup {
			q.duplicateKey(key, name, rel)
		}
		switch id {
		case fPayload:
			if !f.payPresent {
				q.payload(&f)
			} else {
				q.walk(rel)
			}
		case fEntityID:
			if !f.id.present {
				if !q.guidField(&f.id) {
					q.strField(&f.id, rel)
				}
			} else {
				q.walk(rel)
			}
		case fIdempotency:
			if !f.idem.present {
				q.idempotency(&f)
			} else {
				q.walk(rel)
			}
		default:
			hint := ""
			if k := schema.FoldMatch(fieldsOf(KindReport)[1:], name); k != "" {
				hint = "; did you mean " + strconv.Quote(k) + "?"
			}
			f.unknown = append(f.unknown, q.unknownAt(key, rel, "%s has no field %q%s", article("event"), name, hint))
			q.walk(rel)
		}
		if q.bad {
			return
		}
	}
	if q.bad {
		return
	}
	f.obj.End = q.pos
	mark := len(q.viol)
	q.viol = appendViolations(q.viol, f.unknown)
	key := q.reportChecks(&f)
	q.duplicateText(keys, *key, i, "idempotency key")
	if len(q.viol) > mark {
		p := q.prefix()
		for j := mark; j < len(q.viol); j++ {
			q.viol[j].Pointer = p + q.viol[j].Pointer
		}
	}
}

// idList reads the first externalEntityIds of a Bulk Cancel Event and
// checks its items.
func (q *reqScan) idList() {
	l := &q.ids
	l.present = true
	start := q.pos
	l.kind = q.kindAt(start)
	if q.src[start] != '[' {
		q.walk("/externalEntityIds")
		l.span = schema.Span{Start: start, End: q.pos}
		return
	}
	l.isArray = true
	if !q.open() {
		return
	}
	// The items' checks go to their own list, which a later eventsInfo
	// discards under KindAuto.
	saved := q.viol
	q.viol = q.idsViol
	defer func() { q.idsViol, q.viol = q.viol, saved }()
	var seen textIndex
	n := 0
	if q.pos < len(q.src) && q.src[q.pos] == ']' {
		q.pos++
		q.depth--
	} else {
		for {
			if q.pos >= len(q.src) {
				q.fail(q.pos, jsonscan.ErrWantValue)
				return
			}
			es := q.pos
			mark := len(q.viol)
			if q.src[es] == '"' {
				end, esc, c := jsonscan.String(q.src, es)
				if c != jsonscan.OK {
					q.fail(end, c)
					return
				}
				q.pos = end
				fd := field{text: q.text(es+1, end-1, esc), present: true, span: schema.Span{Start: es, End: end}}
				q.entityID(&fd, true)
				q.duplicateText(&seen, fd, n, "ID")
			} else {
				k := q.kindAt(es)
				q.walk("/externalEntityIds/" + strconv.Itoa(n))
				q.add(RuleRequestShape, field{span: schema.Span{Start: es, End: q.pos}}, "externalEntityIds item is %s, want a string", kindText(k))
			}
			if q.bad {
				return
			}
			if len(q.viol) > mark {
				p := "/externalEntityIds/" + strconv.Itoa(n)
				for j := mark; j < len(q.viol); j++ {
					q.viol[j].Pointer = p
				}
			}
			n++
			if !q.next(']') {
				return
			}
			if q.src[q.pos-1] == ']' {
				break
			}
		}
	}
	l.span = schema.Span{Start: start, End: q.pos}
	l.count = n
}

// duplicateText reports a field whose text an earlier item had.
func (q *reqScan) duplicateText(seen *textIndex, f field, i int, what string) {
	if !f.present || f.text == "" {
		return
	}
	if first := seen.first(f.text, i); first >= 0 {
		q.add(RuleBulkDuplicate, f, "%s %s repeats item %d", what, quoteText(f.text), first)
	}
}

// walk reads the value at q.pos, checking its syntax, and records the
// duplicate keys of the objects in it; rel is its pointer below
// q.prefix(). It keeps its own stack, so that the deepest value costs no
// call stack.
func (q *reqScan) walk(rel string) {
	src := q.src
	type frame struct {
		obj   bool
		index int
		key   schema.Span
		names keyNames
	}
	var stack []*frame
	pointer := func() string {
		p := schema.Pointer(q.prefix() + rel)
		for _, f := range stack {
			if f.obj {
				p = p.Append(q.keyText(f.key))
			} else {
				p = p.AppendIndex(f.index)
			}
		}
		return string(p)
	}
	// readKey reads a key of the innermost object and its colon.
	readKey := func(f *frame) bool {
		if q.pos >= len(src) || src[q.pos] != '"' {
			q.fail(q.pos, jsonscan.ErrWantKey)
			return false
		}
		end, esc, c := jsonscan.String(src, q.pos)
		if c != jsonscan.OK {
			q.fail(end, c)
			return false
		}
		f.key = schema.Span{Start: q.pos, End: end}
		name := q.text(q.pos+1, end-1, esc)
		if f.names.add(name) {
			q.dups = append(q.dups, Violation{Pointer: pointer(), Offset: f.key.Start, End: f.key.End,
				Rule: RuleDuplicateKey, Severity: ruleSeverity(RuleDuplicateKey), Message: "duplicate key " + strconv.Quote(name)})
		}
		q.pos = end
		q.ws()
		if q.pos >= len(src) || src[q.pos] != ':' {
			q.fail(q.pos, jsonscan.ErrWantColon)
			return false
		}
		q.pos++
		q.ws()
		return true
	}
	for {
		// A value at q.pos.
		if q.pos >= len(src) {
			q.fail(q.pos, jsonscan.ErrWantValue)
			return
		}
		switch c := src[q.pos]; c {
		case '{', '[':
			if q.depth+len(stack) >= jsonscan.MaxDepth {
				q.fail(q.pos, jsonscan.ErrTooDeep)
				return
			}
			f := &frame{obj: c == '{'}
			stack = append(stack, f)
			q.pos++
			q.ws()
			if q.pos < len(src) && (f.obj && src[q.pos] == '}' || !f.obj && src[q.pos] == ']') {
				q.pos++
				stack = stack[:len(stack)-1]
				break
			}
			if f.obj && !readKey(f) {
				return
			}
			continue
		case '"':
			end, _, code := jsonscan.String(src, q.pos)
			if code != jsonscan.OK {
				q.fail(end, code)
				return
			}
			q.pos = end
		case 't', 'f', 'n':
			end, code := jsonscan.Literal(src, q.pos)
			if code != jsonscan.OK {
				q.fail(end, code)
				return
			}
			q.pos = end
		default:
			end, _, code := jsonscan.Number(src, q.pos)
			if code != jsonscan.OK {
				q.fail(end, code)
				return
			}
			q.pos = end
		}
		// After a value: close what it ends, or go on to the next.
		for {
			if len(stack) == 0 {
				return
			}
			f := stack[len(stack)-1]
			q.ws()
			if q.pos < len(src) && src[q.pos] == ',' {
				q.pos++
				q.ws()
				if f.obj {
					if !readKey(f) {
						return
					}
				} else {
					f.index++
				}
				break
			}
			switch {
			case f.obj && q.pos < len(src) && src[q.pos] == '}', !f.obj && q.pos < len(src) && src[q.pos] == ']':
				q.pos++
				stack = stack[:len(stack)-1]
				continue
			case f.obj:
				q.fail(q.pos, jsonscan.ErrWantObjectNext)
			default:
				q.fail(q.pos, jsonscan.ErrWantArrayNext)
			}
			return
		}
	}
}

// reportChecks checks the fields of a report object, with pointers below
// its own, and returns its idempotency key. It completes the fields of f
// in place.
func (q *reqScan) reportChecks(f *reportFacts) *field {
	payload := field{ptr: "/payload", span: f.obj}
	if f.payPresent {
		payload.present, payload.span = true, f.paySpan
	}
	q.viol = appendViolations(q.viol, f.payViol)
	id := &f.id
	id.ptr = "/externalEntityId"
	if !id.present {
		id.span = f.obj
	}
	if id.bad {
		q.add(RuleRequestShape, *id, "%s is %s, want a string", "externalEntityId", kindText(id.kind))
	}
	key, ttl := &f.key, &f.ttl
	haveIdem := false
	if f.idem.present && f.idem.kind == schema.Object {
		haveIdem = true
		q.viol = appendViolations(q.viol, f.idemViol)
		q.strChecked(key, "key", "/idempotency/key", f.idem.span)
		q.strChecked(ttl, "ttlInMilliseconds", "/idempotency/ttlInMilliseconds", f.idem.span)
	} else {
		// The idempotency member's own fields were not read.
		*key = field{ptr: "/idempotency/key", span: f.obj}
		*ttl = field{ptr: "/idempotency/ttlInMilliseconds", span: f.obj}
		if f.idem.present {
			q.add(RuleRequestShape, field{ptr: "/idempotency", span: f.idem.span}, "idempotency is %s, want an object", kindText(f.idem.kind))
			key.bad = true // reported already
		}
	}
	contact, contactOK := "", false
	switch {
	case !id.present || id.text == "" || !f.validated || q.src[f.paySpan.Start] != '{':
	case f.contactRead:
		// The payload's scan noted the member as it passed.
		if c := f.contact; f.contactFound && q.src[c.Start] == '"' {
			raw := q.src[c.Start+1 : c.End-1]
			contact, contactOK = q.text(c.Start+1, c.End-1, bytes.IndexByte(raw, '\\') >= 0), true
		}
	default:
		contact, contactOK = q.firstString(f.paySpan.Start, q.v.identityKey)
	}
	q.report(&payload, id, key, ttl, haveIdem, contact, contactOK)
	return key
}

// appendViolations is append(to, vs...), which costs nothing when vs is
// empty, as it is for a valid request.
func appendViolations(to, vs []Violation) []Violation {
	if len(vs) == 0 {
		return to
	}
	return append(to, vs...)
}

// strChecked gives a string field read by strField its pointer and, when
// it is missing, the span of its object; a value of another type is
// reported.
func (q *reqScan) strChecked(f *field, name, ptr string, obj schema.Span) *field {
	f.ptr = ptr
	if !f.present {
		f.span = obj
	}
	if f.bad {
		q.add(RuleRequestShape, *f, "%s is %s, want a string", name, kindText(f.kind))
	}
	return f
}

// firstString returns the string value of the first member called name of
// the object at start, whose syntax was checked, as the schema parser's
// Node.Get finds it. Like Get, it matches the key "" when name is "".
func (q *reqScan) firstString(start int, name string) (string, bool) {
	src := q.src
	i := jsonscan.SkipSpace(src, start+1)
	if src[i] == '}' {
		return "", false
	}
	for {
		end, esc, _ := jsonscan.String(src, i)
		match := q.text(i+1, end-1, esc) == name
		i = jsonscan.SkipSpace(src, end)
		i = jsonscan.SkipSpace(src, i+1) // ':'
		if match {
			if src[i] != '"' {
				return "", false
			}
			end, esc, _ := jsonscan.String(src, i)
			return q.text(i+1, end-1, esc), true
		}
		i, _ = jsonscan.SkipValue(src, i, 0)
		i = jsonscan.SkipSpace(src, i)
		if src[i] == '}' {
			return "", false
		}
		i = jsonscan.SkipSpace(src, i+1) // ','
	}
}

// finish applies the checks that need the whole body, now that its kind
// is known, in the order the fields are checked.
func (q *reqScan) finish() {
	if q.kind == KindAuto {
		q.kind = detect(q.events.present, q.ids.present, q.rep.payPresent || q.rep.idem.present, q.rep.id.present)
	}
	for i := 0; i < q.rootKeys.n && (q.kind > KindBulkCancel || q.allKinds&(1<<q.kind) == 0); i++ {
		ks := q.rootKeys.at(i)
		if q.kind <= KindBulkCancel && ks.kinds&(1<<q.kind) != 0 {
			continue
		}
		key := ks.Span
		if name := q.keyText(key); !knownField(q.kind, name) {
			hint := ""
			if k := schema.FoldMatch(fieldsOf(q.kind), name); k != "" {
				hint = "; did you mean " + strconv.Quote(k) + "?"
			}
			q.add(RuleUnknownField, field{ptr: string(schema.Pointer("").Append(name)), span: key}, "%s has no field %q%s", article(q.kind.String()), name, hint)
		}
	}
	q.triggerKey(q.strChecked(&q.tk, "triggerKey", "/triggerKey", q.root))
	switch q.kind {
	case KindReport:
		q.reportChecks(&q.rep)
	case KindCancel:
		q.entityID(q.strChecked(&q.rep.id, "externalEntityId", "/externalEntityId", q.root), true)
	case KindBulkReport:
		q.list(&q.events, "eventsInfo", "/eventsInfo")
	case KindBulkCancel:
		q.list(&q.ids, "externalEntityIds", "/externalEntityIds")
		q.viol = appendViolations(q.viol, q.idsViol)
	}
	q.viol = appendViolations(q.viol, q.dups)
}

// list checks a bulk field: there, an array, and of a size the call takes.
func (q *reqScan) list(l *listFacts, name, ptr string) {
	f := field{ptr: ptr, span: q.root}
	switch {
	case !l.present:
		q.add(RuleBulkSize, f, "missing %s", name)
	case !l.isArray:
		f.span = l.span
		q.add(RuleRequestShape, f, "%s is %s, want an array", name, kindText(l.kind))
	default:
		f.span = l.span
		q.bulkCount(f, l.count, name)
	}
}

func article(what string) string {
	switch what {
	case "report", "cancel", "bulk-report", "bulk-cancel":
		return "a " + what + " request"
	case "event":
		return "an event"
	}
	return what
}

func kindText(k schema.Kind) string {
	switch k {
	case schema.Object, schema.Array:
		return "an " + k.String()
	case schema.Null:
		return "null"
	}
	return "a " + k.String()
}
