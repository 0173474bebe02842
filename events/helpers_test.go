package events_test

import (
	"context"
	"embed"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/events"
)

//go:embed testdata/schemas
var schemaFS embed.FS

// validPayload matches testdata/schemas/order-paid.json.
const validPayload = `{
  "orderId": "5f0c7a4e-2b9d-4e61-8c3a-9d2f1b7e6a40",
  "contactId": "0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64",
  "paidAt": "2025-03-01T09:30:00Z",
  "deliveryDate": "2031-03-05T12:00:00+01:00",
  "total": {"value": "129.90", "currency": "EUR"}
}`

// invalidPayload breaks five rules: four missing properties and a format.
const invalidPayload = `{"orderId": "not-a-guid"}`

// lenientSchema accepts the invalid payload, so that a client built on it
// sends what the emulator refuses.
const lenientSchema = `{"type": "object", "properties": {"orderId": {"type": "string"},
  "total": {"type": "object", "properties": {"value": {"type": "string"}, "currency": {"type": "string"}}}}}`

func guid(i int) string { return fmt.Sprintf("3f1c2a9e-8d4b-4c1e-9a7f-%012x", i) }

func registry(t testing.TB) *events.Registry {
	t.Helper()
	reg, err := events.LoadFS(schemaFS, nil)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func lenientRegistry(t testing.TB) *events.Registry {
	t.Helper()
	reg, err := events.NewRegistry(map[string][]byte{"order-paid": []byte(lenientSchema), "form-submitted": []byte(lenientSchema),
		"not-the-apps": []byte(lenientSchema)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// loopback serves h on 127.0.0.1 until the test ends.
func loopback(t testing.TB, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

// counter counts the requests that leave the process.
type counter struct {
	n    atomic.Int64
	next http.RoundTripper
	mu   sync.Mutex
	reqs []*http.Request
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	c.mu.Lock()
	c.reqs = append(c.reqs, r)
	c.mu.Unlock()
	return c.next.RoundTrip(r)
}

func newCounter(t testing.TB) *counter {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &counter{next: tr}
}

// sleeps records the backoff waits instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

// setup starts an emulator of the test schemas and a client of it whose
// requests are counted and whose waits are recorded.
type setup struct {
	em     *events.Emulator
	url    string
	client *events.Client
	count  *counter
	sleeps *sleeps
}

func newSetup(t testing.TB, clientReg *events.Registry, mod func(*events.Options)) *setup {
	t.Helper()
	em, err := events.NewEmulator(registry(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &setup{em: em, url: loopback(t, em), count: newCounter(t), sleeps: &sleeps{}}
	if clientReg == nil {
		clientReg = registry(t)
	}
	o := events.Options{Registry: clientReg, BaseURL: s.url, HTTPClient: &http.Client{Transport: s.count},
		Sleep: s.sleeps.sleep, Rand: func() float64 { return 0.5 }, BaseDelay: 100 * time.Millisecond}
	if mod != nil {
		mod(&o)
	}
	s.client, err = events.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func outcomes(rs []events.Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Call+":"+r.Outcome)
	}
	return out
}
