package validate

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/triggerkit/triggerkit/schema"
)

// Idempotency is the idempotency block of a report.
type Idempotency struct {
	Key string `json:"key,omitempty"`
	// TTLInMilliseconds is an int64 sent as a string of digits; Wix's default
	// is one week (604800000).
	TTLInMilliseconds string `json:"ttlInMilliseconds,omitempty"`
}

// ReportEvent is the body of Report Event
// (POST https://www.wixapis.com/automations/v1/events/report).
type ReportEvent struct {
	TriggerKey       string          `json:"triggerKey"`
	Payload          json.RawMessage `json:"payload,omitempty"`
	ExternalEntityID string          `json:"externalEntityId,omitempty"`
	Idempotency      *Idempotency    `json:"idempotency,omitempty"`
}

// CancelEvent is the body of Cancel Event
// (POST https://www.wixapis.com/automations/v1/events/cancel).
type CancelEvent struct {
	TriggerKey       string `json:"triggerKey"`
	ExternalEntityID string `json:"externalEntityId"`
}

// EventInfo is one event of a Bulk Report Event.
type EventInfo struct {
	Payload          json.RawMessage `json:"payload,omitempty"`
	ExternalEntityID string          `json:"externalEntityId,omitempty"`
	Idempotency      *Idempotency    `json:"idempotency,omitempty"`
}

// BulkReportEvent is the body of Bulk Report Event
// (POST https://www.wixapis.com/automations/v1/events/bulk-report).
type BulkReportEvent struct {
	TriggerKey string      `json:"triggerKey"`
	EventsInfo []EventInfo `json:"eventsInfo"`
}

// BulkCancelEvent is the body of Bulk Cancel Event
// (POST https://www.wixapis.com/automations/v1/events/bulk-cancel).
type BulkCancelEvent struct {
	TriggerKey        string   `json:"triggerKey"`
	ExternalEntityIDs []string `json:"externalEntityIds"`
}

// Limits of the calls.
const (
	MaxTriggerKey = 100 // characters of a trigger key
	MaxBulk       = 100 // events of a bulk report, IDs of a bulk cancel
)

// Kind is the call a request body is for.
type Kind uint8

// The kinds of request. KindAuto recognises the kind from the body's
// fields.
const (
	KindAuto Kind = iota
	KindReport
	KindCancel
	KindBulkReport
	KindBulkCancel
)

var kindNames = [...]string{"auto", "report", "cancel", "bulk-report", "bulk-cancel"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind reads a kind name: report, cancel, bulk-report or bulk-cancel.
func ParseKind(s string) (Kind, error) {
	for k := KindReport; k <= KindBulkCancel; k++ {
		if s == k.String() {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown request kind %q (want report, cancel, bulk-report or bulk-cancel)", s)
}

// field is a request field as the checks see it: its value, whether it is
// there, and where, for a body that was parsed.
type field struct {
	text    string
	present bool
	bad     bool // of the wrong JSON type, reported already
	checked bool // passed its field's checks as it was read
	ptr     string
	span    schema.Span
	kind    schema.Kind // the JSON type of a bad field's value
}

// reqState collects the violations of one request.
type reqState struct {
	v    *Validator
	viol []Violation
}

func (r *reqState) add(rule string, f field, format string, args ...any) {
	r.viol = append(r.viol, Violation{Pointer: f.ptr, Offset: f.span.Start, End: f.span.End,
		Rule: rule, Severity: ruleSeverity(rule), Message: fmt.Sprintf(format, args...)})
}

func (r *reqState) triggerKey(f *field) {
	switch {
	case f.bad, f.checked:
	case !f.present:
		r.add(RuleTriggerKey, *f, "missing triggerKey")
	case f.text == "":
		r.add(RuleTriggerKey, *f, "triggerKey is empty")
	case len(f.text) > MaxTriggerKey:
		r.add(RuleTriggerKey, *f, "triggerKey has %d characters, want at most %d", len(f.text), MaxTriggerKey)
	default:
		for i := 0; i < len(f.text); i++ {
			c := f.text[i]
			if !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'))) {
				r.add(RuleTriggerKey, *f, "triggerKey %q has %s; want lowercase letters, digits, \"-\" and \"_\", starting with a letter or digit", f.text, charAt(f.text, i))
				return
			}
		}
	}
}

func charAt(s string, i int) string {
	if i == 0 && (s[0] == '_' || s[0] == '-') {
		return fmt.Sprintf("%q first", s[:1])
	}
	for _, r := range s[i:] {
		return fmt.Sprintf("%q", string(r))
	}
	return ""
}

func (r *reqState) entityID(f *field, required bool) {
	switch {
	case f.bad:
	case !f.present && required:
		r.add(RuleEntityID, *f, "missing externalEntityId; the call needs it to know which events to cancel")
	case f.present && !f.checked && !schema.IsUUID(f.text):
		r.add(RuleEntityID, *f, "externalEntityId %s is not a GUID", quoteText(f.text))
	}
}

// report checks the fields of one report: a Report Event, or one event of
// a Bulk Report Event.
func (r *reqState) report(payload, id, key, ttl *field, haveIdem bool, contact string, contactOK bool) {
	if !payload.present {
		r.add(RulePayloadMissing, *payload, "missing payload; Wix answers 400 REQUIRED_PROPERTY")
	}
	r.entityID(id, false)
	if !id.present && !id.bad && r.v.futureKey != "" {
		r.add(RuleEntityIDHint, *id, "no externalEntityId: this scheduled event (futureDate %q) can never be canceled", r.v.futureKey)
	}
	if id.present && contactOK && contact != "" && equalFoldASCII(contact, id.text) {
		r.add(RuleEntityContact, *id, "externalEntityId is the contact ID in %q; canceling would cancel all of the contact's events", r.v.identityKey)
	}
	switch {
	case key.bad:
	case key.present && key.text == "":
		r.add(RuleIdempotency, *key, "idempotency.key is empty")
	case !key.present:
		at := *key
		if !haveIdem {
			at.ptr = parentPtr(key.ptr)
		}
		r.add(RuleIdempotency, at, "no idempotency.key: a retried report would run the automation again")
	}
	if ttl.present && !ttl.bad {
		if n, err := strconv.ParseInt(ttl.text, 10, 64); err != nil || n <= 0 || !allDigits(ttl.text) {
			r.add(RuleTTL, *ttl, "idempotency.ttlInMilliseconds %s is not a positive int64 written in digits", quoteText(ttl.text))
		}
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x >= 'A' && x <= 'Z' {
			x += 'a' - 'A'
		}
		if y >= 'A' && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func parentPtr(p string) string { return string(schema.Pointer(p).Parent()) }

func (r *reqState) bulkCount(f field, n int, what string) {
	switch {
	case n == 0:
		r.add(RuleBulkSize, f, "%s is empty, want 1 to %d items", what, MaxBulk)
	case n > MaxBulk:
		r.add(RuleBulkSize, f, "%s has %d items, want at most %d", what, n, MaxBulk)
	}
}

// payloadViolations validates a typed request's payload and moves its
// pointers under base.
func (r *reqState) payload(raw json.RawMessage, base string) (contact string, ok bool) {
	if len(raw) == 0 {
		return "", false
	}
	vs := r.v.validateIn(raw, 0, len(raw), base)
	r.viol = append(r.viol, vs...)
	for _, v := range vs {
		if v.Rule == RuleSyntax || v.Rule == RuleNotObject {
			return "", false
		}
	}
	return r.v.rootString(raw, 0, r.v.identityKey)
}

// rootString returns the string value of a root key of a payload whose
// syntax was checked.
func (v *Validator) rootString(src []byte, start int, key string) (string, bool) {
	if key == "" {
		return "", false
	}
	s := state{v: v, src: src, pos: start}
	s.ws()
	if s.pos >= len(src) || src[s.pos] != '{' {
		return "", false
	}
	_, _, vs, _, ok := s.member(s.pos, key)
	if !ok || src[vs] != '"' {
		return "", false
	}
	s.pos = vs
	cs, ce, esc := s.str()
	return string(s.text(cs, ce, esc)), true
}

func typed(text, ptr string) *field { return &field{text: text, present: text != "", ptr: ptr} }

// ValidateReport checks a Report Event request and its payload. Payload
// violations have pointers under /payload and offsets into the payload.
func (v *Validator) ValidateReport(req *ReportEvent) Result {
	r := &reqState{v: v}
	r.triggerKey(typed(req.TriggerKey, "/triggerKey"))
	contact, ok := r.payload(req.Payload, "/payload")
	var idem Idempotency
	if req.Idempotency != nil {
		idem = *req.Idempotency
	}
	r.report(&field{present: len(req.Payload) > 0, ptr: "/payload"}, typed(req.ExternalEntityID, "/externalEntityId"),
		&field{text: idem.Key, present: req.Idempotency != nil && idem.Key != "", ptr: "/idempotency/key"},
		typed(idem.TTLInMilliseconds, "/idempotency/ttlInMilliseconds"), req.Idempotency != nil, contact, ok)
	return Result{Violations: r.viol}
}

// ValidateBulkReport checks a Bulk Report Event request and every event's
// payload (pointers under /eventsInfo/N/payload).
func (v *Validator) ValidateBulkReport(req *BulkReportEvent) Result {
	r := &reqState{v: v}
	r.triggerKey(typed(req.TriggerKey, "/triggerKey"))
	r.bulkCount(field{present: true, ptr: "/eventsInfo"}, len(req.EventsInfo), "eventsInfo")
	keys := map[string]int{}
	for i, e := range req.EventsInfo {
		base := "/eventsInfo/" + strconv.Itoa(i)
		contact, ok := r.payload(e.Payload, base+"/payload")
		var idem Idempotency
		if e.Idempotency != nil {
			idem = *e.Idempotency
		}
		key := field{text: idem.Key, present: e.Idempotency != nil && idem.Key != "", ptr: base + "/idempotency/key"}
		r.report(&field{present: len(e.Payload) > 0, ptr: base + "/payload"}, typed(e.ExternalEntityID, base+"/externalEntityId"),
			&key, typed(idem.TTLInMilliseconds, base+"/idempotency/ttlInMilliseconds"), e.Idempotency != nil, contact, ok)
		r.duplicate(keys, key, i, "idempotency key")
	}
	return Result{Violations: r.viol}
}

func (r *reqState) duplicate(seen map[string]int, f field, i int, what string) {
	if !f.present || f.text == "" {
		return
	}
	if first, ok := seen[f.text]; ok {
		r.add(RuleBulkDuplicate, f, "%s %s repeats item %d", what, quoteText(f.text), first)
		return
	}
	seen[f.text] = i
}

// ValidateCancel checks a Cancel Event request.
func ValidateCancel(req *CancelEvent) Result {
	r := &reqState{v: &Validator{}}
	r.triggerKey(typed(req.TriggerKey, "/triggerKey"))
	r.entityID(typed(req.ExternalEntityID, "/externalEntityId"), true)
	return Result{Violations: r.viol}
}

// ValidateBulkCancel checks a Bulk Cancel Event request.
func ValidateBulkCancel(req *BulkCancelEvent) Result {
	r := &reqState{v: &Validator{}}
	r.triggerKey(typed(req.TriggerKey, "/triggerKey"))
	r.bulkCount(field{present: true, ptr: "/externalEntityIds"}, len(req.ExternalEntityIDs), "externalEntityIds")
	seen := map[string]int{}
	for i, id := range req.ExternalEntityIDs {
		f := field{text: id, present: true, ptr: "/externalEntityIds/" + strconv.Itoa(i)}
		r.entityID(&f, true)
		r.duplicate(seen, f, i, "ID")
	}
	return Result{Violations: r.viol}
}
