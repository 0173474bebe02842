package eventstest_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/events/eventstest"
)

// A test starts the emulator with the app's schemas, reports through the
// ready client (or any HTTP client, at srv.URL) and checks what was
// recorded. The server closes when the test ends. (The example is the body
// of a test, so it is compiled, not run; TestNewServer runs the same code.)
func ExampleNewServer() {
	testReport := func(t *testing.T) {
		srv := eventstest.NewServer(t, os.DirFS("schemas"))
		_, err := srv.Client.Report(context.Background(), &events.ReportRequest{
			TriggerKey: "form-submitted",
			Payload:    json.RawMessage(`{"formName": "Contact us", "contactId": "0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64"}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := srv.Reported(); len(got) != 1 {
			t.Fatalf("reported %d events, want 1", len(got))
		}
	}
	_ = testReport // func TestReport(t *testing.T) in an app's tests
}
