package validate

import (
	"cmp"
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
	if q.quickRun() {
		if !q.quickFinish() {
			q.finish()
		}
	} else {
		// Read it again with every check; a payload validated already is
		// not validated twice.
		var pay payMemo
		if r := &q.rep; r.validated && !q.bad {
			pay = payMemo{true, r.paySpan, r.payViol, r.contactRead, r.contactFound, r.contact}
		}
		q = reqScan{}
		q.v, q.src, q.kind, q.evIndex, q.pay = v, body, kind, -1, pay
		q.run()
		if q.bad {
			return kind, Result{Violations: q.syntaxErrors()}
		}
		q.finish()
	}
	if len(q.viol) > 1 {
		sortByOffset(q.viol)
	}
	return q.kind, Result{Violations: q.viol}
}

// sortByOffset puts a request's violations in the order of the body,
// keeping the order found for those at one offset.
func sortByOffset(vs []Violation) {
	slices.SortStableFunc(vs, func(a, b Violation) int { return cmp.Compare(a.Offset, b.Offset) })
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
	// pay is the root's payload as quickRun validated it, for run to take
	// over when it reaches the same value.
	pay payMemo
}

// payMemo is what reqScan.payload learnt of a payload.
type payMemo struct {
	ok                        bool
	span                      schema.Span
	viol                      []Violation
	contactRead, contactFound bool
	contact                   schema.Span
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
	if p := &q.pay; p.ok && f == &q.rep && p.span.Start == start {
		// The same reading, at the same depth, that quickRun did.
		p.ok = false
		q.pos = p.span.End
		f.paySpan, f.payViol = p.span, p.viol
		f.contactRead, f.contactFound, f.contact = p.contactRead, p.contactFound, p.contact
		return
	}
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

// appendViolations is append(to, vs...), which costs nothing when vs is
// empty, as it is for a valid request.
func appendViolations(to, vs []Violation) []Violation {
	if len(vs) == 0 {
		return to
	}
	return append(to, vs...)
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
