package events_test

import (
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/events"
)

// goTypeWords are the marks of a Go decoding error leaking into an answer.
var goTypeWords = []string{"Go value", "Go struct", "json:", "struct {", "RawMessage", "events.", "validate.", "unmarshal", "[]string", "map["}

func noGoTypes(t *testing.T, a answer) {
	t.Helper()
	for _, w := range goTypeWords {
		if strings.Contains(string(a.body), w) {
			t.Errorf("answer %s holds %q", a.body, w)
			return
		}
	}
}

// TestB11ArrayBodyInProjectStyle: a body of [] was answered with Go's
// "cannot unmarshal array into Go value of type struct { TriggerKey
// json.RawMessage ... }"; it is answered in Wix's error shape with a
// message of the project's.
func TestB11ArrayBodyInProjectStyle(t *testing.T) {
	_, url := newEmulator(t, nil)
	for _, path := range []string{events.PathReport, events.PathCancel, events.PathBulkReport, events.PathBulkCancel} {
		for body, want := range map[string]string{
			`[]`:    "request body is an array, want an object",
			` [1] `: "request body is an array, want an object",
			`"x"`:   "request body is a string, want an object",
			`12`:    "request body is a number, want an object",
			`true`:  "request body is a boolean, want an object",
		} {
			a := post(t, url+path, body)
			if a.status != 400 {
				t.Errorf("%s %s: status %d, want 400", path, body, a.status)
				continue
			}
			if e := decodeError(t, a); e.Message != want {
				t.Errorf("%s %s: message %q, want %q", path, body, e.Message, want)
			}
			noGoTypes(t, a)
		}
	}
}

// TestB11NoGoTypesInAnyMessage sends bodies of the wrong shape to every
// path that decodes one and checks that no answer names a Go type.
func TestB11NoGoTypesInAnyMessage(t *testing.T) {
	_, url := newEmulator(t, nil)
	calls := []string{
		`{"triggerKey":"order-paid",`,
		`{"triggerKey":"order-paid","payload":[]}`,
		`{"triggerKey":"order-paid","payload":` + validPayload + `,"externalEntityId":5}`,
		`{"triggerKey":"order-paid","payload":` + validPayload + `,"idempotency":[]}`,
		`{"triggerKey":"order-paid","payload":` + validPayload + `,"idempotency":{"key":1,"ttlInMilliseconds":true}}`,
		`{"triggerKey":"order-paid","externalEntityId":[]}`,
		`{"triggerKey":"order-paid","eventsInfo":{}}`,
		`{"triggerKey":"order-paid","eventsInfo":[1,"x",[]]}`,
		`{"triggerKey":"order-paid","externalEntityIds":"x"}`,
		`{"triggerKey":"order-paid","externalEntityIds":[1]}`,
		`{"triggerKey":["order-paid"]}`,
		"\xff",
	}
	for _, path := range []string{events.PathReport, events.PathCancel, events.PathBulkReport, events.PathBulkCancel} {
		for _, body := range calls {
			a := post(t, url+path, body)
			if a.status >= 400 {
				decodeError(t, a)
			}
			noGoTypes(t, a)
		}
	}
	for body, want := range map[string]string{
		`[]`:                              "fault is an array, want an object",
		`{"status":"503"}`:                `fault field "status" is a string, want an integer`,
		`{"status":503.5}`:                `fault field "status" is the number 503.5, want an integer`,
		`{"status":503,"count":[2]}`:      `fault field "count" is an array, want an integer`,
		`{"status":503,"retryAfter":2}`:   `fault field "retryAfter" is a number, want a string`,
		`{"status":503,"retryAfter":"x"}`: `fault: retryAfter "x", want seconds or an HTTP date`,
	} {
		a := post(t, url+events.PathEmulatorFaults, body)
		if a.status != 400 {
			t.Errorf("fault %s: status %d, want 400", body, a.status)
			continue
		}
		if e := decodeError(t, a); e.Message != want {
			t.Errorf("fault %s: message %q, want %q", body, e.Message, want)
		}
		noGoTypes(t, a)
	}
}

// TestB11RetryAfterHeaderChecked: X-Emulator-Retry-After: abc was sent on
// as it was, and one without X-Emulator-Fail was ignored; both are
// refused, naming the header and what it wants.
func TestB11RetryAfterHeaderChecked(t *testing.T) {
	_, url := newEmulator(t, nil)
	for _, tc := range []struct {
		headers []string
		want    string
	}{
		{[]string{events.HeaderFail, "503", events.HeaderRetryAfter, "abc"}, `fault: X-Emulator-Retry-After "abc", want seconds or an HTTP date`},
		{[]string{events.HeaderFail, "429", events.HeaderRetryAfter, "-1"}, `fault: X-Emulator-Retry-After "-1", want seconds or an HTTP date`},
		{[]string{events.HeaderRetryAfter, "2"}, `fault: X-Emulator-Retry-After "2" without X-Emulator-Fail, want both`},
	} {
		a := post(t, url+events.PathReport, report(validPayload, ""), tc.headers...)
		if a.status != 400 {
			t.Errorf("%v: status %d, want 400", tc.headers, a.status)
			continue
		}
		if e := decodeError(t, a); e.Message != tc.want {
			t.Errorf("%v: message %q, want %q", tc.headers, e.Message, tc.want)
		}
	}
	for _, ok := range []string{"0", "120", "Wed, 21 Oct 2015 07:28:00 GMT"} {
		a := post(t, url+events.PathReport, report(validPayload, ""), events.HeaderFail, "503", events.HeaderRetryAfter, ok)
		if a.status != 503 || a.header.Get("Retry-After") != ok {
			t.Errorf("Retry-After %q: status %d, header %q", ok, a.status, a.header.Get("Retry-After"))
		}
	}
}
