package validate_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/triggerkit/triggerkit/validate"
)

// Compile the trigger's schema once, at start-up, then check every report
// before it is sent.
func Example() {
	v, err := validate.New([]byte(`{
	  "type": "object",
	  "required": ["invoiceId", "amount"],
	  "properties": {
	    "invoiceId": {"type": "string", "format": "uuid", "title": "Invoice ID", "examples": ["3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03"]},
	    "amount": {"type": "string", "format": "DECIMAL_VALUE", "title": "Amount", "examples": ["20.50"]}
	  }
	}`), nil)
	if err != nil {
		log.Fatal(err)
	}

	req := &validate.ReportEvent{
		TriggerKey:       "invoice_due",
		Payload:          json.RawMessage(`{"invoiceId": "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", "amount": 20.5}`),
		ExternalEntityID: "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03",
		Idempotency:      &validate.Idempotency{Key: "invoice-3f1c2a9e-due"},
	}
	if err := v.ValidateReport(req).Err(); err != nil {
		fmt.Println(err) // do not send it: Wix would answer 428
		return
	}
	// send req to https://www.wixapis.com/automations/v1/events/report
	// Output:
	// invalid payload: /payload/amount: got number 20.5, want string (TK9004)
}
