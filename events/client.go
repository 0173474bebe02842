package events

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/triggerkit/triggerkit/validate"
)

// Authorizer sets the authorisation headers of each request, once per
// attempt, so that a token source can refresh its token between retries.
type Authorizer interface {
	Authorize(ctx context.Context, h http.Header) error
}

// AppToken is an app's OAuth access token source: it returns the token the
// Authorization header carries.
type AppToken func(ctx context.Context) (string, error)

// Authorize sets Authorization to the token.
func (f AppToken) Authorize(ctx context.Context, h http.Header) error {
	tok, err := f(ctx)
	if err != nil {
		return err
	}
	h.Set("Authorization", tok)
	return nil
}

// APIKey authorises with an API key and the site it acts on: the key in
// Authorization and the site ID in wix-site-id, as Wix's site-level calls
// need.
type APIKey struct {
	Key    string
	SiteID string
}

// Authorize sets Authorization and wix-site-id.
func (k APIKey) Authorize(_ context.Context, h http.Header) error {
	h.Set("Authorization", k.Key)
	h.Set("wix-site-id", k.SiteID)
	return nil
}

// Options configure a Client. The zero value of each field has a default.
type Options struct {
	// Registry holds the payload schemas; it is required.
	Registry *Registry
	// BaseURL is where the calls go; "" is DefaultBaseURL.
	BaseURL string
	// HTTPClient sends the requests; nil is a client with a 30 s timeout.
	HTTPClient *http.Client
	// Auth sets the authorisation headers; nil sends none.
	Auth Authorizer
	// Header holds extra headers sent with every request.
	Header http.Header
	// TTL is the idempotency TTL given to reports that carry none; 0
	// leaves it out, so that Wix's default of one week applies. It is sent
	// as whole milliseconds in a string of digits.
	TTL time.Duration
	// NoDerivedKeys turns off IdempotencyKey for reports without a key;
	// such reports are then never retried.
	NoDerivedKeys bool
	// RetryCancels retries Cancel and Bulk Cancel, which carry no
	// idempotency key but cancel nothing more when repeated.
	RetryCancels bool
	// MaxAttempts bounds the attempts of one call, the first included; 0
	// is 4 and 1 turns retries off.
	MaxAttempts int
	// BaseDelay and MaxDelay shape the backoff: before attempt n+1 the
	// client sleeps a random duration in [0, min(MaxDelay,
	// BaseDelay*2^(n-1))) (full jitter). Defaults 200 ms and 10 s.
	BaseDelay, MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits for; a
	// longer one ends the retries with the answer. Default one minute.
	MaxRetryAfter time.Duration
	// Sleep waits for a duration or until the context ends; nil is a
	// timer. Now reads the clock for Retry-After dates; nil is time.Now.
	// Rand returns a number in [0, 1) for the jitter; nil is math/rand/v2.
	// They must be safe for concurrent use.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
	Rand  func() float64
}

// Client calls the Report and Cancel Event APIs. It is safe for concurrent
// use.
type Client struct {
	o    Options
	base string
}

// ConfigError is an Options value a client cannot be built from.
type ConfigError struct {
	Field, Reason string
}

func (e *ConfigError) Error() string { return "events: options." + e.Field + ": " + e.Reason }

// anyGUID is a well-formed external entity ID, for checking a trigger key
// alone.
const anyGUID = "00000000-0000-4000-8000-000000000000"

// isError reports whether a violation is of error severity: one that makes
// a request invalid.
func isError(v validate.Violation) bool {
	return !validate.Result{Violations: []validate.Violation{v}}.Valid()
}

// maxAnswer bounds the bytes of an answer read.
const maxAnswer = 16 << 20

// New returns a client.
func New(o Options) (*Client, error) {
	if o.Registry == nil {
		return nil, &ConfigError{"Registry", "missing, want the payload schemas"}
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	if !strings.HasPrefix(o.BaseURL, "http://") && !strings.HasPrefix(o.BaseURL, "https://") {
		return nil, &ConfigError{"BaseURL", fmt.Sprintf("got %q, want an http or https URL", o.BaseURL)}
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 4
	}
	if o.BaseDelay <= 0 {
		o.BaseDelay = 200 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 10 * time.Second
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = time.Minute
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.TTL < 0 {
		return nil, &ConfigError{"TTL", fmt.Sprintf("got %v, want 0 or more", o.TTL)}
	}
	return &Client{o: o, base: strings.TrimSuffix(o.BaseURL, "/")}, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TTL formats a duration as Wix's ttlInMilliseconds: whole milliseconds in
// a string of digits.
func TTL(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) }

// validator finds a trigger key's schema. A malformed key gives validate's
// own violation of the key rule.
func (c *Client) validator(key string) (*validate.Validator, error) {
	if triggerKeyProblem(key) != "" {
		if err := validate.ValidateCancel(&validate.CancelEvent{TriggerKey: key, ExternalEntityID: anyGUID}).Err(); err != nil {
			return nil, err
		}
	}
	v, ok := c.o.Registry.Validator(key)
	if !ok {
		return nil, &UnknownTriggerError{TriggerKey: key}
	}
	return v, nil
}

// idempotency returns the idempotency block to send.
func (c *Client) idempotency(key, id string, payload []byte, in *Idempotency) *Idempotency {
	var out Idempotency
	if in != nil {
		out = *in
	}
	if out.Key == "" && !c.o.NoDerivedKeys {
		out.Key = IdempotencyKey(key, id, payload)
	}
	if out.TTLInMilliseconds == "" && c.o.TTL > 0 && out.Key != "" {
		out.TTLInMilliseconds = TTL(c.o.TTL)
	}
	if out == (Idempotency{}) {
		return nil
	}
	return &out
}

// Report validates and sends a Report Event. The request is not changed;
// the body sent carries a derived idempotency key when it has none.
func (c *Client) Report(ctx context.Context, req *ReportRequest) (*ReportResponse, error) {
	v, err := c.validator(req.TriggerKey)
	if err != nil {
		return nil, err
	}
	if err := v.ValidateReport(req).Err(); err != nil {
		return nil, err
	}
	body := *req
	body.Idempotency = c.idempotency(req.TriggerKey, req.ExternalEntityID, req.Payload, req.Idempotency)
	data, err := json.Marshal(&body)
	if err != nil {
		return nil, err
	}
	var out ReportResponse
	if err := c.post(ctx, PathReport, data, body.Idempotency != nil && body.Idempotency.Key != "", &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Cancel validates and sends a Cancel Event.
func (c *Client) Cancel(ctx context.Context, req *CancelRequest) (*CancelResponse, error) {
	if _, err := c.validator(req.TriggerKey); err != nil {
		return nil, err
	}
	if err := validate.ValidateCancel(req).Err(); err != nil {
		return nil, err
	}
	data, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var out CancelResponse
	if err := c.post(ctx, PathCancel, data, c.o.RetryCancels, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// withoutBulkLimit drops the violation of more than 100 items, which the
// client handles by splitting.
func withoutBulkLimit(r validate.Result, n int) validate.Result {
	if n <= validate.MaxBulk {
		return r
	}
	out := r.Violations[:0:0]
	for _, v := range r.Violations {
		if v.Rule == validate.RuleBulkSize && strings.Count(v.Pointer, "/") == 1 {
			continue
		}
		out = append(out, v)
	}
	return validate.Result{Violations: out}
}

// BulkReport validates every event and sends them in calls of at most 100.
// The results are in the order of the request, each ItemMetadata's
// OriginalIndex being the event's index in req.EventsInfo. When a call
// fails, the error is a *ChunkError and the response holds the results of
// the calls before it.
func (c *Client) BulkReport(ctx context.Context, req *BulkReportRequest) (*BulkReportResponse, error) {
	v, err := c.validator(req.TriggerKey)
	if err != nil {
		return nil, err
	}
	if err := withoutBulkLimit(v.ValidateBulkReport(req), len(req.EventsInfo)).Err(); err != nil {
		return nil, err
	}
	items := make([]EventInfo, len(req.EventsInfo))
	retry := true
	for i, e := range req.EventsInfo {
		e.Idempotency = c.idempotency(req.TriggerKey, e.ExternalEntityID, e.Payload, e.Idempotency)
		retry = retry && e.Idempotency != nil && e.Idempotency.Key != ""
		items[i] = e
	}
	out := &BulkReportResponse{TriggerKey: req.TriggerKey, Results: []BulkReportResult{}}
	for start := 0; start < len(items); start += validate.MaxBulk {
		end := min(start+validate.MaxBulk, len(items))
		data, err := json.Marshal(&BulkReportRequest{TriggerKey: req.TriggerKey, EventsInfo: items[start:end]})
		if err != nil {
			return out, err
		}
		var part BulkReportResponse
		if err := c.post(ctx, PathBulkReport, data, retry, &part); err != nil {
			return out, &ChunkError{Start: start, End: end, Err: err}
		}
		for _, r := range part.Results {
			r.ItemMetadata.OriginalIndex += start
			out.Results = append(out.Results, r)
		}
		out.BulkActionMetadata.add(part.BulkActionMetadata)
	}
	sort.SliceStable(out.Results, func(i, j int) bool {
		return out.Results[i].ItemMetadata.OriginalIndex < out.Results[j].ItemMetadata.OriginalIndex
	})
	return out, nil
}

// BulkCancel validates the IDs and sends them in calls of at most 100, as
// BulkReport.
func (c *Client) BulkCancel(ctx context.Context, req *BulkCancelRequest) (*BulkCancelResponse, error) {
	if _, err := c.validator(req.TriggerKey); err != nil {
		return nil, err
	}
	if err := withoutBulkLimit(validate.ValidateBulkCancel(req), len(req.ExternalEntityIDs)).Err(); err != nil {
		return nil, err
	}
	ids := req.ExternalEntityIDs
	out := &BulkCancelResponse{Results: []BulkCancelResult{}}
	for start := 0; start < len(ids); start += validate.MaxBulk {
		end := min(start+validate.MaxBulk, len(ids))
		data, err := json.Marshal(&BulkCancelRequest{TriggerKey: req.TriggerKey, ExternalEntityIDs: ids[start:end]})
		if err != nil {
			return out, err
		}
		var part BulkCancelResponse
		if err := c.post(ctx, PathBulkCancel, data, c.o.RetryCancels, &part); err != nil {
			return out, &ChunkError{Start: start, End: end, Err: err}
		}
		for _, r := range part.Results {
			r.ItemMetadata.OriginalIndex += start
			out.Results = append(out.Results, r)
		}
		out.BulkActionMetadata.add(part.BulkActionMetadata)
	}
	sort.SliceStable(out.Results, func(i, j int) bool {
		return out.Results[i].ItemMetadata.OriginalIndex < out.Results[j].ItemMetadata.OriginalIndex
	})
	return out, nil
}

// RetryError is a call that failed after more than one attempt, or whose
// retries the context ended.
type RetryError struct {
	// Attempts is how many requests were sent.
	Attempts int
	// Err is the last attempt's error: an *APIError or a transport error.
	Err error
	// Stopped is the context's error when the context ended the retries.
	Stopped error
}

func (e *RetryError) Error() string {
	if e.Stopped != nil {
		return fmt.Sprintf("after %d attempts: %v (stopped: %v)", e.Attempts, e.Err, e.Stopped)
	}
	return fmt.Sprintf("after %d attempts: %v", e.Attempts, e.Err)
}

// Unwrap returns the last error and the context's.
func (e *RetryError) Unwrap() []error {
	if e.Stopped != nil {
		return []error{e.Err, e.Stopped}
	}
	return []error{e.Err}
}

// DecodeError is a successful answer whose body could not be read as the
// call's response.
type DecodeError struct {
	StatusCode int
	Body       []byte
	Err        error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("reading the answer (status %d): %v", e.StatusCode, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// post sends a body, retrying when retry is set and the failure is
// temporary, and decodes a successful answer into out.
func (c *Client) post(ctx context.Context, path string, body []byte, retry bool, out any) error {
	url := c.base + path
	for attempt := 1; ; attempt++ {
		temporary, wait, haveWait, err := c.attempt(ctx, url, body, out)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			if attempt == 1 {
				return err
			}
			return &RetryError{Attempts: attempt, Err: err, Stopped: ctx.Err()}
		}
		if !retry || !temporary || attempt >= c.o.MaxAttempts || (haveWait && wait > c.o.MaxRetryAfter) {
			if attempt == 1 {
				return err
			}
			return &RetryError{Attempts: attempt, Err: err}
		}
		if !haveWait {
			wait = c.backoff(attempt)
		}
		if serr := c.o.Sleep(ctx, wait); serr != nil {
			return &RetryError{Attempts: attempt, Err: err, Stopped: serr}
		}
	}
}

// backoff is the full-jitter delay after a failed attempt n.
func (c *Client) backoff(n int) time.Duration {
	ceil := c.o.MaxDelay
	if n-1 < 62 {
		if d := c.o.BaseDelay << (n - 1); d > 0 && d < ceil {
			ceil = d
		}
	}
	r := c.o.Rand()
	if r < 0 || r >= 1 {
		r = 0
	}
	return time.Duration(r * float64(ceil))
}

// attempt sends one request. It returns the error, whether it is worth
// retrying, and the wait the answer's Retry-After asks for.
func (c *Client) attempt(ctx context.Context, url string, body []byte, out any) (temporary bool, wait time.Duration, haveWait bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false, 0, false, err
	}
	for k, vs := range c.o.Header {
		req.Header[k] = append([]string(nil), vs...)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.o.Auth != nil {
		if err := c.o.Auth.Authorize(ctx, req.Header); err != nil {
			return false, 0, false, fmt.Errorf("authorizing: %w", err)
		}
	}
	resp, err := c.o.HTTPClient.Do(req)
	if err != nil {
		return true, 0, false, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		return true, 0, false, err
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if len(data) > maxAnswer {
			return false, 0, false, &DecodeError{StatusCode: resp.StatusCode, Err: fmt.Errorf("answer over %d bytes", maxAnswer)}
		}
		if err := json.Unmarshal(data, out); err != nil {
			return false, 0, false, &DecodeError{StatusCode: resp.StatusCode, Body: data, Err: err}
		}
		return false, 0, false, nil
	}
	ra := resp.Header.Get("Retry-After")
	ae := parseAPIError(resp.StatusCode, ra, data[:min(len(data), maxAnswer)])
	wait, haveWait = retryAfter(ra, c.o.Now())
	return ae.Temporary(), wait, haveWait, ae
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
