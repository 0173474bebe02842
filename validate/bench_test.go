package validate

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// The benchmarks run ours and the reference (santhosh-tekuri/jsonschema
// v5) on the same 597-byte, 13-property payload and schema, from bytes to
// verdict. ./scripts/bench-validate runs them with ajv side by side.

func BenchmarkValidate(b *testing.B) {
	v := orderValidator(b, nil)
	payload := orderPayload(b)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		if r := v.Validate(payload); len(r.Violations) != 0 {
			b.Fatal(r.Violations)
		}
	}
}

func BenchmarkValidateInvalid(b *testing.B) {
	v := orderValidator(b, nil)
	payload := []byte(with(b, "orderNumber", `"10231"`))
	b.ReportAllocs()
	for b.Loop() {
		if r := v.Validate(payload); r.Valid() {
			b.Fatal("valid")
		}
	}
}

func BenchmarkReferenceV5(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/order-13.json")
	if err != nil {
		b.Fatal(err)
	}
	ref := compileReference(b, src)
	payload := orderPayload(b)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		dec := json.NewDecoder(bytes.NewReader(payload))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
		if err := ref.Validate(v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReferenceV5Decoded leaves decoding out of the reference's time:
// the validation step alone, on a value decoded once.
func BenchmarkReferenceV5Decoded(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/order-13.json")
	if err != nil {
		b.Fatal(err)
	}
	ref := compileReference(b, src)
	dec := json.NewDecoder(bytes.NewReader(orderPayload(b)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := ref.Validate(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateRequest(b *testing.B) {
	v := orderValidator(b, nil)
	body := []byte(`{"triggerKey":"order_paid","payload":` + string(orderPayload(b)) + `,"externalEntityId":"` + guid + `","idempotency":{"key":"order-10231-paid"}}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, r := v.ValidateRequest(body, KindAuto); len(r.Violations) != 0 {
			b.Fatal(r.Violations)
		}
	}
}
