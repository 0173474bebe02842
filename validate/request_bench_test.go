package validate

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// bulkBody is a valid Bulk Report Event of n order events, each with its
// own idempotency key.
func bulkBody(tb testing.TB, n int) []byte {
	payload := strings.TrimSpace(string(orderPayload(tb)))
	var es []string
	for i := range n {
		es = append(es, fmt.Sprintf(`{"payload":%s,"externalEntityId":"%s","idempotency":{"key":"order-%d"}}`, payload, guid, i))
	}
	return []byte(`{"triggerKey":"order_paid","eventsInfo":[` + strings.Join(es, ",") + `]}`)
}

// BenchmarkValidateRequestBulk validates Bulk Report Events of 1, 10 and
// 100 events: the cost per event is flat, and allocations start only past
// 16 events, where the idempotency keys go to a map.
func BenchmarkValidateRequestBulk(b *testing.B) {
	v := orderValidator(b, nil)
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			body := bulkBody(b, n)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, r := v.ValidateRequest(body, KindAuto); len(r.Violations) != 0 {
					b.Fatal(r.Violations)
				}
			}
		})
	}
}

// TestValidRequestsAllocateNothing checks the promise of ValidateRequest:
// no allocation for a valid report, cancel, bulk cancel or bulk report of
// up to 16 events.
func TestValidRequestsAllocateNothing(t *testing.T) {
	v := orderValidator(t, nil)
	payload := strings.TrimSpace(string(orderPayload(t)))
	bodies := map[string][]byte{
		"report":      []byte(`{"triggerKey":"order_paid","payload":` + payload + `,"externalEntityId":"` + guid + `","idempotency":{"key":"order-10231-paid","ttlInMilliseconds":"604800000"}}`),
		"cancel":      []byte(`{"triggerKey":"order_paid","externalEntityId":"` + guid + `"}`),
		"bulk-cancel": []byte(`{"triggerKey":"order_paid","externalEntityIds":["` + guid + `","2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6"]}`),
		"bulk-report": bulkBody(t, 16),
	}
	for name, body := range bodies {
		if _, r := v.ValidateRequest(body, KindAuto); len(r.Violations) != 0 {
			t.Fatalf("%s: %v", name, r.Violations)
		}
		if n := testing.AllocsPerRun(20, func() { v.ValidateRequest(body, KindAuto) }); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}

// BenchmarkRequestOverPayload compares, in one process, ValidateRequest of
// the 600-byte report with Validate of its payload alone: blocks of each
// alternate, and the fastest block of each is kept, which leaves out the
// noise of a shared machine. ratio is request/payload.
func BenchmarkRequestOverPayload(b *testing.B) {
	v := orderValidator(b, nil)
	payload := orderPayload(b)
	body := []byte(`{"triggerKey":"order_paid","payload":` + string(payload) + `,"externalEntityId":"` + guid + `","idempotency":{"key":"order-10231-paid"}}`)
	const block = 2000
	best := [2]time.Duration{time.Hour, time.Hour}
	for b.Loop() {
		start := time.Now()
		for range block {
			v.Validate(payload)
		}
		mid := time.Now()
		for range block {
			v.ValidateRequest(body, KindAuto)
		}
		end := time.Now()
		best[0], best[1] = min(best[0], mid.Sub(start)), min(best[1], end.Sub(mid))
	}
	b.ReportMetric(float64(best[0].Nanoseconds())/block, "ns/payload")
	b.ReportMetric(float64(best[1].Nanoseconds())/block, "ns/request")
	b.ReportMetric(float64(best[1])/float64(best[0]), "ratio")
}
