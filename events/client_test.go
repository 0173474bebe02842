package events_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/validate"
)

var guidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestClientEveryEndpoint reports, cancels, bulk-reports and bulk-cancels
// against the emulator and checks the answers and what the emulator saw.
func TestClientEveryEndpoint(t *testing.T) {
	s := newSetup(t, nil, nil)
	ctx := context.Background()
	rep, err := s.client.Report(ctx, &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload), ExternalEntityID: guid(1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.ActivationIDs) != 1 || !guidRE.MatchString(rep.ActivationIDs[0]) {
		t.Fatalf("activation IDs %q, want one GUID", rep.ActivationIDs)
	}
	if _, err := s.client.Cancel(ctx, &events.CancelRequest{TriggerKey: "order-paid", ExternalEntityID: guid(1)}); err != nil {
		t.Fatal(err)
	}
	bulk, err := s.client.BulkReport(ctx, &events.BulkReportRequest{TriggerKey: "order-paid", EventsInfo: []events.EventInfo{
		{Payload: json.RawMessage(validPayload), ExternalEntityID: guid(2)},
		{Payload: json.RawMessage(validPayload), ExternalEntityID: guid(3)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if bulk.TriggerKey != "order-paid" || len(bulk.Results) != 2 || bulk.BulkActionMetadata != (events.BulkActionMetadata{TotalSuccesses: 2}) {
		t.Fatalf("bulk report: %+v", bulk)
	}
	for i, r := range bulk.Results {
		if !r.ItemMetadata.Success || r.ItemMetadata.OriginalIndex != i || len(r.ActivationIDs) != 1 || r.EventInfo.ExternalEntityID != guid(i+2) {
			t.Errorf("result %d: %+v", i, r)
		}
	}
	bc, err := s.client.BulkCancel(ctx, &events.BulkCancelRequest{TriggerKey: "order-paid", ExternalEntityIDs: []string{guid(2), guid(3)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(bc.Results) != 2 || bc.BulkActionMetadata.TotalSuccesses != 2 || bc.Results[1].ExternalEntityID != guid(3) || bc.Results[1].ItemMetadata.OriginalIndex != 1 {
		t.Fatalf("bulk cancel: %+v", bc)
	}
	got := outcomes(s.em.Events())
	want := []string{"report:reported", "cancel:canceled", "bulk-report:reported", "bulk-report:reported", "bulk-cancel:canceled", "bulk-cancel:canceled"}
	if !slices.Equal(got, want) {
		t.Fatalf("records %q, want %q", got, want)
	}
	ev := s.em.Events()
	if !slices.Equal(ev[1].ActivationIDs, rep.ActivationIDs) {
		t.Errorf("cancel removed %q, want the report's %q", ev[1].ActivationIDs, rep.ActivationIDs)
	}
	if !slices.Equal(ev[5].ActivationIDs, bulk.Results[1].ActivationIDs) {
		t.Errorf("bulk cancel removed %q, want %q", ev[5].ActivationIDs, bulk.Results[1].ActivationIDs)
	}
	if k := ev[0].IdempotencyKey; k != events.IdempotencyKey("order-paid", guid(1), []byte(validPayload)) {
		t.Errorf("sent idempotency key %q, want the derived one", k)
	}
	for _, r := range s.count.reqs {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s content type %q", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
	}
}

// TestClientInvalidPayloadMakesNoRequest: the payload breaks the schema, so
// nothing leaves the process and the error holds every violation.
func TestClientInvalidPayloadMakesNoRequest(t *testing.T) {
	s := newSetup(t, nil, nil)
	ctx := context.Background()
	_, err := s.client.Report(ctx, &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(invalidPayload)})
	var ve *validate.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *validate.ValidationError", err)
	}
	var got []string
	for _, v := range ve.Violations {
		got = append(got, v.Pointer+" "+v.Rule)
	}
	want := []string{"/payload TK9003", "/payload TK9003", "/payload TK9003", "/payload TK9003", "/payload/orderId TK9005"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("violations %q, want %q", got, want)
	}
	_, err = s.client.BulkReport(ctx, &events.BulkReportRequest{TriggerKey: "order-paid", EventsInfo: []events.EventInfo{
		{Payload: json.RawMessage(validPayload)}, {Payload: json.RawMessage(invalidPayload)}}})
	if !errors.As(err, &ve) || !strings.HasPrefix(ve.Violations[0].Pointer, "/eventsInfo/1/payload") {
		t.Errorf("bulk: got %v, want violations under /eventsInfo/1", err)
	}
	_, err = s.client.Cancel(ctx, &events.CancelRequest{TriggerKey: "order-paid", ExternalEntityID: "42"})
	if !errors.As(err, &ve) || ve.Violations[0].Rule != validate.RuleEntityID {
		t.Errorf("cancel: got %v, want a %s violation", err, validate.RuleEntityID)
	}
	_, err = s.client.BulkCancel(ctx, &events.BulkCancelRequest{TriggerKey: "order-paid"})
	if !errors.As(err, &ve) || ve.Violations[0].Rule != validate.RuleBulkSize {
		t.Errorf("empty bulk cancel: got %v, want a %s violation", err, validate.RuleBulkSize)
	}
	_, err = s.client.Report(ctx, &events.ReportRequest{TriggerKey: "Order Paid", Payload: json.RawMessage(validPayload)})
	if !errors.As(err, &ve) || ve.Violations[0].Rule != validate.RuleTriggerKey {
		t.Errorf("malformed trigger key: got %v, want a %s violation", err, validate.RuleTriggerKey)
	}
	var ue *events.UnknownTriggerError
	_, err = s.client.Report(ctx, &events.ReportRequest{TriggerKey: "no-such-trigger", Payload: json.RawMessage(validPayload)})
	if !errors.As(err, &ue) || ue.TriggerKey != "no-such-trigger" {
		t.Errorf("unknown trigger: got %v, want an *UnknownTriggerError", err)
	}
	if n := s.count.n.Load(); n != 0 {
		t.Fatalf("%d requests sent, want none", n)
	}
	if n := len(s.em.Events()); n != 0 {
		t.Fatalf("the emulator recorded %d calls, want none", n)
	}
}

// TestClientErrorMappingFromEmulator: what the emulator refuses, the client
// returns as an *APIError with Wix's status, code and details.
func TestClientErrorMappingFromEmulator(t *testing.T) {
	s := newSetup(t, lenientRegistry(t), nil)
	ctx := context.Background()
	_, err := s.client.Report(ctx, &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(invalidPayload)})
	var ae *events.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("got %v, want an *APIError", err)
	}
	if ae.StatusCode != 428 || ae.Code != events.CodeSchemaValidationFailed || ae.Message != "Schema validation failed" {
		t.Errorf("got %d %s %q, want 428 SCHEMA_VALIDATION_FAILED", ae.StatusCode, ae.Code, ae.Message)
	}
	var rules []string
	for _, v := range ae.Violations {
		if v.Severity == "error" {
			rules = append(rules, v.Pointer+" "+v.Rule+" "+v.RuleName)
		}
	}
	slices.Sort(rules)
	if len(rules) != 5 || rules[4] != "/payload/orderId TK9005 payload-formats" {
		t.Errorf("violations %q, want four TK9003 and /payload/orderId TK9005", rules)
	}
	_, err = s.client.Report(ctx, &events.ReportRequest{TriggerKey: "not-the-apps", Payload: json.RawMessage(`{"orderId":"1"}`)})
	if !errors.As(err, &ae) || ae.StatusCode != 403 || ae.Code != events.CodePermissionDenied {
		t.Errorf("trigger not the app's: got %v, want 403 PERMISSION_DENIED", err)
	}
	_, err = s.client.BulkReport(ctx, &events.BulkReportRequest{TriggerKey: "order-paid", EventsInfo: []events.EventInfo{
		{Payload: json.RawMessage(validPayload)}, {Payload: json.RawMessage(invalidPayload)}}})
	if err != nil {
		t.Fatalf("bulk with one bad item: %v, want per-item results", err)
	}
	if s.count.n.Load() != 3 {
		t.Errorf("%d requests, want 3 (4xx is never retried)", s.count.n.Load())
	}
}

// TestClientErrorMappingShapes maps each of Wix's error answers.
func TestClientErrorMappingShapes(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		body       string
		retryAfter string
		check      func(*events.APIError) bool
	}{
		{"required property", 400, `{"message":"Missing request payload","details":{"applicationError":{"code":"REQUIRED_PROPERTY","description":"Missing request payload","data":{}}}}`, "",
			func(e *events.APIError) bool {
				return e.Code == events.CodeRequiredProperty && e.Description == "Missing request payload" && string(e.Data) == "{}"
			}},
		{"validation error", 400, `{"message":"bad","details":{"validationError":{"fieldViolations":[{"field":"triggerKey","description":"must not be empty","violatedRule":"REQUIRED_FIELD","ruleName":"VALIDATION_ERROR"},{"field":"externalEntityId","description":"not a GUID","violatedRule":"FORMAT"}]}}}`, "",
			func(e *events.APIError) bool {
				return e.Code == "" && len(e.FieldViolations) == 2 && e.FieldViolations[0].Field == "triggerKey" && e.FieldViolations[1].ViolatedRule == "FORMAT"
			}},
		{"unauthenticated", 401, `{"message":"unauthorized","details":{}}`, "", func(e *events.APIError) bool { return e.Message == "unauthorized" && !e.Temporary() }},
		{"no permission", 403, `{"message":"no","details":{"applicationError":{"code":"PERMISSION_DENIED","description":"no"}}}`, "", func(e *events.APIError) bool { return e.Code == "PERMISSION_DENIED" }},
		{"not found", 404, `{"message":"not found","details":{}}`, "", func(e *events.APIError) bool { return e.StatusCode == 404 }},
		{"schema", 428, `{"message":"Schema validation failed","details":{"applicationError":{"code":"SCHEMA_VALIDATION_FAILED","description":"Schema validation failed"}}}`, "",
			func(e *events.APIError) bool {
				return e.Code == events.CodeSchemaValidationFailed && e.Violations == nil
			}},
		{"too many", 429, `{"message":"slow down","details":{}}`, "1", func(e *events.APIError) bool { return e.Temporary() && e.RetryAfter == "1" }},
		{"system error, empty body", 503, ``, "", func(e *events.APIError) bool { return e.Temporary() && e.Message == "" && e.Body == nil }},
		{"not json", 502, `<html>bad gateway</html>`, "", func(e *events.APIError) bool { return string(e.Body) == "<html>bad gateway</html>" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			url := loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			}))
			c, err := events.New(events.Options{Registry: registry(t), BaseURL: url, MaxAttempts: 1})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)})
			var ae *events.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("got %v, want an *APIError", err)
			}
			if ae.StatusCode != tc.status || !tc.check(ae) {
				t.Errorf("got %+v", ae)
			}
			if !strings.Contains(ae.Error(), "wix answered") {
				t.Errorf("message %q", ae.Error())
			}
		})
	}
}

// TestClientRetriesInjected503s: two 503s, then success; the waits follow
// full jitter and the report is recorded once.
func TestClientRetriesInjected503s(t *testing.T) {
	s := newSetup(t, nil, nil)
	if err := s.em.FailNext(events.Fault{Status: 503, Count: 2}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.ActivationIDs) != 1 {
		t.Fatalf("activation IDs %q", rep.ActivationIDs)
	}
	if n := s.count.n.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	// Rand is 0.5: half of 100 ms, then half of 200 ms.
	if want := []time.Duration{50 * time.Millisecond, 100 * time.Millisecond}; !slices.Equal(s.sleeps.d, want) {
		t.Errorf("waits %v, want %v", s.sleeps.d, want)
	}
	if got, want := outcomes(s.em.Events()), []string{"report:fault", "report:fault", "report:reported"}; !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	keys := map[string]bool{}
	for _, r := range s.count.reqs {
		keys[r.Header.Get("Content-Length")] = true
	}
	if len(keys) != 1 {
		t.Errorf("retried bodies differ in length: %v", keys)
	}
}

// TestClientRetriesExhausted: a 503 on every attempt ends after
// MaxAttempts with a *RetryError wrapping the last *APIError.
func TestClientRetriesExhausted(t *testing.T) {
	s := newSetup(t, nil, func(o *events.Options) { o.MaxAttempts = 3 })
	s.em.FailNext(events.Fault{Status: 500, Count: 10})
	_, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)})
	var re *events.RetryError
	var ae *events.APIError
	if !errors.As(err, &re) || re.Attempts != 3 || !errors.As(err, &ae) || ae.StatusCode != 500 {
		t.Fatalf("got %v, want 3 attempts ending in 500", err)
	}
	if n := s.count.n.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

// TestClientHonoursRetryAfter: a 429 with Retry-After in seconds, then as
// an HTTP date, sets the wait exactly.
func TestClientHonoursRetryAfter(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	s := newSetup(t, nil, func(o *events.Options) { o.Now = func() time.Time { return now } })
	s.em.FailNext(events.Fault{Status: 429, RetryAfter: "3"})
	s.em.FailNext(events.Fault{Status: 429, RetryAfter: now.Add(7 * time.Second).Format(http.TimeFormat)})
	if _, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)}); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{3 * time.Second, 7 * time.Second}; !slices.Equal(s.sleeps.d, want) {
		t.Errorf("waits %v, want %v", s.sleeps.d, want)
	}
	// A Retry-After beyond MaxRetryAfter ends the retries with the 429.
	s.em.FailNext(events.Fault{Status: 429, RetryAfter: "3600"})
	_, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload), ExternalEntityID: guid(9)})
	var ae *events.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 429 || ae.RetryAfter != "3600" {
		t.Errorf("got %v, want the 429", err)
	}
}

// TestClientNoRetryOn428: a 4xx is final, even with an idempotency key.
func TestClientNoRetryOn428(t *testing.T) {
	s := newSetup(t, lenientRegistry(t), nil)
	_, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(invalidPayload),
		Idempotency: &events.Idempotency{Key: "order-1-paid"}})
	var ae *events.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 428 {
		t.Fatalf("got %v, want 428", err)
	}
	var re *events.RetryError
	if errors.As(err, &re) {
		t.Errorf("got a *RetryError, want the 428 alone")
	}
	if n := s.count.n.Load(); n != 1 || len(s.sleeps.d) != 0 {
		t.Errorf("%d requests and %d waits, want 1 and 0", n, len(s.sleeps.d))
	}
}

// TestClientNoRetryWithoutIdempotencyKey: with derived keys off, a report
// without a key is sent once; cancels are sent once unless RetryCancels.
func TestClientNoRetryWithoutIdempotencyKey(t *testing.T) {
	s := newSetup(t, nil, func(o *events.Options) { o.NoDerivedKeys = true })
	s.em.FailNext(events.Fault{Status: 503, Count: 2})
	_, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)})
	var ae *events.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 503 || s.count.n.Load() != 1 {
		t.Fatalf("got %v after %d requests, want one 503", err, s.count.n.Load())
	}
	if ev := s.em.Events(); ev[0].IdempotencyKey != "" {
		t.Errorf("sent key %q, want none", ev[0].IdempotencyKey)
	}
	_, err = s.client.Cancel(context.Background(), &events.CancelRequest{TriggerKey: "order-paid", ExternalEntityID: guid(1)})
	if !errors.As(err, &ae) || s.count.n.Load() != 2 {
		t.Fatalf("cancel: got %v after %d requests, want one more 503", err, s.count.n.Load())
	}
	r := newSetup(t, nil, func(o *events.Options) { o.RetryCancels = true })
	r.em.FailNext(events.Fault{Status: 503})
	if _, err := r.client.Cancel(context.Background(), &events.CancelRequest{TriggerKey: "order-paid", ExternalEntityID: guid(1)}); err != nil || r.count.n.Load() != 2 {
		t.Fatalf("RetryCancels: got %v after %d requests, want success after 2", err, r.count.n.Load())
	}
}

// TestClientRetriesNetworkError: a connection that fails is retried.
func TestClientRetriesNetworkError(t *testing.T) {
	s := newSetup(t, nil, nil)
	failed := false
	s.count.next = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if !failed {
			failed = true
			return nil, errors.New("connection reset by peer")
		}
		return (&http.Transport{}).RoundTrip(r)
	})
	if _, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)}); err != nil {
		t.Fatal(err)
	}
	if n := s.count.n.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestClientContextCanceledMidBackoff: the context ends while the client
// waits to retry; the call returns at once with the context's error.
func TestClientContextCanceledMidBackoff(t *testing.T) {
	s := newSetup(t, nil, func(o *events.Options) {
		o.Sleep = nil // the real timer
		o.BaseDelay, o.MaxDelay = time.Hour, time.Hour
	})
	s.em.FailNext(events.Fault{Status: 503, Count: 5})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for s.count.n.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err := s.client.Report(ctx, &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)})
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("returned after %v, want at once", d)
	}
	var re *events.RetryError
	var ae *events.APIError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &re) || re.Attempts != 1 || !errors.As(err, &ae) || ae.StatusCode != 503 {
		t.Fatalf("got %v, want context.Canceled after 1 attempt, wrapping the 503", err)
	}
	if n := s.count.n.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// TestClientBulkReportSplits250: 250 events go in calls of 100, 100 and
// 50; the results come back in order with their index in the request,
// refused items included.
func TestClientBulkReportSplits250(t *testing.T) {
	s := newSetup(t, lenientRegistry(t), nil)
	bad := map[int]bool{5: true, 150: true, 249: true}
	req := &events.BulkReportRequest{TriggerKey: "order-paid"}
	for i := range 250 {
		p := validPayload
		if bad[i] {
			p = invalidPayload
		}
		req.EventsInfo = append(req.EventsInfo, events.EventInfo{Payload: json.RawMessage(p), ExternalEntityID: guid(i)})
	}
	res, err := s.client.BulkReport(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.count.n.Load(); n != 3 {
		t.Fatalf("%d calls, want 3", n)
	}
	var sizes []int
	for _, r := range s.count.reqs {
		var body events.BulkReportRequest
		b, _ := r.GetBody()
		json.NewDecoder(b).Decode(&body)
		sizes = append(sizes, len(body.EventsInfo))
	}
	if !slices.Equal(sizes, []int{100, 100, 50}) {
		t.Errorf("call sizes %v, want [100 100 50]", sizes)
	}
	if len(res.Results) != 250 || res.BulkActionMetadata != (events.BulkActionMetadata{TotalSuccesses: 247, TotalFailures: 3}) {
		t.Fatalf("%d results, metadata %+v", len(res.Results), res.BulkActionMetadata)
	}
	for i, r := range res.Results {
		if r.ItemMetadata.OriginalIndex != i || r.EventInfo.ExternalEntityID != guid(i) || r.ItemMetadata.ID != guid(i) {
			t.Fatalf("result %d: index %d, entity %s", i, r.ItemMetadata.OriginalIndex, r.EventInfo.ExternalEntityID)
		}
		if r.ItemMetadata.Success == bad[i] {
			t.Errorf("result %d: success %v", i, r.ItemMetadata.Success)
		}
		if bad[i] && r.ItemMetadata.Error.Code != events.CodeSchemaValidationFailed {
			t.Errorf("result %d: error %+v", i, r.ItemMetadata.Error)
		}
	}
	// And 250 IDs cancel in three calls too.
	ids := make([]string, 250)
	for i := range ids {
		ids[i] = guid(i)
	}
	bc, err := s.client.BulkCancel(context.Background(), &events.BulkCancelRequest{TriggerKey: "order-paid", ExternalEntityIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if s.count.n.Load() != 6 || len(bc.Results) != 250 || bc.Results[249].ItemMetadata.OriginalIndex != 249 || bc.Results[249].ExternalEntityID != guid(249) {
		t.Fatalf("bulk cancel: %d calls, %d results", s.count.n.Load(), len(bc.Results))
	}
}

// TestClientBulkChunkError: when the second call fails, the error names
// its items and the results of the first call are returned.
func TestClientBulkChunkError(t *testing.T) {
	s := newSetup(t, nil, func(o *events.Options) { o.MaxAttempts = 1 })
	req := &events.BulkReportRequest{TriggerKey: "order-paid"}
	for i := range 150 {
		req.EventsInfo = append(req.EventsInfo, events.EventInfo{Payload: json.RawMessage(validPayload), ExternalEntityID: guid(i)})
	}
	s.count.next = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if s.count.n.Load() == 2 {
			r.Header.Set(events.HeaderFail, "503")
		}
		return (&http.Transport{}).RoundTrip(r)
	})
	res, err := s.client.BulkReport(context.Background(), req)
	var ce *events.ChunkError
	if !errors.As(err, &ce) || ce.Start != 100 || ce.End != 150 {
		t.Fatalf("got %v, want a *ChunkError for items 100 to 149", err)
	}
	if len(res.Results) != 100 || res.BulkActionMetadata.TotalSuccesses != 100 {
		t.Errorf("%d results kept, want 100", len(res.Results))
	}
}

// TestClientAuthorization: an API key sends Authorization and wix-site-id;
// an app token source is asked again on every attempt.
func TestClientAuthorization(t *testing.T) {
	s := newSetup(t, nil, func(o *events.Options) { o.Auth = events.APIKey{Key: "IST.key", SiteID: "site-1"} })
	if _, err := s.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)}); err != nil {
		t.Fatal(err)
	}
	if h := s.count.reqs[0].Header; h.Get("Authorization") != "IST.key" || h.Get("wix-site-id") != "site-1" {
		t.Errorf("headers %v", h)
	}
	calls := 0
	tok := events.AppToken(func(context.Context) (string, error) {
		calls++
		return "token-" + string(rune('0'+calls)), nil
	})
	a := newSetup(t, nil, func(o *events.Options) { o.Auth = tok })
	a.em.FailNext(events.Fault{Status: 503})
	if _, err := a.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)}); err != nil {
		t.Fatal(err)
	}
	if got := []string{a.count.reqs[0].Header.Get("Authorization"), a.count.reqs[1].Header.Get("Authorization")}; !slices.Equal(got, []string{"token-1", "token-2"}) {
		t.Errorf("tokens %q, want token-1 then token-2", got)
	}
	failing := newSetup(t, nil, func(o *events.Options) {
		o.Auth = events.AppToken(func(context.Context) (string, error) { return "", errors.New("token expired") })
	})
	_, err := failing.client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload)})
	if err == nil || !strings.Contains(err.Error(), "token expired") || failing.count.n.Load() != 0 {
		t.Errorf("got %v after %d requests, want the token error and no request", err, failing.count.n.Load())
	}
}

// TestClientTTLAndCallerKey: the caller's key is sent as given; TTL is
// sent as a string of digits.
func TestClientTTLAndCallerKey(t *testing.T) {
	s := newSetup(t, nil, func(o *events.Options) { o.TTL = 90 * time.Minute })
	req := &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload), Idempotency: &events.Idempotency{Key: "order-10231-paid"}}
	if _, err := s.client.Report(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	b, _ := s.count.reqs[0].GetBody()
	var sent map[string]json.RawMessage
	json.NewDecoder(b).Decode(&sent)
	if got := string(sent["idempotency"]); got != `{"key":"order-10231-paid","ttlInMilliseconds":"5400000"}` {
		t.Errorf("idempotency sent %s", got)
	}
	if req.Idempotency.TTLInMilliseconds != "" {
		t.Errorf("the caller's request was changed")
	}
	if got := events.TTL(7 * 24 * time.Hour); got != events.DefaultTTL {
		t.Errorf("TTL(one week) = %q, want %q", got, events.DefaultTTL)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for name, o := range map[string]events.Options{
		"no registry": {},
		"base URL":    {Registry: registry(t), BaseURL: "ftp://x"},
		"TTL":         {Registry: registry(t), TTL: -time.Second},
	} {
		var ce *events.ConfigError
		if _, err := events.New(o); !errors.As(err, &ce) {
			t.Errorf("%s: got %v, want a *ConfigError", name, err)
		}
	}
}
