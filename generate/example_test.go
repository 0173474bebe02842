package generate_test

import (
	"fmt"
	"os"
	"time"

	"github.com/triggerkit/triggerkit/generate"
)

// Money is a price, as the MONEY custom type holds it.
type Money struct {
	Value    string `json:"value" jsonschema:"title=Amount,description=The amount as a decimal string.,format=DECIMAL_VALUE"`
	Currency string `json:"currency" jsonschema:"title=Currency,description=The ISO 4217 currency code."`
}

// OrderPaid is the payload of an "order paid" trigger.
type OrderPaid struct {
	OrderID   string    `json:"orderId" jsonschema:"title=Order ID,description=The order's ID.,format=uuid,example=6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13" jsonschema_extras:"wixCustomType=ORDER_ID"`
	ContactID string    `json:"contactId" jsonschema:"title=Contact ID,description=The buyer.,format=uuid,example=2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6" jsonschema_extras:"identityType=contact"`
	Total     Money     `json:"total" jsonschema:"title=Total,description=What the buyer paid." jsonschema_extras:"wixCustomType=MONEY"`
	PaidAt    time.Time `json:"paidAt" jsonschema:"title=Paid at,description=When the payment went through.,example=2026-03-01T09:30:00Z"`
	Shipping  struct {
		City string `json:"city" jsonschema:"title=Ship to city,description=Where the order goes.,example=Paris"`
	} `json:"shipping"`
	Coupon string `json:"coupon,omitempty" jsonschema:"title=Coupon,description=The coupon used\\, if any.,example=SPRING10"`
}

// Generate the schema of a Go type: nested structs are flattened, the
// tags set titles, descriptions, examples, formats and Wix annotations.
func ExampleFromType() {
	res, err := generate.FromType(&OrderPaid{}, generate.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(res.JSON)
	for _, n := range res.Notes {
		fmt.Println("note:", n)
	}
	// Output:
	// {
	//   "$schema": "http://json-schema.org/draft-07/schema",
	//   "type": "object",
	//   "properties": {
	//     "orderId": {
	//       "type": "string",
	//       "title": "Order ID",
	//       "description": "The order's ID.",
	//       "format": "uuid",
	//       "wixCustomType": "ORDER_ID",
	//       "examples": ["6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"]
	//     },
	//     "contactId": {
	//       "type": "string",
	//       "title": "Contact ID",
	//       "description": "The buyer.",
	//       "format": "uuid",
	//       "identityType": "contact",
	//       "examples": ["2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6"]
	//     },
	//     "total": {
	//       "type": "object",
	//       "title": "Total",
	//       "description": "What the buyer paid.",
	//       "wixCustomType": "MONEY",
	//       "examples": [{"value":"10.00","currency":"USD"}],
	//       "properties": {
	//         "value": {
	//           "type": "string",
	//           "title": "Amount",
	//           "description": "The amount as a decimal string.",
	//           "format": "DECIMAL_VALUE"
	//         },
	//         "currency": {
	//           "type": "string",
	//           "title": "Currency",
	//           "description": "The ISO 4217 currency code."
	//         }
	//       },
	//       "required": ["value", "currency"]
	//     },
	//     "paidAt": {
	//       "type": "string",
	//       "title": "Paid at",
	//       "description": "When the payment went through.",
	//       "format": "date-time",
	//       "examples": ["2026-03-01T09:30:00Z"]
	//     },
	//     "shipping_city": {
	//       "type": "string",
	//       "title": "Ship to city",
	//       "description": "Where the order goes.",
	//       "examples": ["Paris"]
	//     },
	//     "coupon": {
	//       "type": "string",
	//       "title": "Coupon",
	//       "description": "The coupon used, if any.",
	//       "examples": ["SPRING10"]
	//     }
	//   },
	//   "required": ["orderId", "contactId", "total", "paidAt", "shipping_city"]
	// }
	// note: /total -> total: no example in the struct tag; a made-up one is used, add example= to the jsonschema tag
	// note: /shipping/city -> shipping_city: flattened into a 1st-level key
}
