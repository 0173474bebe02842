package generate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
)

const hintSample = `{"first_name": "Ada", "orderId": "6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13",
 "link": "https://x.example/a.pdf", "amount": "12.50", "pattern": "^a+$", "count": 3,
 "price": {"value": "9.99", "currency": "USD"}, "maybe": null,
 "items": [{"sku": "A-1", "qty": 1}]}`

const hintSample2 = `{"first_name": "Grace", "orderId": "2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6",
 "link": "https://x.example/b.pdf", "amount": "1e5", "pattern": "(", "count": 4,
 "price": {"value": "1.00", "currency": "EUR"},
 "items": [{"sku": "B-2", "qty": 2}]}`

// hintSampleFit is hintSample2 with an amount and a pattern that fit the
// formats DECIMAL_VALUE and regex.
var hintSampleFit = strings.NewReplacer(`"1e5"`, `"7"`, `"("`, `"b*"`).Replace(hintSample2)

func schemaWith(t *testing.T, hints string) (*generate.Result, error) {
	t.Helper()
	h, err := generate.ParseHints([]byte(hints))
	if err != nil {
		t.Fatalf("ParseHints(%s): %v", hints, err)
	}
	g := generate.New(generate.Options{Hints: h})
	for _, s := range []string{hintSample, hintSample2} {
		if err := g.Add([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	return g.Schema()
}

// TestHintsContradictingSamplesOrDialect is the defect where hints gave a
// schema with lint errors, or one that the transformed samples failed,
// with exit 0: a hint that the samples or the dialect contradict is a
// *HintError naming its key.
func TestHintsContradictingSamplesOrDialect(t *testing.T) {
	for _, c := range []struct {
		hints string
		key   string
		want  string
	}{
		{`{"first_name": {"format": "uuid"}}`, "first_name", `format "uuid", but not every value seen is one`},
		{`{"first_name": {"wixCustomType": "MONEY"}}`, "first_name", "wixCustomType MONEY, but the values seen are strings"},
		{`{"first_name": {"format": "bogus"}}`, "first_name", `unknown format "bogus"`},
		{`{"first_name": {"wixCustomType": "COUPON"}}`, "first_name", `unknown wixCustomType "COUPON"`},
		{`{"first_name": {"wixCustomType": "RECEIPT_ID"}}`, "first_name", `unknown wixCustomType "RECEIPT_ID"`},
		{`{"nope": {"title": "X"}}`, "nope", "no such property"},
		{`{"items.nope": {"title": "X"}}`, "items.nope", "no such property"},
		{`{"first_name.x": {"title": "X"}}`, "first_name.x", "no such property"},
		{`{"amount": {"format": "DECIMAL_VALUE"}}`, "amount", "not every value seen is one"},
		{`{"pattern": {"format": "regex"}}`, "pattern", "not every value seen is one"},
		{`{"count": {"format": "uuid"}}`, "count", "formats are for strings"},
		{`{"price": {"wixCustomType": "ATTACHMENT"}}`, "price", "wixCustomType ATTACHMENT, but the values seen are {value, currency} objects"},
		{`{"price": {"wixCustomType": "IMAGE_URL"}}`, "price", "the values seen are {value, currency} objects"},
		{`{"first_name": {"wixCustomType": "ORDER_ID"}}`, "first_name", "wixCustomType ORDER_ID wants a string with format uuid; got a string"},
		{`{"link": {"wixCustomType": "ORDER_ID"}}`, "link", "wants a string with format uuid; got a string with format uri"},
		{`{"orderId": {"format": "uri"}}`, "orderId", "not every value seen is one"},
		{`{"maybe": {"required": true}}`, "maybe", "required, but some samples lack it or hold null"},
		{`{"items.sku": {"format": "date"}}`, "items.sku", "not every value seen is one"},
	} {
		_, err := schemaWith(t, c.hints)
		var he *generate.HintError
		if !errors.As(err, &he) || he.Key != c.key || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want a HintError for %s saying %q", c.hints, err, c.key, c.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), "hint for "+c.key+": ") {
			t.Errorf("%s: %q does not start with the key", c.hints, err)
		}
	}
}

// TestHintsThatFit: hints the samples bear out are applied, and the
// schema lints clean and validates the transformed samples.
func TestHintsThatFit(t *testing.T) {
	for _, hints := range []string{
		`{"link": {"wixCustomType": "IMAGE_URL"}}`,
		`{"link": {"format": "uri", "title": "Link"}, "orderId": {"wixCustomType": "ORDER_ID"}}`,
		`{"price": {"wixCustomType": "MONEY", "description": "The price."}}`,
		`{"maybe": {"format": "uuid"}, "first_name": {"format": "regex"}}`,
		`{"items.qty": {"required": false}, "items.sku": {"required": true, "format": "regex"}}`,
		`{"price.value": {"format": "DECIMAL_VALUE"}, "orderId": {"required": false}}`,
	} {
		h, err := generate.ParseHints([]byte(hints))
		if err != nil {
			t.Fatal(err)
		}
		res := checkRoundTrip(t, generate.Options{Hints: h}, []byte(hintSample), []byte(hintSampleFit))
		if len(res.JSON) == 0 {
			t.Errorf("%s: empty schema", hints)
		}
	}
	// A format only a hint can give is checked against every value.
	h, _ := generate.ParseHints([]byte(`{"amount": {"format": "DECIMAL_VALUE"}, "pattern": {"format": "regex"}}`))
	res := checkRoundTrip(t, generate.Options{Hints: h}, []byte(hintSample))
	for _, want := range []string{`"format": "DECIMAL_VALUE"`, `"format": "regex"`} {
		if !strings.Contains(string(res.JSON), want) {
			t.Errorf("schema lacks %s:\n%s", want, res.JSON)
		}
	}
}
