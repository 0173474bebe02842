package validate

// The request validator as it was when it parsed the whole body with the
// schema parser, kept as the oracle of the one-pass scan: both must give
// the same violations, byte for byte.

import (
	"errors"
	"sort"
	"strconv"

	"github.com/triggerkit/triggerkit/schema"
)

func oracleFieldsOf(k Kind) []string {
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

// oracleValidateRequest is ValidateRequest as it was before the one-pass
// scan: the whole body parsed by the schema parser. It checks a request body as JSON bytes: its syntax, its
// fields and, for reports, every payload against the schema. Pointers and
// offsets are into the body. With KindAuto the kind is recognised from the
// fields; the kind used is returned.
func oracleValidateRequest(v *Validator, body []byte, kind Kind) (Kind, Result) {
	r := &oracleBody{reqState: reqState{v: v}, src: body}
	f, err := schema.Parse("request", body)
	if err != nil {
		var list schema.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				rule, msg := RuleSyntax, e.Msg
				if e.Kind == schema.ErrRootNotObject && f.Root != nil {
					rule, msg = RuleRequestShape, "request body is "+kindText(f.Root.Kind)+", want an object"
				}
				r.viol = append(r.viol, Violation{Pointer: string(e.Pointer), Offset: e.Offset, End: schema.CharEnd(body, e.Offset),
					Rule: rule, Severity: ruleSeverity(rule), Message: msg})
			}
		}
		return kind, Result{Violations: r.viol}
	}
	root := f.Root
	if root.Kind != schema.Object {
		r.add(RuleRequestShape, field{span: root.Span}, "request body is %s, want an object", kindText(root.Kind))
		return kind, Result{Violations: r.viol}
	}
	if kind == KindAuto {
		kind = DetectKind(root)
	}
	r.unknown(root, oracleFieldsOf(kind), kind.String())
	tk := r.str(root, "triggerKey", "")
	r.triggerKey(&tk)
	switch kind {
	case KindReport:
		r.reportBody(root, "")
	case KindCancel:
		id := r.str(root, "externalEntityId", "")
		r.entityID(&id, true)
	case KindBulkReport:
		keys := map[string]int{}
		if list, ok := r.array(root, "eventsInfo"); ok {
			for i, e := range list.Elems {
				ptr := "/eventsInfo/" + strconv.Itoa(i)
				if e.Kind != schema.Object {
					r.add(RuleRequestShape, field{ptr: ptr, span: e.Span}, "event is %s, want an object", kindText(e.Kind))
					continue
				}
				r.unknown(e, oracleFieldsOf(KindReport)[1:], "event")
				key := r.reportBody(e, ptr)
				r.duplicate(keys, key, i, "idempotency key")
			}
		}
	case KindBulkCancel:
		seen := map[string]int{}
		if list, ok := r.array(root, "externalEntityIds"); ok {
			for i, e := range list.Elems {
				fd := field{ptr: "/externalEntityIds/" + strconv.Itoa(i), span: e.Span, present: true}
				if e.Kind != schema.String {
					r.add(RuleRequestShape, fd, "externalEntityIds item is %s, want a string", kindText(e.Kind))
					continue
				}
				fd.text = e.Text
				r.entityID(&fd, true)
				r.duplicate(seen, fd, i, "ID")
			}
		}
	}
	for _, d := range f.Duplicates {
		if !r.inPayload(d.Again.KeySpan.Start) {
			r.add(RuleDuplicateKey, field{ptr: string(d.Again.Value.Pointer()), span: d.Again.KeySpan}, "duplicate key %q", d.Again.Name)
		}
	}
	oracleSort(r.viol)
	return kind, Result{Violations: r.viol}
}

type oracleBody struct {
	reqState
	src      []byte
	payloads []schema.Span
}

func (r *oracleBody) inPayload(off int) bool {
	for _, s := range r.payloads {
		if off >= s.Start && off < s.End {
			return true
		}
	}
	return false
}

// reportBody checks the fields of a report object at ptr and returns its
// idempotency key.
func (r *oracleBody) reportBody(obj *schema.Node, ptr string) field {
	payload := field{ptr: ptr + "/payload", span: obj.Span}
	contact, contactOK := "", false
	if m := obj.Get("payload"); m != nil {
		payload.present, payload.span = true, m.Value.Span
		r.payloads = append(r.payloads, m.Value.Span)
		vs := r.v.validateIn(r.src, m.Value.Span.Start, m.Value.Span.End, ptr+"/payload")
		r.viol = append(r.viol, vs...)
		if m.Value.Kind == schema.Object {
			if c := m.Value.Get(r.v.identityKey); c != nil && c.Value.Kind == schema.String {
				contact, contactOK = c.Value.Text, true
			}
		}
	}
	id := r.str(obj, "externalEntityId", ptr)
	var key, ttl field
	haveIdem := false
	key.ptr, ttl.ptr = ptr+"/idempotency/key", ptr+"/idempotency/ttlInMilliseconds"
	key.span, ttl.span = obj.Span, obj.Span
	if m := obj.Get("idempotency"); m != nil {
		if m.Value.Kind != schema.Object {
			r.add(RuleRequestShape, field{ptr: ptr + "/idempotency", span: m.Value.Span}, "idempotency is %s, want an object", kindText(m.Value.Kind))
			key.bad = true // reported already
		} else {
			haveIdem = true
			r.unknown(m.Value, []string{"key", "ttlInMilliseconds"}, "idempotency")
			key = r.str(m.Value, "key", ptr+"/idempotency")
			ttl = r.str(m.Value, "ttlInMilliseconds", ptr+"/idempotency")
			if !key.present && key.span == (schema.Span{}) {
				key.span = m.Value.Span
			}
		}
	}
	r.report(&payload, &id, &key, &ttl, haveIdem, contact, contactOK)
	return key
}

// str reads a string field of obj; ptr is obj's pointer. A field of another
// type is reported and counts as present, so that it is not also reported
// as missing.
func (r *oracleBody) str(obj *schema.Node, name, ptr string) field {
	f := field{ptr: ptr + "/" + name, span: obj.Span}
	m := obj.Get(name)
	if m == nil {
		return f
	}
	f.present, f.span = true, m.Value.Span
	if m.Value.Kind != schema.String {
		r.add(RuleRequestShape, f, "%s is %s, want a string", name, kindText(m.Value.Kind))
		f.bad = true
		return f
	}
	f.text = m.Value.Text
	return f
}

func (r *oracleBody) array(obj *schema.Node, name string) (*schema.Node, bool) {
	m := obj.Get(name)
	f := field{ptr: "/" + name, span: obj.Span}
	if m == nil {
		r.add(RuleBulkSize, f, "missing %s", name)
		return nil, false
	}
	f.span = m.Value.Span
	if m.Value.Kind != schema.Array {
		r.add(RuleRequestShape, f, "%s is %s, want an array", name, kindText(m.Value.Kind))
		return nil, false
	}
	r.bulkCount(f, len(m.Value.Elems), name)
	return m.Value, true
}

// unknown reports the fields of obj that are not in known.
func (r *oracleBody) unknown(obj *schema.Node, known []string, what string) {
	for _, m := range obj.Members {
		if !schema.Contains(known, m.Name) {
			hint := ""
			if k := schema.FoldMatch(known, m.Name); k != "" {
				hint = "; did you mean " + strconv.Quote(k) + "?"
			}
			r.add(RuleUnknownField, field{ptr: string(m.Value.Pointer()), span: m.KeySpan}, "%s has no field %q%s", article(what), m.Name, hint)
		}
	}
}

func oracleSort(vs []Violation) {
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].Offset < vs[j].Offset })
}
