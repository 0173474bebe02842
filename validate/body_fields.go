package validate

import (
	"bytes"
	"strconv"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

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

// listOpen starts a bulk list at q.pos: it notes l as present with its
// kind, reads past a value that is not an array (its pointer is ptr), and
// enters an array. It returns where the value starts and whether an array
// was entered, whose items the caller reads.
func (q *reqScan) listOpen(l *listFacts, ptr string) (start int, ok bool) {
	l.present = true
	start = q.pos
	l.kind = q.kindAt(start)
	if q.src[start] != '[' {
		q.walk(ptr)
		l.span = schema.Span{Start: start, End: q.pos}
		return start, false
	}
	l.isArray = true
	return start, q.open()
}

// eventList reads the first eventsInfo of a Bulk Report Event.
func (q *reqScan) eventList() {
	l := &q.events
	start, ok := q.listOpen(l, "/eventsInfo")
	if !ok {
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
	start, ok := q.listOpen(l, "/externalEntityIds")
	if !ok {
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
	contact, contactOK := q.contactOf(f)
	q.report(&payload, id, key, ttl, haveIdem, contact, contactOK)
	return key
}

// contactOf returns the contact ID in the payload of the report f, when
// it has an externalEntityId to compare it with.
func (q *reqScan) contactOf(f *reportFacts) (string, bool) {
	switch id := &f.id; {
	case !id.present || id.text == "" || !f.validated || q.src[f.paySpan.Start] != '{':
	case f.contactRead:
		// The payload's scan noted the member as it passed.
		if c := f.contact; f.contactFound && q.src[c.Start] == '"' {
			raw := q.src[c.Start+1 : c.End-1]
			return q.text(c.Start+1, c.End-1, bytes.IndexByte(raw, '\\') >= 0), true
		}
	default:
		return q.firstString(f.paySpan.Start, q.v.identityKey)
	}
	return "", false
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
