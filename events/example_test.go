package events_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/validate"
)

// A client validates each payload against the trigger's schema, from a
// registry loaded from an fs.FS (here an embed.FS), before it sends. An
// emulator on 127.0.0.1 stands in for Wix.
func ExampleClient_Report() {
	reg, err := events.LoadFS(schemaFS, nil) // //go:embed testdata/schemas
	if err != nil {
		panic(err)
	}
	em, _ := events.NewEmulator(reg, nil)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	srv := &http.Server{Handler: em}
	go srv.Serve(ln)
	defer srv.Close()

	client, err := events.New(events.Options{
		Registry: reg,
		BaseURL:  "http://" + ln.Addr().String(), // "" is https://www.wixapis.com
		Auth:     events.APIKey{Key: "API-KEY", SiteID: "SITE-ID"},
	})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	res, err := client.Report(ctx, &events.ReportRequest{
		TriggerKey:       "order-paid",
		ExternalEntityID: "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03",
		Payload: json.RawMessage(`{"orderId": "5f0c7a4e-2b9d-4e61-8c3a-9d2f1b7e6a40",
			"contactId": "0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64", "paidAt": "2025-03-01T09:30:00Z",
			"deliveryDate": "2031-03-05T12:00:00Z", "total": {"value": "129.90", "currency": "EUR"}}`),
	})
	fmt.Println(len(res.ActivationIDs), "activation,", err)

	_, err = client.Report(ctx, &events.ReportRequest{TriggerKey: "order-paid",
		Payload: json.RawMessage(`{"orderId": "10231", "total": 129.9}`)})
	var ve *validate.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v)
		}
	}
	fmt.Println(len(em.Events()), "call reached the emulator")
	// Output:
	// 1 activation, <nil>
	// /payload/orderId: "10231" is not a valid uuid (TK9005)
	// /payload/total: got number 129.9, want object (TK9004)
	// /payload: missing required property "contactId" (TK9003)
	// /payload: missing required property "paidAt" (TK9003)
	// /payload: missing required property "deliveryDate" (TK9003)
	// 1 call reached the emulator
}

// The emulator answers a payload that does not match with 428
// SCHEMA_VALIDATION_FAILED, and adds what Wix does not give: every
// violation with its pointer and rule ID.
func ExampleAPIError() {
	strict, _ := events.LoadFS(schemaFS, nil)
	em, _ := events.NewEmulator(strict, nil)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	srv := &http.Server{Handler: em}
	go srv.Serve(ln)
	defer srv.Close()

	// A client whose schema for order-paid is older and looser.
	loose, _ := events.NewRegistry(map[string][]byte{"order-paid": []byte(`{"type": "object", "properties": {"orderId": {"type": "string"}}}`)}, nil)
	client, _ := events.New(events.Options{Registry: loose, BaseURL: "http://" + ln.Addr().String()})
	_, err := client.Report(context.Background(), &events.ReportRequest{TriggerKey: "order-paid",
		Payload: json.RawMessage(`{"orderId": "10231"}`), Idempotency: &events.Idempotency{Key: "order-10231-paid"}})
	var ae *events.APIError
	if errors.As(err, &ae) {
		fmt.Println(ae.StatusCode, ae.Code)
		for _, v := range ae.Violations {
			if v.Severity == "error" {
				fmt.Println(v.Pointer, v.Rule, v.Message)
			}
		}
	}
	// Output:
	// 428 SCHEMA_VALIDATION_FAILED
	// /payload TK9003 missing required property "contactId"
	// /payload TK9003 missing required property "paidAt"
	// /payload TK9003 missing required property "deliveryDate"
	// /payload TK9003 missing required property "total"
	// /payload/orderId TK9005 "10231" is not a valid uuid
}

func ExampleIdempotencyKey() {
	a := events.IdempotencyKey("order-paid", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", []byte(`{"orderId": "1", "n": 2}`))
	b := events.IdempotencyKey("order-paid", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", []byte(`{"n":2,"orderId":"1"}`))
	fmt.Println(a == b, len(a))
	// Output: true 36
}
