package events_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/events"
)

// clock is an injected clock that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newEmulator(t testing.TB, o *events.EmulatorOptions) (*events.Emulator, string) {
	t.Helper()
	em, err := events.NewEmulator(registry(t), o)
	if err != nil {
		t.Fatal(err)
	}
	return em, loopback(t, em)
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func post(t testing.TB, url, body string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, b}
}

// wixError is Wix's error shape, strictly decoded.
type wixError struct {
	Message string `json:"message"`
	Details struct {
		ApplicationError *struct {
			Code        string          `json:"code"`
			Description string          `json:"description"`
			Data        json.RawMessage `json:"data"`
		} `json:"applicationError"`
		ValidationError *struct {
			FieldViolations []events.FieldViolation `json:"fieldViolations"`
		} `json:"validationError"`
	} `json:"details"`
}

func decodeError(t testing.TB, a answer) wixError {
	t.Helper()
	var e wixError
	d := json.NewDecoder(bytes.NewReader(a.body))
	d.DisallowUnknownFields()
	if err := d.Decode(&e); err != nil {
		t.Fatalf("error body %s: %v", a.body, err)
	}
	if e.Message == "" {
		t.Errorf("error body %s has no message", a.body)
	}
	return e
}

func report(payload, extra string) string {
	return `{"triggerKey":"order-paid","payload":` + payload + extra + `}`
}

// TestEmulatorStatusesAndShapes sends each kind of call over loopback HTTP
// and checks the status and the shape of the answer.
func TestEmulatorStatusesAndShapes(t *testing.T) {
	_, url := newEmulator(t, nil)
	r := url + events.PathReport
	cases := []struct {
		name, path, body string
		headers          []string
		status           int
		check            func(t *testing.T, a answer)
	}{
		{"valid report", r, report(validPayload, `,"externalEntityId":"`+guid(1)+`","idempotency":{"key":"k1","ttlInMilliseconds":"60000"}`), nil, 200,
			func(t *testing.T, a answer) {
				var rr events.ReportResponse
				json.Unmarshal(a.body, &rr)
				if len(rr.ActivationIDs) != 1 || !guidRE.MatchString(rr.ActivationIDs[0]) || a.header.Get("Content-Type") != "application/json" {
					t.Errorf("answer %s", a.body)
				}
			}},
		{"malformed JSON", r, `{"triggerKey":"order-paid",`, nil, 400, func(t *testing.T, a answer) {
			e := decodeError(t, a)
			if e.Details.ValidationError == nil || e.Details.ValidationError.FieldViolations[0].ViolatedRule != "INVALID_ARGUMENT" {
				t.Errorf("answer %s", a.body)
			}
		}},
		{"not an object", r, `[1,2]`, nil, 400, nil},
		{"missing trigger key", r, `{"payload":{}}`, nil, 400, func(t *testing.T, a answer) {
			e := decodeError(t, a)
			if e.Details.ValidationError == nil || e.Details.ValidationError.FieldViolations[0].Field != "triggerKey" {
				t.Errorf("answer %s", a.body)
			}
		}},
		{"trigger key not a string", r, `{"triggerKey":7,"payload":{}}`, nil, 400, nil},
		{"missing payload", r, `{"triggerKey":"order-paid"}`, nil, 400, func(t *testing.T, a answer) {
			e := decodeError(t, a)
			if ae := e.Details.ApplicationError; ae == nil || ae.Code != "REQUIRED_PROPERTY" || e.Message != "Missing request payload" {
				t.Errorf("answer %s", a.body)
			}
		}},
		{"external entity ID not a GUID", r, report(validPayload, `,"externalEntityId":"order-42"`), nil, 400, func(t *testing.T, a answer) {
			e := decodeError(t, a)
			if ve := e.Details.ValidationError; ve == nil || ve.FieldViolations[0].Field != "externalEntityId" || !strings.Contains(string(ve.FieldViolations[0].Data), "TK9105") {
				t.Errorf("answer %s", a.body)
			}
		}},
		{"TTL not digits", r, report(validPayload, `,"idempotency":{"key":"k","ttlInMilliseconds":"1h"}`), nil, 400, func(t *testing.T, a answer) {
			if ve := decodeError(t, a).Details.ValidationError; ve == nil || ve.FieldViolations[0].Field != "idempotency.ttlInMilliseconds" {
				t.Errorf("answer %s", a.body)
			}
		}},
		{"malformed trigger key", r, `{"triggerKey":"Order Paid","payload":{}}`, nil, 400, nil},
		{"trigger not the app's", r, `{"triggerKey":"someone-elses","payload":{}}`, nil, 403, func(t *testing.T, a answer) {
			if ae := decodeError(t, a).Details.ApplicationError; ae == nil || ae.Code != "PERMISSION_DENIED" {
				t.Errorf("answer %s", a.body)
			}
		}},
		{"payload does not match", r, report(invalidPayload, ""), nil, 428, func(t *testing.T, a answer) {
			e := decodeError(t, a)
			ae := e.Details.ApplicationError
			if ae == nil || ae.Code != "SCHEMA_VALIDATION_FAILED" || e.Message != "Schema validation failed" {
				t.Fatalf("answer %s", a.body)
			}
			var data struct{ Violations []events.Violation }
			json.Unmarshal(ae.Data, &data)
			errs := 0
			for _, v := range data.Violations {
				if v.Pointer == "" || !strings.HasPrefix(v.Rule, "TK9") || v.RuleName == "" || v.Message == "" {
					t.Errorf("violation %+v lacks a field", v)
				}
				if v.Severity == "error" {
					errs++
				}
			}
			if errs != 5 {
				t.Errorf("%d errors in %s, want 5", errs, ae.Data)
			}
		}},
		{"GET a call", r, "", nil, 405, nil},
		{"unknown path", url + "/automations/v1/events/nope", "{}", nil, 404, nil},
		{"cancel", url + events.PathCancel, `{"triggerKey":"order-paid","externalEntityId":"` + guid(1) + `"}`, nil, 200, func(t *testing.T, a answer) {
			if string(a.body) != "{}" {
				t.Errorf("answer %s, want {}", a.body)
			}
		}},
		{"cancel without ID", url + events.PathCancel, `{"triggerKey":"order-paid"}`, nil, 400, nil},
		{"bulk report of 101", url + events.PathBulkReport, `{"triggerKey":"order-paid","eventsInfo":[` + strings.Repeat(`{"payload":`+validPayload+`},`, 100) + `{"payload":` + validPayload + `}]}`, nil, 400, nil},
		{"bulk report per item", url + events.PathBulkReport, `{"triggerKey":"order-paid","eventsInfo":[{"payload":` + validPayload + `},{"payload":` + invalidPayload + `},{},{"payload":` + validPayload + `,"externalEntityId":"x"},"junk"]}`, nil, 200,
			func(t *testing.T, a answer) {
				var br events.BulkReportResponse
				if err := json.Unmarshal(a.body, &br); err != nil {
					t.Fatal(err)
				}
				codes := []string{}
				for i, r := range br.Results {
					if r.ItemMetadata.OriginalIndex != i {
						t.Errorf("result %d has index %d", i, r.ItemMetadata.OriginalIndex)
					}
					if r.ItemMetadata.Error != nil {
						codes = append(codes, r.ItemMetadata.Error.Code)
					} else {
						codes = append(codes, "ok")
					}
				}
				want := "ok SCHEMA_VALIDATION_FAILED REQUIRED_PROPERTY INVALID_ARGUMENT INVALID_ARGUMENT"
				if strings.Join(codes, " ") != want || br.BulkActionMetadata != (events.BulkActionMetadata{TotalSuccesses: 1, TotalFailures: 4}) || br.TriggerKey != "order-paid" {
					t.Errorf("got %q %+v, want %q", codes, br.BulkActionMetadata, want)
				}
			}},
		{"bulk cancel per item", url + events.PathBulkCancel, `{"triggerKey":"order-paid","externalEntityIds":["` + guid(1) + `","nope"]}`, nil, 200, func(t *testing.T, a answer) {
			var bc events.BulkCancelResponse
			json.Unmarshal(a.body, &bc)
			if len(bc.Results) != 2 || !bc.Results[0].ItemMetadata.Success || bc.Results[1].ItemMetadata.Error == nil || bc.Results[1].ExternalEntityID != "nope" {
				t.Errorf("answer %s", a.body)
			}
		}},
		{"bulk cancel empty", url + events.PathBulkCancel, `{"triggerKey":"order-paid","externalEntityIds":[]}`, nil, 400, nil},
		{"injected 503", r, report(validPayload, ""), []string{events.HeaderFail, "503"}, 503, func(t *testing.T, a answer) {
			if len(a.body) != 0 {
				t.Errorf("body %q, want none (Wix's system errors have none)", a.body)
			}
		}},
		{"injected 429", r, report(validPayload, ""), []string{events.HeaderFail, "429", events.HeaderRetryAfter, "2"}, 429, func(t *testing.T, a answer) {
			decodeError(t, a)
			if a.header.Get("Retry-After") != "2" {
				t.Errorf("Retry-After %q, want 2", a.header.Get("Retry-After"))
			}
		}},
		{"bad fault header", r, report(validPayload, ""), []string{events.HeaderFail, "200"}, 400, nil},
		{"bad latency header", r, report(validPayload, ""), []string{events.HeaderLatency, "1h"}, 400, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var a answer
			if tc.name == "GET a call" {
				req, _ := http.NewRequest(http.MethodGet, tc.path, nil)
				a = do(t, req)
				if a.header.Get("Allow") != "POST" {
					t.Errorf("Allow %q, want POST", a.header.Get("Allow"))
				}
			} else {
				a = post(t, tc.path, tc.body, tc.headers...)
			}
			if a.status != tc.status {
				t.Fatalf("status %d, want %d; body %s", a.status, tc.status, a.body)
			}
			if tc.status >= 400 && tc.status != 503 {
				decodeError(t, a)
			}
			if tc.check != nil {
				tc.check(t, a)
			}
		})
	}
}

// TestEmulatorIdempotencyTTL: the same key for the same trigger is ignored
// while its TTL lasts and accepted again after, with an injected clock.
func TestEmulatorIdempotencyTTL(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	em, url := newEmulator(t, &events.EmulatorOptions{Now: c.now})
	send := func(trigger, key, ttl, payload string) []string {
		t.Helper()
		idem := `{"key":"` + key + `"}`
		if ttl != "" {
			idem = `{"key":"` + key + `","ttlInMilliseconds":"` + ttl + `"}`
		}
		a := post(t, url+events.PathReport, `{"triggerKey":"`+trigger+`","payload":`+payload+`,"idempotency":`+idem+`}`)
		if a.status != 200 {
			t.Fatalf("status %d: %s", a.status, a.body)
		}
		var rr events.ReportResponse
		json.Unmarshal(a.body, &rr)
		if rr.ActivationIDs == nil {
			t.Fatalf("activationIds missing from %s, want a list", a.body)
		}
		return rr.ActivationIDs
	}
	form := `{"formName":"Contact us","contactId":"0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64"}`
	if n := len(send("order-paid", "k", "1000", validPayload)); n != 1 {
		t.Fatalf("first report: %d activations, want 1", n)
	}
	c.add(999 * time.Millisecond)
	if n := len(send("order-paid", "k", "1000", validPayload)); n != 0 {
		t.Errorf("within the TTL: %d activations, want 0 (ignored)", n)
	}
	if n := len(send("form-submitted", "k", "1000", form)); n != 1 {
		t.Errorf("same key, other trigger: %d activations, want 1", n)
	}
	c.add(time.Millisecond)
	if n := len(send("order-paid", "k", "1000", validPayload)); n != 1 {
		t.Errorf("after the TTL: %d activations, want 1", n)
	}
	// Without a TTL, Wix's default of one week applies.
	send("order-paid", "week", "", validPayload)
	c.add(7*24*time.Hour - time.Second)
	if n := len(send("order-paid", "week", "", validPayload)); n != 0 {
		t.Errorf("within a week: %d activations, want 0", n)
	}
	c.add(time.Second)
	if n := len(send("order-paid", "week", "", validPayload)); n != 1 {
		t.Errorf("after a week: %d activations, want 1", n)
	}
	got := outcomes(em.Events())
	want := []string{"report:reported", "report:ignored", "report:reported", "report:reported", "report:reported", "report:ignored", "report:reported"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("records %q, want %q", got, want)
	}
	// Inside one bulk report, a repeated key is ignored too.
	a := post(t, url+events.PathBulkReport, `{"triggerKey":"order-paid","eventsInfo":[{"payload":`+validPayload+`,"idempotency":{"key":"b"}},{"payload":`+validPayload+`,"idempotency":{"key":"b"}}]}`)
	var br events.BulkReportResponse
	json.Unmarshal(a.body, &br)
	if len(br.Results) != 2 || len(br.Results[0].ActivationIDs) != 1 || len(br.Results[1].ActivationIDs) != 0 || !br.Results[1].ItemMetadata.Success {
		t.Errorf("bulk with a repeated key: %s", a.body)
	}
}

// TestEmulatorCancelRemovesPending: Cancel removes every pending activation
// of the trigger and external entity ID, once.
func TestEmulatorCancelRemovesPending(t *testing.T) {
	em, url := newEmulator(t, nil)
	var ids []string
	for i, id := range []string{guid(1), strings.ToUpper(guid(1)), guid(2)} {
		a := post(t, url+events.PathReport, report(validPayload, fmt.Sprintf(`,"externalEntityId":"%s","idempotency":{"key":"k%d"}`, id, i)))
		var rr events.ReportResponse
		json.Unmarshal(a.body, &rr)
		ids = append(ids, rr.ActivationIDs...)
	}
	post(t, url+events.PathCancel, `{"triggerKey":"order-paid","externalEntityId":"`+guid(1)+`"}`)
	post(t, url+events.PathCancel, `{"triggerKey":"order-paid","externalEntityId":"`+guid(1)+`"}`)
	post(t, url+events.PathBulkCancel, `{"triggerKey":"order-paid","externalEntityIds":["`+guid(2)+`"]}`)
	ev := em.Events()
	if len(ev) != 6 {
		t.Fatalf("%d records", len(ev))
	}
	if fmt.Sprint(ev[3].ActivationIDs) != fmt.Sprint(ids[:2]) || len(ev[4].ActivationIDs) != 0 || fmt.Sprint(ev[5].ActivationIDs) != fmt.Sprint(ids[2:]) {
		t.Errorf("canceled %q, %q, %q; reported %q", ev[3].ActivationIDs, ev[4].ActivationIDs, ev[5].ActivationIDs, ids)
	}
}

// TestEmulatorInspectionAPI lists and forgets the records over HTTP, and
// queues faults.
func TestEmulatorInspectionAPI(t *testing.T) {
	em, url := newEmulator(t, nil)
	post(t, url+events.PathReport, report(validPayload, `,"idempotency":{"key":"same"}`))
	post(t, url+events.PathReport, report(invalidPayload, ""))
	a := do(t, mustRequest(t, http.MethodGet, url+events.PathEmulatorEvents, ""))
	var log events.EventLog
	if err := json.Unmarshal(a.body, &log); err != nil || len(log.Events) != 2 {
		t.Fatalf("log %s: %v", a.body, err)
	}
	if r := log.Events[1]; r.Outcome != "refused" || r.Status != 428 || r.Code != "SCHEMA_VALIDATION_FAILED" || len(r.Violations) == 0 || !strings.Contains(string(r.Payload), "not-a-guid") {
		t.Errorf("refused record %+v", r)
	}
	if a := do(t, mustRequest(t, http.MethodDelete, url+events.PathEmulatorEvents, "")); a.status != 200 || len(em.Events()) != 0 {
		t.Fatalf("DELETE: %d, %d records left", a.status, len(em.Events()))
	}
	// The key was forgotten with the rest.
	a = post(t, url+events.PathReport, report(validPayload, `,"idempotency":{"key":"same"}`))
	if !strings.Contains(string(a.body), "-") {
		t.Errorf("after DELETE the key still ignores reports: %s", a.body)
	}
	if a := post(t, url+events.PathEmulatorFaults, `{"status":502,"count":2,"retryAfter":"1"}`); a.status != 200 {
		t.Fatalf("queue faults: %d %s", a.status, a.body)
	}
	for range 2 {
		if a := post(t, url+events.PathReport, report(validPayload, "")); a.status != 502 || a.header.Get("Retry-After") != "1" {
			t.Errorf("queued fault: %d %v", a.status, a.header)
		}
	}
	if a := post(t, url+events.PathReport, report(validPayload, "")); a.status != 200 {
		t.Errorf("after the queued faults: %d", a.status)
	}
	for _, bad := range []string{`{"status":200}`, `{"status":503,"count":5000}`, `nope`} {
		if a := post(t, url+events.PathEmulatorFaults, bad); a.status != 400 {
			t.Errorf("fault %s: status %d, want 400", bad, a.status)
		}
	}
	if a := do(t, mustRequest(t, http.MethodPut, url+events.PathEmulatorEvents, "")); a.status != 405 {
		t.Errorf("PUT /_emulator/events: %d, want 405", a.status)
	}
}

func mustRequest(t testing.TB, method, url, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestEmulatorFailRateAndLatency: --fail-rate answers that fraction with
// 503 (with an injected random source); --latency delays each call.
func TestEmulatorFailRateAndLatency(t *testing.T) {
	var n atomic.Int64
	var slept atomic.Int64
	_, url := newEmulator(t, &events.EmulatorOptions{FailRate: 0.25, Latency: 40 * time.Millisecond,
		Rand: func() float64 { return float64(n.Add(1)%4) / 4 }, // 0.25, 0.5, 0.75, 0
		Sleep: func(ctx context.Context, d time.Duration) error {
			slept.Add(int64(d))
			return nil
		}})
	var statuses []int
	for i := range 8 {
		a := post(t, url+events.PathReport, report(validPayload, fmt.Sprintf(`,"idempotency":{"key":"r%d"}`, i)))
		statuses = append(statuses, a.status)
	}
	if fmt.Sprint(statuses) != "[200 200 200 503 200 200 200 503]" {
		t.Errorf("statuses %v, want every fourth 503", statuses)
	}
	if got := time.Duration(slept.Load()); got != 8*40*time.Millisecond {
		t.Errorf("slept %v, want 8 x 40ms", got)
	}
	for _, o := range []events.EmulatorOptions{{FailRate: 1.5}, {FailRate: -1}, {Latency: time.Minute}} {
		var ce *events.ConfigError
		if _, err := events.NewEmulator(registry(t), &o); !errors.As(err, &ce) {
			t.Errorf("%+v: got %v, want a *ConfigError", o, err)
		}
	}
}

// TestEmulatorConcurrentReports: 64 goroutines report at once; every
// report is answered, recorded once, with its own activation ID. Run with
// -race.
func TestEmulatorConcurrentReports(t *testing.T) {
	em, url := newEmulator(t, nil)
	const workers, each = 64, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	ids := make(chan string, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				body := report(validPayload, fmt.Sprintf(`,"externalEntityId":"%s","idempotency":{"key":"w%d-%d"}`, guid(w), w, i))
				resp, err := http.Post(url+events.PathReport, "application/json", strings.NewReader(body))
				if err != nil {
					errs <- err
					continue
				}
				var rr events.ReportResponse
				err = json.NewDecoder(resp.Body).Decode(&rr)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || len(rr.ActivationIDs) != 1 {
					errs <- fmt.Errorf("status %d, %v, %v", resp.StatusCode, rr.ActivationIDs, err)
					continue
				}
				ids <- rr.ActivationIDs[0]
			}
		}()
	}
	// Read the log while the reports arrive.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			em.Events()
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	<-done
	close(errs)
	close(ids)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("activation ID %s given twice", id)
		}
		seen[id] = true
	}
	ev := em.Events()
	if len(seen) != workers*each || len(ev) != workers*each {
		t.Fatalf("%d IDs, %d records, want %d", len(seen), len(ev), workers*each)
	}
	for i, r := range ev {
		if r.Seq != int64(i+1) || r.Outcome != "reported" {
			t.Fatalf("record %d: seq %d outcome %s", i, r.Seq, r.Outcome)
		}
	}
	// The pending activations of each entity are all there to cancel.
	a := post(t, url+events.PathCancel, `{"triggerKey":"order-paid","externalEntityId":"`+guid(7)+`"}`)
	if last := em.Events()[len(em.Events())-1]; a.status != 200 || len(last.ActivationIDs) != each {
		t.Errorf("cancel of one worker's entity removed %d activations, want %d", len(last.ActivationIDs), each)
	}
}

// TestEmulatorRefuses10MB: a 10 MB body is answered 413 in Wix's shape,
// and the emulator goes on serving.
func TestEmulatorRefuses10MB(t *testing.T) {
	em, url := newEmulator(t, nil)
	big := `{"triggerKey":"order-paid","payload":{"orderId":"` + strings.Repeat("x", 10<<20) + `"}}`
	a := post(t, url+events.PathReport, big)
	if a.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", a.status)
	}
	decodeError(t, a)
	if a := post(t, url+events.PathReport, report(validPayload, "")); a.status != 200 {
		t.Errorf("after the 413: %d", a.status)
	}
	if ev := em.Events(); len(ev) != 2 || ev[0].Status != 413 || ev[0].Outcome != "refused" {
		t.Errorf("records %+v", ev)
	}
}

// TestEmulatorLogBounded: the log keeps the newest MaxEvents records and
// counts those dropped.
func TestEmulatorLogBounded(t *testing.T) {
	em, url := newEmulator(t, &events.EmulatorOptions{MaxEvents: 5, MaxKeys: 3})
	for i := range 12 {
		post(t, url+events.PathReport, report(validPayload, fmt.Sprintf(`,"idempotency":{"key":"k%d"}`, i)))
	}
	ev := em.Events()
	if len(ev) != 5 || ev[0].Seq != 8 || ev[len(ev)-1].Seq != 12 {
		t.Fatalf("%d records kept, last seq %d", len(ev), ev[len(ev)-1].Seq)
	}
	var log events.EventLog
	json.Unmarshal(do(t, mustRequest(t, http.MethodGet, url+events.PathEmulatorEvents, "")).body, &log)
	if log.Dropped != 7 || len(log.Events) != 5 {
		t.Errorf("dropped %d + kept %d, want 12", log.Dropped, len(log.Events))
	}
	// k0 was forgotten to keep 3 keys: reporting it again starts an activation.
	if a := post(t, url+events.PathReport, report(validPayload, `,"idempotency":{"key":"k0"}`)); !strings.Contains(string(a.body), "-") {
		t.Errorf("forgotten key still ignored: %s", a.body)
	}
}

// TestServeGracefulShutdown: calls in flight when the context ends are all
// answered and recorded; then the port is closed.
func TestServeGracefulShutdown(t *testing.T) {
	var inside sync.WaitGroup
	const n = 16
	inside.Add(n)
	release := make(chan struct{})
	em, err := events.NewEmulator(registry(t), &events.EmulatorOptions{Latency: time.Millisecond,
		Sleep: func(ctx context.Context, d time.Duration) error {
			inside.Done()
			<-release
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- events.Serve(ctx, ln, em, events.ServerOptions{}) }()
	statuses := make(chan int, n)
	for i := range n {
		go func() {
			resp, err := http.Post(url+events.PathReport, "application/json",
				strings.NewReader(report(validPayload, fmt.Sprintf(`,"idempotency":{"key":"g%d"}`, i))))
			if err != nil {
				statuses <- -1
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	inside.Wait() // every call is accepted and in the handler
	cancel()
	time.Sleep(50 * time.Millisecond) // Shutdown has closed the listener
	close(release)
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	for range n {
		if s := <-statuses; s != 200 {
			t.Errorf("a call in flight got %d, want 200", s)
		}
	}
	if ev := em.Events(); len(ev) != n {
		t.Errorf("%d records, want %d", len(ev), n)
	}
	if _, err := http.Post(url+events.PathReport, "application/json", strings.NewReader("{}")); err == nil {
		t.Errorf("a call after shutdown was answered")
	}
}
