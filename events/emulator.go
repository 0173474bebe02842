package events

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// Limits of the emulator.
const (
	DefaultMaxBody   = 5 << 20          // bytes of a request body
	MaxLatency       = 10 * time.Second // of an injected latency
	DefaultMaxEvents = 10000            // records the log keeps
	DefaultMaxKeys   = 100000           // idempotency keys and cancelable entities kept
	maxQueuedFaults  = 1000
)

// The inspection and fault paths of the emulator.
const (
	PathEmulatorEvents = "/_emulator/events"
	PathEmulatorFaults = "/_emulator/faults"
)

// The headers that inject a fault into one request.
const (
	// HeaderFail answers the request with this status (429 or 5xx)
	// instead of handling it.
	HeaderFail = "X-Emulator-Fail"
	// HeaderRetryAfter is the Retry-After sent with the fault HeaderFail
	// injects: seconds or an HTTP date. One that is neither, or one
	// without HeaderFail, is answered 400.
	HeaderRetryAfter = "X-Emulator-Retry-After"
	// HeaderLatency delays the answer by a Go duration ("250ms"), at
	// most MaxLatency.
	HeaderLatency = "X-Emulator-Latency"
)

// EmulatorOptions configure an Emulator. The zero value of each field has
// a default, and faults are off.
type EmulatorOptions struct {
	// Now is the clock of idempotency TTLs and records; nil is time.Now.
	Now func() time.Time
	// MaxBody bounds a request body; a longer one is answered 413.
	// Default DefaultMaxBody.
	MaxBody int64
	// FailRate is the fraction, 0 to 1, of calls answered 503.
	FailRate float64
	// Latency delays every call, at most MaxLatency.
	Latency time.Duration
	// Rand returns a number in [0, 1) for FailRate; nil is math/rand/v2.
	// Sleep waits for the latency; nil is a timer. Both must be safe for
	// concurrent use.
	Rand  func() float64
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxEvents bounds the log of records (the oldest are dropped);
	// MaxKeys bounds the idempotency keys and the cancelable external
	// entity IDs kept (the oldest are forgotten). Defaults
	// DefaultMaxEvents and DefaultMaxKeys.
	MaxEvents, MaxKeys int
}

// Fault is an error answer the emulator gives instead of handling a call.
type Fault struct {
	// Status is 429 or 500 to 599.
	Status int `json:"status"`
	// Count is how many calls in a row get the fault (Emulator.FailNext
	// and /_emulator/faults only); 0 is 1.
	Count int `json:"count,omitempty"`
	// RetryAfter is the Retry-After header sent, if any: seconds or an
	// HTTP date.
	RetryAfter string `json:"retryAfter,omitempty"`
}

// FaultError is a fault that cannot be injected.
type FaultError struct {
	Reason string
}

func (e *FaultError) Error() string { return "fault: " + e.Reason }

func (f Fault) check() error {
	if f.Status != 429 && (f.Status < 500 || f.Status > 599) {
		return &FaultError{fmt.Sprintf("status %d, want 429 or 500 to 599", f.Status)}
	}
	if f.Count < 0 || f.Count > maxQueuedFaults {
		return &FaultError{fmt.Sprintf("count %d, want 0 to %d", f.Count, maxQueuedFaults)}
	}
	if f.RetryAfter != "" && !validRetryAfter(f.RetryAfter) {
		return &FaultError{fmt.Sprintf("retryAfter %q, want seconds or an HTTP date", f.RetryAfter)}
	}
	return nil
}

// validRetryAfter reports whether v is a Retry-After value: a number of
// seconds from 0, or an HTTP date.
func validRetryAfter(v string) bool {
	if v != "" && strings.Trim(v, "0123456789") == "" {
		return true
	}
	_, err := http.ParseTime(v)
	return err == nil
}

// Record is one thing the emulator did: an event reported or ignored, an
// external entity's activations canceled, a call refused or faulted. A
// bulk call gives one record per item.
type Record struct {
	Seq  int64     `json:"seq"`
	Time time.Time `json:"time"`
	// Call is report, cancel, bulk-report or bulk-cancel.
	Call string `json:"call"`
	// Index is the item's index in a bulk call, 0 otherwise.
	Index int `json:"index"`
	// Outcome is reported, ignored (its idempotency key was seen within
	// its TTL), canceled, refused or fault.
	Outcome          string          `json:"outcome"`
	Status           int             `json:"status"`
	TriggerKey       string          `json:"triggerKey,omitempty"`
	ExternalEntityID string          `json:"externalEntityId,omitempty"`
	IdempotencyKey   string          `json:"idempotencyKey,omitempty"`
	Payload          json.RawMessage `json:"payload,omitempty"`
	// ActivationIDs are the activations a report started, or those a
	// cancel removed.
	ActivationIDs []string `json:"activationIds,omitempty"`
	// Code and Message say why a call or item was refused.
	Code       string      `json:"code,omitempty"`
	Message    string      `json:"message,omitempty"`
	Violations []Violation `json:"violations,omitempty"`
}

// The outcomes of a record.
const (
	OutcomeReported = "reported"
	OutcomeIgnored  = "ignored"
	OutcomeCanceled = "canceled"
	OutcomeRefused  = "refused"
	OutcomeFault    = "fault"
)

// EventLog is the answer of GET /_emulator/events.
type EventLog struct {
	Events []Record `json:"events"`
	// Dropped counts the records dropped to keep within MaxEvents.
	Dropped int `json:"dropped"`
}

type idemKey struct{ trigger, key string }
type entityKey struct{ trigger, id string }

// Emulator serves the Report and Cancel Event APIs. It is an http.Handler
// and safe for concurrent use.
type Emulator struct {
	reg *Registry
	o   EmulatorOptions

	mu      sync.Mutex
	seq     int64
	log     []Record
	dropped int
	keys    *bounded[idemKey, time.Time]
	pending *bounded[entityKey, []string]
	faults  []Fault
}

// NewEmulator returns an emulator of the calls for the registry's triggers.
func NewEmulator(reg *Registry, opts *EmulatorOptions) (*Emulator, error) {
	if reg == nil {
		return nil, &ConfigError{"Registry", "missing, want the payload schemas"}
	}
	var o EmulatorOptions
	if opts != nil {
		o = *opts
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if math.IsNaN(o.FailRate) || o.FailRate < 0 || o.FailRate > 1 {
		return nil, &ConfigError{"FailRate", fmt.Sprintf("got %v, want 0 to 1", o.FailRate)}
	}
	if o.Latency < 0 || o.Latency > MaxLatency {
		return nil, &ConfigError{"Latency", fmt.Sprintf("got %v, want 0 to %v", o.Latency, MaxLatency)}
	}
	if o.Rand == nil {
		o.Rand = mrand.Float64
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.MaxEvents <= 0 {
		o.MaxEvents = DefaultMaxEvents
	}
	if o.MaxKeys <= 0 {
		o.MaxKeys = DefaultMaxKeys
	}
	return &Emulator{reg: reg, o: o, keys: newBounded[idemKey, time.Time](o.MaxKeys),
		pending: newBounded[entityKey, []string](o.MaxKeys)}, nil
}

// Events returns a copy of the log, oldest first: the newest MaxEvents
// records.
func (e *Emulator) Events() []Record {
	log := e.snapshot()
	return log.Events
}

// snapshot copies the newest MaxEvents records.
func (e *Emulator) snapshot() EventLog {
	e.mu.Lock()
	defer e.mu.Unlock()
	keep := e.log
	if len(keep) > e.o.MaxEvents {
		keep = keep[len(keep)-e.o.MaxEvents:]
	}
	return EventLog{Events: append([]Record{}, keep...), Dropped: e.dropped + len(e.log) - len(keep)}
}

// Reset empties the log, forgets the idempotency keys and the pending
// activations, and drops queued faults.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log, e.dropped, e.faults = nil, 0, nil
	e.keys = newBounded[idemKey, time.Time](e.o.MaxKeys)
	e.pending = newBounded[entityKey, []string](e.o.MaxKeys)
}

// FailNext answers the next f.Count calls with the fault.
func (e *Emulator) FailNext(f Fault) error {
	if err := f.check(); err != nil {
		return err
	}
	n := max(f.Count, 1)
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.faults)+n > maxQueuedFaults {
		return &FaultError{fmt.Sprintf("%d faults queued, want at most %d", len(e.faults)+n, maxQueuedFaults)}
	}
	f.Count = 1
	for range n {
		e.faults = append(e.faults, f)
	}
	return nil
}

// record appends records to the log; the caller holds mu.
func (e *Emulator) record(rs ...Record) {
	now := e.o.Now().UTC()
	for _, r := range rs {
		e.seq++
		r.Seq, r.Time = e.seq, now
		e.log = append(e.log, r)
	}
	if len(e.log) >= 2*e.o.MaxEvents {
		cut := len(e.log) - e.o.MaxEvents
		e.dropped += cut
		e.log = append([]Record(nil), e.log[cut:]...)
	}
}

// ServeHTTP serves the four calls, the inspection API and the fault API.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case PathReport:
		e.call(w, r, validate.KindReport)
	case PathCancel:
		e.call(w, r, validate.KindCancel)
	case PathBulkReport:
		e.call(w, r, validate.KindBulkReport)
	case PathBulkCancel:
		e.call(w, r, validate.KindBulkCancel)
	case PathEmulatorEvents:
		e.inspect(w, r)
	case PathEmulatorFaults:
		e.faultAPI(w, r)
	default:
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path, errorDetails{})
	}
}

func (e *Emulator) inspect(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, e.snapshot())
	case http.MethodDelete:
		e.Reset()
		writeJSON(w, http.StatusOK, struct{}{})
	default:
		w.Header().Set("Allow", "GET, DELETE")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed, want GET or DELETE", errorDetails{})
	}
}

func (e *Emulator) faultAPI(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed, want POST", errorDetails{})
		return
	}
	const maxFault = 4096
	var f Fault
	var msg string
	if body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFault)); err != nil {
		msg = fmt.Sprintf("fault is over %d bytes or cannot be read", maxFault)
	} else if err := json.Unmarshal(body, &f); err != nil {
		msg = decodeMessage("fault", err)
	} else if err := e.FailNext(f); err != nil {
		msg = err.Error()
	}
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg, invalidArgument("", msg, ""))
		return
	}
	writeJSON(w, http.StatusOK, struct{}{})
}

// writeJSON writes a JSON answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status, data = http.StatusInternalServerError, nil
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(data)
}

// writeError writes Wix's error shape.
func writeError(w http.ResponseWriter, status int, msg string, d errorDetails) {
	writeJSON(w, status, errorBody{Message: msg, Details: d})
}

func invalidArgument(field, desc, rule string) errorDetails {
	fv := FieldViolation{Field: field, Description: desc, ViolatedRule: "INVALID_ARGUMENT", RuleName: "VALIDATION_ERROR"}
	if rule != "" {
		fv.Data, _ = json.Marshal(map[string]string{"rule": rule})
	}
	return errorDetails{ValidationError: &validationError{FieldViolations: []FieldViolation{fv}}}
}

// fault decides whether a call is answered with a fault, from its headers,
// the queue and the fail rate.
func (e *Emulator) fault(r *http.Request) (Fault, bool, error) {
	ra := r.Header.Get(HeaderRetryAfter)
	if ra != "" && !validRetryAfter(ra) {
		return Fault{}, false, &FaultError{fmt.Sprintf("%s %q, want seconds or an HTTP date", HeaderRetryAfter, ra)}
	}
	if h := r.Header.Get(HeaderFail); h != "" {
		n, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil {
			return Fault{}, false, &FaultError{fmt.Sprintf("%s %q is not a status", HeaderFail, h)}
		}
		f := Fault{Status: n, RetryAfter: ra}
		if err := f.check(); err != nil {
			return Fault{}, false, err
		}
		return f, true, nil
	}
	if ra != "" {
		return Fault{}, false, &FaultError{fmt.Sprintf("%s %q without %s, want both", HeaderRetryAfter, ra, HeaderFail)}
	}
	e.mu.Lock()
	if len(e.faults) > 0 {
		f := e.faults[0]
		e.faults = e.faults[1:]
		e.mu.Unlock()
		return f, true, nil
	}
	e.mu.Unlock()
	if e.o.FailRate > 0 && e.o.Rand() < e.o.FailRate {
		return Fault{Status: http.StatusServiceUnavailable}, true, nil
	}
	return Fault{}, false, nil
}

func (e *Emulator) latency(r *http.Request) (time.Duration, error) {
	h := r.Header.Get(HeaderLatency)
	if h == "" {
		return e.o.Latency, nil
	}
	d, err := time.ParseDuration(h)
	if err != nil || d < 0 || d > MaxLatency {
		return 0, &FaultError{fmt.Sprintf("%s %q, want a duration from 0 to %v", HeaderLatency, h, MaxLatency)}
	}
	return d, nil
}

// call handles one of the four calls.
func (e *Emulator) call(w http.ResponseWriter, r *http.Request, kind validate.Kind) {
	name := kind.String()
	refuse := func(status int, code, msg string, d errorDetails, trigger string) {
		e.mu.Lock()
		e.record(Record{Call: name, Outcome: OutcomeRefused, Status: status, TriggerKey: trigger, Code: code, Message: msg})
		e.mu.Unlock()
		writeError(w, status, msg, d)
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed, want POST", errorDetails{})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, e.o.MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			refuse(http.StatusRequestEntityTooLarge, "", fmt.Sprintf("request body is over %d bytes", mbe.Limit), errorDetails{}, "")
			return
		}
		refuse(http.StatusBadRequest, CodeInvalidArgument, "reading the request body: "+err.Error(), errorDetails{}, "")
		return
	}
	d, err := e.latency(r)
	if err == nil && d > 0 {
		if err := e.o.Sleep(r.Context(), d); err != nil {
			return // the client went away
		}
	}
	var f Fault
	var faulted bool
	if err == nil {
		f, faulted, err = e.fault(r)
	}
	if err != nil {
		refuse(http.StatusBadRequest, CodeInvalidArgument, err.Error(), invalidArgument("", err.Error(), ""), "")
		return
	}
	if faulted {
		e.mu.Lock()
		e.record(Record{Call: name, Outcome: OutcomeFault, Status: f.Status})
		e.mu.Unlock()
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		if f.Status == http.StatusTooManyRequests {
			writeError(w, f.Status, "too many requests", errorDetails{})
			return
		}
		w.WriteHeader(f.Status) // Wix sends system errors with an empty body
		return
	}

	var env struct {
		TriggerKey json.RawMessage `json:"triggerKey"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		msg := decodeMessage("request body", err)
		refuse(http.StatusBadRequest, CodeInvalidArgument, msg, invalidArgument("", msg, validate.RuleSyntax), "")
		return
	}
	var key string
	if len(env.TriggerKey) == 0 || string(env.TriggerKey) == "null" || json.Unmarshal(env.TriggerKey, &key) != nil || key == "" {
		const msg = "missing triggerKey"
		refuse(http.StatusBadRequest, CodeInvalidArgument, msg, errorDetails{ValidationError: &validationError{FieldViolations: []FieldViolation{{
			Field: "triggerKey", Description: "triggerKey is required and must be a non-empty string", ViolatedRule: "REQUIRED_FIELD", RuleName: "VALIDATION_ERROR"}}}}, "")
		return
	}
	v, ok := e.reg.Validator(key)
	if !ok {
		if reason := triggerKeyProblem(key); reason != "" {
			msg := fmt.Sprintf("triggerKey %q %s", key, reason)
			refuse(http.StatusBadRequest, CodeInvalidArgument, msg, invalidArgument("triggerKey", msg, validate.RuleTriggerKey), key)
			return
		}
		msg := fmt.Sprintf("trigger %q does not belong to the calling app", key)
		refuse(http.StatusForbidden, CodePermissionDenied, msg, errorDetails{ApplicationError: &applicationError{Code: CodePermissionDenied, Description: msg}}, key)
		return
	}
	_, res := v.ValidateRequest(body, kind)
	switch kind {
	case validate.KindReport:
		e.report(w, body, key, res, refuse)
	case validate.KindCancel:
		e.cancel(w, body, key, res, refuse)
	case validate.KindBulkReport:
		e.bulkReport(w, body, key, res, refuse)
	case validate.KindBulkCancel:
		e.bulkCancel(w, body, key, res, refuse)
	}
}

type refuseFunc func(status int, code, msg string, d errorDetails, trigger string)

// under reports whether a pointer is p or below it.
func under(ptr, p string) bool { return ptr == p || strings.HasPrefix(ptr, p+"/") }

func toViolations(vs []validate.Violation) []Violation {
	names := ruleNames()
	out := make([]Violation, len(vs))
	for i, v := range vs {
		out[i] = Violation{Pointer: v.Pointer, Rule: v.Rule, RuleName: names[v.Rule], Severity: v.Severity.String(), Message: v.Message}
	}
	return out
}

func ruleNames() map[string]string {
	m := map[string]string{}
	for _, r := range validate.Rules() {
		m[r.ID] = r.Name
	}
	return m
}

// classify sorts the errors of a request or of one bulk item into Wix's
// answers: a missing payload (400 REQUIRED_PROPERTY), field errors (400
// INVALID_ARGUMENT) and payload errors (428 SCHEMA_VALIDATION_FAILED).
type classified struct {
	missingPayload bool
	fields         []validate.Violation
	payload        bool
}

func classify(vs []validate.Violation, payloadPtr string) classified {
	var c classified
	for _, v := range vs {
		if !isError(v) {
			continue
		}
		switch {
		case v.Rule == validate.RulePayloadMissing:
			c.missingPayload = true
		case under(v.Pointer, payloadPtr):
			c.payload = true
		default:
			c.fields = append(c.fields, v)
		}
	}
	return c
}

func fieldViolations(vs []validate.Violation) errorDetails {
	names := ruleNames()
	ve := &validationError{}
	for _, v := range vs {
		data, _ := json.Marshal(map[string]string{"rule": v.Rule, "ruleName": names[v.Rule]})
		ve.FieldViolations = append(ve.FieldViolations, FieldViolation{Field: pointerField(v.Pointer), Description: v.Message,
			ViolatedRule: "INVALID_ARGUMENT", RuleName: "VALIDATION_ERROR", Data: data})
	}
	return errorDetails{ValidationError: ve}
}

// pointerField turns /eventsInfo/3/externalEntityId into
// eventsInfo[3].externalEntityId, the way Wix names fields.
func pointerField(p string) string {
	var b strings.Builder
	for i, t := range schema.Pointer(p).Tokens() {
		if _, err := strconv.Atoi(t); err == nil && i > 0 {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

const (
	msgMissingPayload = "Missing request payload"
	msgSchemaFailed   = "Schema validation failed"
)

func schemaFailed(vs []Violation) *applicationError {
	data, _ := json.Marshal(violationData{Violations: vs})
	return &applicationError{Code: CodeSchemaValidationFailed, Description: msgSchemaFailed, Data: data}
}

func (e *Emulator) report(w http.ResponseWriter, body []byte, key string, res validate.Result, refuse refuseFunc) {
	c := classify(res.Violations, "/payload")
	switch {
	case c.missingPayload:
		refuse(http.StatusBadRequest, CodeRequiredProperty, msgMissingPayload, errorDetails{ApplicationError: &applicationError{Code: CodeRequiredProperty, Description: msgMissingPayload}}, key)
		return
	case len(c.fields) > 0:
		refuse(http.StatusBadRequest, CodeInvalidArgument, c.fields[0].Message, fieldViolations(c.fields), key)
		return
	case c.payload:
		vs := toViolations(res.Violations)
		var req ReportRequest
		json.Unmarshal(body, &req)
		e.mu.Lock()
		e.record(Record{Call: "report", Outcome: OutcomeRefused, Status: http.StatusPreconditionRequired, TriggerKey: key,
			ExternalEntityID: req.ExternalEntityID, Payload: req.Payload, Code: CodeSchemaValidationFailed, Message: msgSchemaFailed, Violations: vs})
		e.mu.Unlock()
		writeError(w, http.StatusPreconditionRequired, msgSchemaFailed, errorDetails{ApplicationError: schemaFailed(vs)})
		return
	}
	var req ReportRequest
	if err := json.Unmarshal(body, &req); err != nil {
		msg := decodeMessage("request body", err)
		refuse(http.StatusBadRequest, CodeInvalidArgument, msg, invalidArgument("", msg, validate.RuleRequestShape), key)
		return
	}
	now := e.o.Now()
	e.mu.Lock()
	rec := e.reportOne(now, "report", 0, key, EventInfo{Payload: req.Payload, ExternalEntityID: req.ExternalEntityID, Idempotency: req.Idempotency})
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, ReportResponse{ActivationIDs: nonNil(rec.ActivationIDs)})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// reportOne reports one valid event and records it; the caller holds mu.
func (e *Emulator) reportOne(now time.Time, call string, index int, trigger string, ev EventInfo) Record {
	rec := Record{Call: call, Index: index, Status: http.StatusOK, TriggerKey: trigger, ExternalEntityID: ev.ExternalEntityID, Payload: ev.Payload}
	if ev.Idempotency != nil && ev.Idempotency.Key != "" {
		rec.IdempotencyKey = ev.Idempotency.Key
		k := idemKey{trigger, ev.Idempotency.Key}
		if until, ok := e.keys.get(k); ok && now.Before(until) {
			rec.Outcome = OutcomeIgnored
			e.record(rec)
			return rec
		}
		e.keys.put(k, now.Add(ttlOf(ev.Idempotency.TTLInMilliseconds)))
	}
	id := newGUID()
	rec.Outcome, rec.ActivationIDs = OutcomeReported, []string{id}
	if ev.ExternalEntityID != "" {
		ek := entityKey{trigger, strings.ToLower(ev.ExternalEntityID)}
		ids, _ := e.pending.get(ek)
		e.pending.put(ek, append(ids[:len(ids):len(ids)], id))
	}
	e.record(rec)
	return rec
}

// ttlOf reads a validated TTL, Wix's default when there is none.
func ttlOf(s string) time.Duration {
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil || ms <= 0 {
		ms = 604800000
	}
	if ms > math.MaxInt64/int64(time.Millisecond) {
		return math.MaxInt64
	}
	return time.Duration(ms) * time.Millisecond
}

// newGUID returns a random (version 4) GUID.
func newGUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// cancelOne removes the pending activations of an external entity and
// records it; the caller holds mu.
func (e *Emulator) cancelOne(call string, index int, trigger, id string) Record {
	ids, _ := e.pending.delete(entityKey{trigger, strings.ToLower(id)})
	rec := Record{Call: call, Index: index, Outcome: OutcomeCanceled, Status: http.StatusOK, TriggerKey: trigger, ExternalEntityID: id, ActivationIDs: ids}
	e.record(rec)
	return rec
}

func (e *Emulator) cancel(w http.ResponseWriter, body []byte, key string, res validate.Result, refuse refuseFunc) {
	if c := classify(res.Violations, "/payload"); len(c.fields) > 0 {
		refuse(http.StatusBadRequest, CodeInvalidArgument, c.fields[0].Message, fieldViolations(c.fields), key)
		return
	}
	var req CancelRequest
	if err := json.Unmarshal(body, &req); err != nil {
		msg := decodeMessage("request body", err)
		refuse(http.StatusBadRequest, CodeInvalidArgument, msg, invalidArgument("", msg, validate.RuleRequestShape), key)
		return
	}
	e.mu.Lock()
	e.cancelOne("cancel", 0, key, req.ExternalEntityID)
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, CancelResponse{})
}

// itemErrors splits the errors of a bulk request into those of the whole
// request and those of each item under list.
func itemErrors(vs []validate.Violation, list string, n int) (whole []validate.Violation, items [][]validate.Violation) {
	items = make([][]validate.Violation, n)
	for _, v := range vs {
		rest, ok := strings.CutPrefix(v.Pointer, list+"/")
		if !ok {
			if isError(v) {
				whole = append(whole, v)
			}
			continue
		}
		idx, _, _ := strings.Cut(rest, "/")
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= n {
			whole = append(whole, v)
			continue
		}
		items[i] = append(items[i], v)
	}
	return whole, items
}

// rawList reads an array field as raw items; an item that is not an
// object decodes as the zero value.
func rawList(body []byte, field string) []json.RawMessage {
	var m map[string]json.RawMessage
	json.Unmarshal(body, &m)
	var list []json.RawMessage
	json.Unmarshal(m[field], &list)
	return list
}

func (e *Emulator) bulkReport(w http.ResponseWriter, body []byte, key string, res validate.Result, refuse refuseFunc) {
	items := rawList(body, "eventsInfo")
	whole, perItem := itemErrors(res.Violations, "/eventsInfo", len(items))
	if len(whole) > 0 {
		refuse(http.StatusBadRequest, CodeInvalidArgument, whole[0].Message, fieldViolations(whole), key)
		return
	}
	out := BulkReportResponse{TriggerKey: key, Results: make([]BulkReportResult, len(items))}
	now := e.o.Now()
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, raw := range items {
		var ev EventInfo
		json.Unmarshal(raw, &ev)
		base := "/eventsInfo/" + strconv.Itoa(i)
		r := BulkReportResult{ItemMetadata: ItemMetadata{ID: ev.ExternalEntityID, OriginalIndex: i}, EventInfo: &ev}
		c := classify(perItem[i], base+"/payload")
		var ie *ItemError
		switch {
		case c.missingPayload:
			ie = &ItemError{Code: CodeRequiredProperty, Description: msgMissingPayload}
		case len(c.fields) > 0:
			data, _ := json.Marshal(violationData{Violations: toViolations(c.fields)})
			ie = &ItemError{Code: CodeInvalidArgument, Description: c.fields[0].Message, Data: data}
		case c.payload:
			ae := schemaFailed(toViolations(perItem[i]))
			ie = &ItemError{Code: ae.Code, Description: ae.Description, Data: ae.Data}
		}
		if ie != nil {
			var vd violationData
			json.Unmarshal(ie.Data, &vd)
			e.record(Record{Call: "bulk-report", Index: i, Outcome: OutcomeRefused, Status: http.StatusOK, TriggerKey: key,
				ExternalEntityID: ev.ExternalEntityID, Payload: ev.Payload, Code: ie.Code, Message: ie.Description, Violations: vd.Violations})
			r.ItemMetadata.Error = ie
			out.BulkActionMetadata.TotalFailures++
		} else {
			rec := e.reportOne(now, "bulk-report", i, key, ev)
			r.ItemMetadata.Success = true
			r.ActivationIDs = nonNil(rec.ActivationIDs)
			out.BulkActionMetadata.TotalSuccesses++
		}
		out.Results[i] = r
	}
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) bulkCancel(w http.ResponseWriter, body []byte, key string, res validate.Result, refuse refuseFunc) {
	items := rawList(body, "externalEntityIds")
	whole, perItem := itemErrors(res.Violations, "/externalEntityIds", len(items))
	if len(whole) > 0 {
		refuse(http.StatusBadRequest, CodeInvalidArgument, whole[0].Message, fieldViolations(whole), key)
		return
	}
	out := BulkCancelResponse{Results: make([]BulkCancelResult, len(items))}
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, raw := range items {
		var id string
		json.Unmarshal(raw, &id)
		r := BulkCancelResult{ItemMetadata: ItemMetadata{ID: id, OriginalIndex: i}, ExternalEntityID: id}
		var errs []validate.Violation
		for _, v := range perItem[i] {
			if isError(v) {
				errs = append(errs, v)
			}
		}
		if len(errs) > 0 {
			vs := toViolations(errs)
			data, _ := json.Marshal(violationData{Violations: vs})
			r.ItemMetadata.Error = &ItemError{Code: CodeInvalidArgument, Description: errs[0].Message, Data: data}
			e.record(Record{Call: "bulk-cancel", Index: i, Outcome: OutcomeRefused, Status: http.StatusOK, TriggerKey: key,
				ExternalEntityID: id, Code: CodeInvalidArgument, Message: errs[0].Message, Violations: vs})
			out.BulkActionMetadata.TotalFailures++
		} else {
			e.cancelOne("bulk-cancel", i, key, id)
			r.ItemMetadata.Success = true
			out.BulkActionMetadata.TotalSuccesses++
		}
		out.Results[i] = r
	}
	writeJSON(w, http.StatusOK, out)
}
