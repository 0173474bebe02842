package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/events/eventstest"
)

func TestReportOrderPaid(t *testing.T) {
	srv := eventstest.NewServer(t, os.DirFS("schemas"))
	order := Order{ID: "5f0c7a4e-2b9d-4e61-8c3a-9d2f1b7e6a40", ContactID: "0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64",
		PaidAt: time.Now(), Due: time.Now().Add(72 * time.Hour), Total: "129.90", Currency: "EUR"}

	ids, err := reportOrderPaid(context.Background(), srv.Client, order)
	if err != nil || len(ids) != 1 {
		t.Fatalf("got %v, %v; want one activation", ids, err)
	}
	// Reported twice (a retry, a duplicate webhook): Wix ignores the second.
	if ids, _ := reportOrderPaid(context.Background(), srv.Client, order); len(ids) != 0 {
		t.Errorf("second report started %d activations, want 0", len(ids))
	}
	got := srv.Reported()
	if len(got) != 1 || got[0].ExternalEntityID != order.ID {
		t.Fatalf("reported %+v", got)
	}
	// A wrong total never leaves the process.
	order.Total = "129,90 €"
	if _, err := reportOrderPaid(context.Background(), srv.Client, order); err == nil {
		t.Errorf("a bad total was accepted")
	}
	if n := len(srv.Events()); n != 2 {
		t.Errorf("%d calls reached the emulator, want 2", n)
	}
}
