package eventstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/events/eventstest"
)

const payload = `{"formName": "Contact us", "contactId": "0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64"}`

// TestNewServer reports through the ready client and reads the records.
func TestNewServer(t *testing.T) {
	srv := eventstest.NewServer(t, os.DirFS("../testdata/schemas"))
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Errorf("URL %s, want loopback 127.0.0.1", srv.URL)
	}
	ctx := context.Background()
	res, err := srv.Client.Report(ctx, &events.ReportRequest{TriggerKey: "form-submitted", Payload: json.RawMessage(payload)})
	if err != nil || len(res.ActivationIDs) != 1 {
		t.Fatalf("report: %v %v", res, err)
	}
	// The same event again is ignored by its derived idempotency key.
	if res, err := srv.Client.Report(ctx, &events.ReportRequest{TriggerKey: "form-submitted", Payload: json.RawMessage(payload)}); err != nil || len(res.ActivationIDs) != 0 {
		t.Fatalf("repeat: %v %v", res, err)
	}
	if rs := srv.Reported(); len(rs) != 1 || rs[0].TriggerKey != "form-submitted" || string(rs[0].Payload) == "" {
		t.Errorf("reported %+v", rs)
	}
	if ev := srv.Events(); len(ev) != 2 || ev[1].Outcome != events.OutcomeIgnored {
		t.Errorf("events %+v", ev)
	}
	// The ready client retries quickly past injected faults.
	srv.Emulator.FailNext(events.Fault{Status: 503, Count: 2})
	start := time.Now()
	if _, err := srv.Client.Report(ctx, &events.ReportRequest{TriggerKey: "form-submitted", Payload: json.RawMessage(`{"formName":"b","contactId":"0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64"}`)}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("retries took %v", d)
	}
}

// TestNewServerClosesOnCleanup: after the test, the port is closed.
func TestNewServerClosesOnCleanup(t *testing.T) {
	var url string
	var client *events.Client
	t.Run("inner", func(t *testing.T) {
		srv := eventstest.NewServerOptions(t, os.DirFS("../testdata/schemas"), &eventstest.Options{Client: events.Options{MaxAttempts: 1}})
		url, client = srv.URL, srv.Client
	})
	_, err := client.Report(context.Background(), &events.ReportRequest{TriggerKey: "form-submitted", Payload: json.RawMessage(payload)})
	var ae *events.APIError
	if err == nil || errors.As(err, &ae) {
		t.Errorf("server %s still answers after cleanup: %v", url, err)
	}
}
