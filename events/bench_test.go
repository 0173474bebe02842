package events_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/events"
)

// BenchmarkEmulatorLoad sends valid reports, each with its own idempotency
// key, from 8 goroutines to the emulator on 127.0.0.1, and reports the
// throughput (req/s) and the 99th percentile latency (p99-ms). Bound the
// run with -benchtime, for example -benchtime 20000x; each request has a
// 10 s deadline.
func BenchmarkEmulatorLoad(b *testing.B) {
	_, url := newEmulator(b, nil)
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	const workers = 8
	lat := make([]time.Duration, b.N)
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				body := report(validPayload, fmt.Sprintf(`,"externalEntityId":"%s","idempotency":{"key":"load-%d"}`, guid(i), i))
				t0 := time.Now()
				resp, err := hc.Post(url+events.PathReport, "application/json", bytes.NewReader([]byte(body)))
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				if resp.StatusCode != 200 {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	slices.Sort(lat)
	p99 := lat[(len(lat)-1)*99/100]
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(p99)/float64(time.Millisecond), "p99-ms")
}

// BenchmarkClientOverhead compares, call by call on one connection to the
// emulator on 127.0.0.1, a bare http.Client post of a prepared report body
// with Client.Report of the same event (validation, idempotency key,
// encoding, error mapping, decoding). It reports the time of each, the
// difference and their ratio.
func BenchmarkClientOverhead(b *testing.B) {
	_, url := newEmulator(b, nil)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	client, err := events.New(events.Options{Registry: registry(b), BaseURL: url, HTTPClient: hc})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var bare, full time.Duration
	b.ResetTimer()
	for i := range b.N {
		// Two distinct events, so that neither call is an ignored repeat.
		id1, id2 := guid(2*i), guid(2*i+1)
		body, _ := json.Marshal(&events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload), ExternalEntityID: id1,
			Idempotency: &events.Idempotency{Key: events.IdempotencyKey("order-paid", id1, []byte(validPayload))}})
		req := &events.ReportRequest{TriggerKey: "order-paid", Payload: json.RawMessage(validPayload), ExternalEntityID: id2}
		bareCall := func() {
			t0 := time.Now()
			resp, err := hc.Post(url+events.PathReport, "application/json", bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("bare post: %d", resp.StatusCode)
			}
			bare += time.Since(t0)
		}
		clientCall := func() {
			t0 := time.Now()
			if _, err := client.Report(ctx, req); err != nil {
				b.Fatal(err)
			}
			full += time.Since(t0)
		}
		if i%2 == 0 {
			bareCall()
			clientCall()
		} else {
			clientCall()
			bareCall()
		}
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(bare.Microseconds())/n, "bare-us/call")
	b.ReportMetric(float64(full.Microseconds())/n, "client-us/call")
	b.ReportMetric(float64((full-bare).Microseconds())/n, "overhead-us/call")
	b.ReportMetric(float64(full)/float64(bare), "ratio")
}
