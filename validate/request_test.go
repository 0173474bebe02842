package validate

import (
	"encoding/json"
	"strings"
	"testing"
)

const guid = "6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"

func TestValidateRequest(t *testing.T) {
	v := orderValidator(t, nil)
	payload := string(orderPayload(t))
	tests := []struct {
		name, body string
		kind       Kind
		want       string
	}{
		{"good report", `{"triggerKey":"order_paid","payload":` + payload + `,"externalEntityId":"` + guid + `","idempotency":{"key":"order-10231-paid","ttlInMilliseconds":"604800000"}}`, KindReport, ""},
		{"report problems", `{"triggerKey":"Order Paid","payload":{"orderId":"x"},"externalEntityId":"2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6","idempotency":{"ttlInMilliseconds":"-5"},"externalEntityID":"x"}`, KindReport,
			`/triggerKey TK9103 error: triggerKey "Order Paid" has "O"; want lowercase letters, digits, "-" and "_", starting with a letter or digit
/payload TK9003 error: missing required property "contactId"
/payload TK9003 error: missing required property "orderNumber"
/payload TK9003 error: missing required property "status"
/payload TK9003 error: missing required property "total"
/payload TK9003 error: missing required property "paidAt"
/payload TK9003 error: missing required property "customerEmail"
/payload TK9003 error: missing required property "lineItems"
/payload/orderId TK9005 error: "x" is not a valid uuid
/idempotency/key TK9108 warning: no idempotency.key: a retried report would run the automation again
/idempotency/ttlInMilliseconds TK9109 error: idempotency.ttlInMilliseconds "-5" is not a positive int64 written in digits
/externalEntityID TK9102 warning: a report request has no field "externalEntityID"; did you mean "externalEntityId"?
`},
		{"no payload", `{"triggerKey":"order_paid"}`, KindReport,
			`/payload TK9104 error: missing payload; Wix answers 400 REQUIRED_PROPERTY
/idempotency TK9108 warning: no idempotency.key: a retried report would run the automation again
`},
		{"cancel detected", `{"triggerKey":"order_paid","externalEntityId":"nope"}`, KindAuto,
			`/externalEntityId TK9105 error: externalEntityId "nope" is not a GUID
`},
		{"bulk cancel", `{"triggerKey":"","externalEntityIds":["` + guid + `","` + guid + `",3]}`, KindAuto,
			`/triggerKey TK9103 error: triggerKey is empty
/externalEntityIds/1 TK9111 warning: ID "` + guid + `" repeats item 0
/externalEntityIds/2 TK9101 error: externalEntityIds item is a number, want a string
`},
		{"bulk report", `{"triggerKey":"order_paid","eventsInfo":[{"payload":` + payload + `,"idempotency":{"key":"k"}},{"payload":{"orderId":1},"idempotency":{"key":"k"}}]}`, KindAuto, "bulk"},
		{"empty bulk", `{"triggerKey":"a","eventsInfo":[]}`, KindBulkReport, `/eventsInfo TK9110 error: eventsInfo is empty, want 1 to 100 items
`},
		{"syntax", `{"triggerKey":"a",}`, KindAuto, ` TK9001 error: trailing comma before }
`},
		{"not an object", `[]`, KindAuto, ` TK9101 error: request body is an array, want an object
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, r := v.ValidateRequest([]byte(tt.body), tt.kind)
			got := lines(r.Violations)
			if tt.want == "bulk" {
				for _, w := range []string{"/eventsInfo/1/payload/orderId TK9004", "/eventsInfo/1/idempotency/key TK9111"} {
					if !strings.Contains(got, w) {
						t.Errorf("missing %q in\n%s", w, got)
					}
				}
				if strings.Contains(got, "/eventsInfo/0/") {
					t.Errorf("the first event is fine:\n%s", got)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			for _, x := range r.Violations {
				if x.Offset < 0 || x.End > len(tt.body) || x.End < x.Offset {
					t.Errorf("bad span %d..%d", x.Offset, x.End)
				}
			}
		})
	}
}

func TestTypedRequests(t *testing.T) {
	src := []byte(`{"type":"object","required":["at","contactId"],"properties":{
		"at":{"type":"string","format":"date-time","futureDate":true,"title":"At","examples":["2030-01-01T00:00:00Z"]},
		"contactId":{"type":"string","format":"uuid","identityType":"contact","title":"Contact","examples":["` + guid + `"]}}}`)
	v, err := New(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := v.ValidateReport(&ReportEvent{
		TriggerKey:       "booking_reminder",
		Payload:          json.RawMessage(`{"at":"2999-01-01T00:00:00Z","contactId":"` + guid + `"}`),
		ExternalEntityID: strings.ToUpper(guid),
		Idempotency:      &Idempotency{Key: "booking-1"},
	})
	if got := lines(r.Violations); got != `/externalEntityId TK9107 warning: externalEntityId is the contact ID in "contactId"; canceling would cancel all of the contact's events
` {
		t.Errorf("got:\n%s", got)
	}
	r = v.ValidateReport(&ReportEvent{TriggerKey: strings.Repeat("a", 101), Payload: json.RawMessage(`{"at":"2999-01-01T00:00:00Z","contactId":"x"}`)})
	want := `/triggerKey TK9103 error: triggerKey has 101 characters, want at most 100
/payload/contactId TK9005 error: "x" is not a valid uuid
/externalEntityId TK9106 warning: no externalEntityId: this scheduled event (futureDate "at") can never be canceled
/idempotency TK9108 warning: no idempotency.key: a retried report would run the automation again
`
	if got := lines(r.Violations); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	events := make([]EventInfo, 101)
	for i := range events {
		events[i] = EventInfo{Payload: json.RawMessage(`{"at":"2999-01-01T00:00:00Z","contactId":"` + guid + `"}`), ExternalEntityID: guid, Idempotency: &Idempotency{Key: "k"}}
	}
	r = v.ValidateBulkReport(&BulkReportEvent{TriggerKey: "x", EventsInfo: events})
	if got := lines(r.Violations); !strings.HasPrefix(got, "/eventsInfo TK9110 error: eventsInfo has 101 items, want at most 100\n") || strings.Count(got, "TK9111") != 100 {
		t.Errorf("got:\n%.500s", got)
	}
	if got := lines(ValidateCancel(&CancelEvent{TriggerKey: "x"}).Violations); got != "/externalEntityId TK9105 error: missing externalEntityId; the call needs it to know which events to cancel\n" {
		t.Errorf("cancel: %s", got)
	}
	if got := lines(ValidateBulkCancel(&BulkCancelEvent{TriggerKey: "-x"}).Violations); got != "/triggerKey TK9103 error: triggerKey \"-x\" has \"-\" first; want lowercase letters, digits, \"-\" and \"_\", starting with a letter or digit\n/externalEntityIds TK9110 error: externalEntityIds is empty, want 1 to 100 items\n" {
		t.Errorf("bulk cancel: %s", got)
	}
	if k, err := ParseKind("bulk-cancel"); err != nil || k != KindBulkCancel {
		t.Errorf("ParseKind: %v %v", k, err)
	}
	if _, err := ParseKind("delete"); err == nil {
		t.Error("ParseKind should refuse delete")
	}
}
