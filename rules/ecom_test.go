package rules

import (
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// TestEcomEvidence checks TK8010's reading of a 1st-level entityFqdn: every
// value its const, default, examples and oneOf consts show, one at least,
// names a wix.ecom or wix.stores entity.
func TestEcomEvidence(t *testing.T) {
	for _, tt := range []struct {
		fqdn string
		want bool
	}{
		{`{"type": "string", "const": "wix.ecom.v1.order"}`, true},
		{`{"type": "string", "default": "wix.stores.v1.product"}`, true},
		{`{"type": "string", "examples": ["wix.ecom.v1.order", "wix.stores.v1.order"]}`, true},
		{`{"type": "string", "oneOf": [{"const": "wix.ecom.v1.order"}, {"title": "no const"}, "x"]}`, true},
		{`{"type": "string", "const": "wix.ecom.v1.order", "default": "wix.pricing_plans.v2.order"}`, false},
		{`{"type": "string", "const": 1, "examples": ["wix.ecom.v1.order"]}`, false},
		{`{"type": "string", "examples": ["wix.ecom.v1.order", "wix.bookings.v2.booking"]}`, false},
		{`{"type": "string", "oneOf": [{"const": "wix.ecom.v1.order"}, {"const": null}]}`, false},
		{`{"type": "string", "examples": "wix.ecom.v1.order"}`, false},
		{`{"type": "string"}`, false},
		{`"wix.ecom.v1.order"`, false},
	} {
		doc, err := schema.Load("s.json", []byte(`{"type": "object", "properties": {"entityFqdn": `+tt.fqdn+`}}`))
		if err != nil {
			t.Fatal(err)
		}
		if got := ecomEvidence(doc); got != tt.want {
			t.Errorf("entityFqdn %s: ecomEvidence %v, want %v", tt.fqdn, got, tt.want)
		}
	}
	// Two entityFqdn keys: the values of both count.
	doc, _ := schema.Load("s.json", []byte(`{"type": "object", "properties": {"entityFqdn": {"const": "wix.ecom.v1.order"}, "entityFqdn": {"const": "wix.events.v1.event"}}}`))
	if ecomEvidence(doc) {
		t.Error("two entityFqdn keys, one not ecommerce: ecomEvidence true, want false")
	}
}
