// Command reportexample reports an "order paid" event: to Wix with an API
// key, or to the emulator (triggerlint serve) when EVENTS_BASE_URL is set.
package main

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/validate"
)

//go:embed schemas/*.json
var schemas embed.FS // schemas/order-paid.json serves the trigger key "order-paid"

// Order is what the shop knows about a paid order.
type Order struct {
	ID, ContactID   string
	PaidAt, Due     time.Time
	Total, Currency string
}

// reportOrderPaid reports the order to the order-paid trigger. The order
// ID is the external entity ID, so that the event can be canceled.
func reportOrderPaid(ctx context.Context, c *events.Client, o Order) ([]string, error) {
	payload, err := json.Marshal(map[string]any{
		"orderId":      o.ID,
		"contactId":    o.ContactID,
		"paidAt":       o.PaidAt.UTC().Format(time.RFC3339),
		"deliveryDate": o.Due.UTC().Format(time.RFC3339),
		"total":        map[string]string{"value": o.Total, "currency": o.Currency},
	})
	if err != nil {
		return nil, err
	}
	res, err := c.Report(ctx, &events.ReportRequest{TriggerKey: "order-paid", Payload: payload, ExternalEntityID: o.ID})
	if err != nil {
		return nil, err
	}
	return res.ActivationIDs, nil
}

func main() {
	reg, err := events.LoadFS(schemas, nil)
	if err != nil {
		log.Fatal(err)
	}
	client, err := events.New(events.Options{
		Registry: reg,
		BaseURL:  os.Getenv("EVENTS_BASE_URL"), // "" is https://www.wixapis.com
		Auth:     events.APIKey{Key: os.Getenv("WIX_API_KEY"), SiteID: os.Getenv("WIX_SITE_ID")},
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ids, err := reportOrderPaid(ctx, client, Order{
		ID: "5f0c7a4e-2b9d-4e61-8c3a-9d2f1b7e6a40", ContactID: "0b3e8d2a-6c4f-4a1b-9e7d-3f5a2c8b1d64",
		PaidAt: time.Now(), Due: time.Now().Add(72 * time.Hour), Total: "129.90", Currency: "EUR",
	})
	var ve *validate.ValidationError
	var ae *events.APIError
	switch {
	case errors.As(err, &ve): // not sent
		for _, v := range ve.Violations {
			fmt.Println(v)
		}
		os.Exit(1)
	case errors.As(err, &ae): // Wix refused it
		log.Fatalf("%d %s: %s", ae.StatusCode, ae.Code, ae.Message)
	case err != nil: // network, or the context ended while retrying
		log.Fatal(err)
	}
	fmt.Println("activations:", ids)
}
