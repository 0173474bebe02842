package validate

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/schema"
)

func orderValidator(t testing.TB, opts *Options) *Validator {
	t.Helper()
	src, err := os.ReadFile("../testdata/schemas/order-13.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func orderPayload(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/payloads/order-13.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// with returns the order payload with one root key's raw value replaced,
// or removed when value is "".
func with(t testing.TB, key, value string) string {
	m := examplePayload(t, "../testdata/schemas/order-13.json")
	if value == "" {
		delete(m, key)
	} else {
		m[key] = []byte(value)
	}
	var b strings.Builder
	b.WriteString("{")
	first := true
	for _, k := range []string{"orderId", "contactId", "orderNumber", "status", "total", "itemCount", "paidAt", "deliveryDate", "customerEmail", "receiptUrl", "couponCode", "isFirstOrder", "lineItems", key} {
		v, ok := m[k]
		if !ok {
			continue
		}
		delete(m, k)
		if !first {
			b.WriteString(",")
		}
		first = false
		fmt.Fprintf(&b, "%q:%s", k, v)
	}
	b.WriteString("}")
	return b.String()
}

// lines formats violations as "pointer rule severity: message".
func lines(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%s %s %s: %s\n", v.Pointer, v.Rule, v.Severity, v.Message)
	}
	return b.String()
}

func TestValidate(t *testing.T) {
	v := orderValidator(t, &Options{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	tests := []struct {
		name, payload, want string
	}{
		{"valid", string(orderPayload(t)), ""},
		{"examples", with(t, "", ""), ""},
		{"missing required", with(t, "paidAt", ""), ` TK9003 error: missing required property "paidAt"` + "\n"},
		{"integer with a fraction", with(t, "orderNumber", "10.5"), `/orderNumber TK9004 error: got number 10.5, want integer` + "\n"},
		{"whole number spelled as a float", with(t, "orderNumber", "1.0e4"), ""},
		{"1e400 is an integer", with(t, "orderNumber", "1e400"), ""},
		{"string for boolean", with(t, "isFirstOrder", `"true"`), `/isFirstOrder TK9004 error: got string "true", want boolean` + "\n"},
		{"null", with(t, "couponCode", "null"), `/couponCode TK9004 error: got null, want string` + "\n"},
		{"uuid", with(t, "orderId", `"ca6385a-4fb6-bca0-ba0b286b6b75"`), `/orderId TK9005 error: "ca6385a-4fb6-bca0-ba0b286b6b75" is not a valid uuid` + "\n"},
		{"uuid upper case", with(t, "orderId", `"6B8F3A52-1C9D-4E27-8F41-0D2C7A9B5E13"`), ""},
		{"date-time without offset", with(t, "paidAt", `"2026-03-01T09:30:00"`), `/paidAt TK9005 error: "2026-03-01T09:30:00" is not a valid date-time` + "\n"},
		{"escaped string is decoded", with(t, "paidAt", `"2026-03-01T09:30:00\u005A"`), ""},
		{"escaped quote ends no date", with(t, "deliveryDate", `"2026-03-04\"x"`), `/deliveryDate TK9005 error: "2026-03-04\"x" is not a valid date` + "\n"},
		{"escaped uuid", with(t, "orderId", `"\u0036b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"`), ""},
		{"control character in a uri", with(t, "receiptUrl", "\"https://x.com/\x01\""), `/receiptUrl TK9001 error: control character 0x01 in a string; escape it` + "\n"},
		{"spaces around colons", strings.ReplaceAll(with(t, "", ""), `":`, `" : `), ""},
		{"uri with a space", with(t, "receiptUrl", `"https://x.com/a b"`), `/receiptUrl TK9005 error: "https://x.com/a b" is not a valid uri` + "\n"},
		{"oneOf", with(t, "status", `"PAID"`), `/status TK9006 error: string "PAID" is not one of the options: "paid", "pending", "refunded"` + "\n"},
		{"money", with(t, "total", `{"value":"12,50","currency":"$"}`), `/total/value TK9005 error: "12,50" is not a valid DECIMAL_VALUE (a numeric string)` + "\n" +
			`/total/currency TK9015 warning: currency "$" is not an ISO 4217 code such as "USD"` + "\n"},
		{"nested required and types", with(t, "lineItems", `[{"name":"a","quantity":1},{"name":2},7]`),
			`/lineItems/1/name TK9004 error: got integer 2, want string` + "\n" +
				`/lineItems/1 TK9003 error: missing required property "quantity"` + "\n" +
				`/lineItems/2 TK9004 error: got integer 7, want object` + "\n"},
		{"extra keys", with(t, "note", `"x"`), `/note TK9010 warning: key "note" is not in the schema, so automations cannot use it` + "\n"},
		{"extra null", with(t, "note", `null`), `/note TK9010 warning: key "note" is not in the schema, and its value is null` + "\n"},
		{"extra object", with(t, "meta", `{"a":1}`), `/meta TK9010 warning: key "meta" is not in the schema, so automations cannot use it` + "\n" +
			`/meta TK9009 error: value is an object, which is allowed only where the schema declares an object property` + "\n"},
		{"extra array of primitives", with(t, "tags", `[{"a":1},"b"]`), `/tags TK9010 warning: key "tags" is not in the schema, so automations cannot use it` + "\n" +
			`/tags/1 TK9009 error: array element is string "b", want an object` + "\n"},
		{"nested extra array", with(t, "lineItems", `[{"name":"a","quantity":1,"opts":[1]}]`),
			`/lineItems/0/opts TK9010 warning: key "opts" is not in the schema, so automations cannot use it` + "\n" +
				`/lineItems/0/opts TK9009 error: value is an array, which is allowed only for first-level properties` + "\n"},
		{"key case", with(t, "OrderNumber", `1`), `/OrderNumber TK9011 warning: key "OrderNumber" is not in the schema, which has "orderNumber"` + "\n"},
		{"bad keys", with(t, "first name", `"x"`), `/first name TK9007 error: key "first name" has a space; keys use only letters, digits and "_" and do not start with "_"` + "\n" +
			`/first name TK9010 warning: key "first name" is not in the schema, so automations cannot use it` + "\n"},
		{"pointer escaping", with(t, "a/b~c", `1`), `/a~1b~0c TK9007 error: key "a/b~c" has the character '/'; keys use only letters, digits and "_" and do not start with "_"` + "\n" +
			`/a~1b~0c TK9010 warning: key "a/b~c" is not in the schema, so automations cannot use it` + "\n"},
		{"duplicate", `{"orderId":"6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13","orderId":"x","x":1,"x":2}`, ""},
		{"not an object", `[1,2]`, ` TK9002 error: payload is an array, want an object` + "\n"},
		{"past date", with(t, "paidAt", `"2025-12-31T23:59:59Z"`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := v.Validate([]byte(tt.payload))
			if tt.name == "duplicate" {
				if n := strings.Count(lines(r.Violations), "TK9008"); n != 2 {
					t.Errorf("want 2 duplicate-key errors, got:\n%s", lines(r.Violations))
				}
				return
			}
			if got := lines(r.Violations); got != tt.want {
				t.Errorf("payload %s\ngot:\n%s\nwant:\n%s", tt.payload, got, tt.want)
			}
			if r.Valid() != !strings.Contains(tt.want, " error:") {
				t.Errorf("Valid() = %v", r.Valid())
			}
		})
	}
}

func TestFutureDate(t *testing.T) {
	src := []byte(`{"type":"object","required":["at"],"properties":{"at":{"type":"string","format":"date-time","futureDate":true,"title":"At","examples":["2030-01-01T00:00:00Z"]}}}`)
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	v, err := New(src, &Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	for payload, past := range map[string]bool{
		`{"at":"2026-05-01T11:59:59Z"}`:      true,
		`{"at":"2026-05-01T12:00:01Z"}`:      false,
		`{"at":"2026-05-01T13:30:00+02:00"}`: true, // 11:30 UTC
		`{"at":"2026-05-01T10:30:00-02:00"}`: false,
		`{"at":"2026-05-01T12:00:00.5Z"}`:    false,
		`{"at":"2016-12-31T23:59:60Z"}`:      true,
		`{"at":"2400-02-29T00:00:00.000Z"}`:  false,
		`{"at":"1969-12-31T23:59:59.999Z"}`:  true,
	} {
		r := v.Validate([]byte(payload))
		got := strings.Contains(lines(r.Violations), "TK9012 warning")
		if got != past || (len(r.Violations) > 0 && !got) {
			t.Errorf("%s: past = %v, want %v (%v)", payload, got, past, r.Violations)
		}
		if !r.Valid() {
			t.Errorf("%s: a past date is a warning, not an error", payload)
		}
	}
}

func TestOffsets(t *testing.T) {
	v := orderValidator(t, nil)
	payload := with(t, "orderNumber", `"12"`)
	r := v.Validate([]byte(payload))
	if len(r.Violations) != 1 {
		t.Fatalf("got %v", r.Violations)
	}
	if got := payload[r.Violations[0].Offset:r.Violations[0].End]; got != `"12"` {
		t.Errorf("span %q, want the value", got)
	}
}

// TestBadInput feeds what real systems send by mistake: nothing panics or
// hangs, and syntax errors are placed exactly.
func TestBadInput(t *testing.T) {
	v := orderValidator(t, nil)
	deep := func(n int) string {
		return `{"x":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`
	}
	tests := []struct {
		name, payload string
		rule          string
		offset        int
		msg           string
	}{
		{"empty", "", RuleSyntax, 0, "the payload is empty"},
		{"trailing comma", `{"orderId":1,}`, RuleSyntax, 13, `invalid character '}', want a key in double quotes`},
		{"comment", `{/*x*/}`, RuleSyntax, 1, `invalid character '/', want a key in double quotes`},
		{"single quotes", `{'a':1}`, RuleSyntax, 1, `invalid character ''', want a key in double quotes`},
		{"truncated", `{"a":"b`, RuleSyntax, 7, `unexpected end of input inside a string`},
		{"invalid UTF-8", "{\"a\":\"\xff\"}", RuleSyntax, 6, `invalid UTF-8 byte 0xFF in a string`},
		{"control character", "{\"a\":\"\n\"}", RuleSyntax, 6, `control character 0x0A in a string; escape it`},
		{"bad escape", `{"a":"\x"}`, RuleSyntax, 6, `invalid escape \x in a string`},
		{"leading zero", `{"a":01}`, RuleSyntax, 6, `invalid character '1', want "," or "}" after an object member`},
		{"NaN", `{"a":NaN}`, RuleSyntax, 5, `invalid character 'N', want a value`},
		{"two values", `{} {}`, RuleSyntax, 3, `invalid character '{' after the payload`},
		{"too deep", deep(10001), RuleSyntax, 5 + 9999, "nesting deeper than 10000 levels"},
		{"not an object", `"x"`, RuleNotObject, 0, `payload is string "x", want an object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := v.Validate([]byte(tt.payload))
			var found *Violation
			for i := range r.Violations {
				if r.Violations[i].Rule == tt.rule {
					found = &r.Violations[i]
					break
				}
			}
			if found == nil || found.Offset != tt.offset || found.Message != tt.msg {
				t.Errorf("got %+v, want %s at %d: %s", r.Violations, tt.rule, tt.offset, tt.msg)
			}
		})
	}
	// 10,000 levels is the limit of encoding/json too: allowed, but an
	// undeclared array must hold objects.
	if r := v.Validate([]byte(deep(9999))); strings.Contains(lines(r.Violations), RuleSyntax) {
		t.Errorf("10000 levels: %v", r.Violations)
	}
	// A 10 MB string is scanned, checked and reported without trouble.
	big := with(t, "couponCode", `"`+strings.Repeat("ab", 5<<20)+`"`)
	if r := v.Validate([]byte(big)); len(r.Violations) != 0 {
		t.Errorf("10 MB string: %v", r.Violations)
	}
	bad := with(t, "orderId", `"`+strings.Repeat("a", 10<<20)+`"`)
	if r := v.Validate([]byte(bad)); len(r.Violations) != 1 || len(r.Violations[0].Message) > 100 {
		t.Errorf("10 MB bad uuid: %d violations", len(r.Violations))
	}
}

func TestZeroAllocs(t *testing.T) {
	v := orderValidator(t, nil)
	payload := orderPayload(t)
	if n := testing.AllocsPerRun(100, func() { v.Validate(payload) }); n != 0 {
		t.Errorf("a valid payload costs %v allocations, want 0", n)
	}
}

// TestConcurrent shares one validator between 8 goroutines; run with -race.
func TestConcurrent(t *testing.T) {
	v := orderValidator(t, nil)
	good := orderPayload(t)
	bad := []byte(with(t, "orderNumber", `"x"`))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if r := v.Validate(good); !r.Valid() {
					errs <- fmt.Errorf("goroutine %d: valid payload refused: %v", g, r.Violations)
					return
				}
				if r := v.Validate(bad); r.Valid() || r.Violations[0].Pointer != "/orderNumber" {
					errs <- fmt.Errorf("goroutine %d: got %v", g, r.Violations)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestValidateValue(t *testing.T) {
	v := orderValidator(t, nil)
	r, err := v.ValidateValue(map[string]any{"orderId": "nope"})
	if err != nil {
		t.Fatal(err)
	}
	var verr *ValidationError
	if !errors.As(r.Err(), &verr) || verr.Violations[0].Pointer != "/orderId" {
		t.Errorf("got %v", r.Err())
	}
	if _, err := v.ValidateValue(map[string]any{"f": func() {}}); err == nil {
		t.Error("an unencodable value should be an error")
	}
}

func TestCompileErrors(t *testing.T) {
	for src, want := range map[string]string{
		`[]`: "1:1: root is an array, want an object",
		`{"type":"object","properties":{"a":{"type":"text"}}}`:                       `/properties/a/type: unknown type "text"`,
		`{"type":"object","properties":{"a":true}}`:                                  `/properties/a: property "a" is a boolean, want an object`,
		`{"type":"object","properties":{"a":{"type":"array","items":[1]}}}`:          `/properties/a/items/0: items entry is a number, want a schema (an object or a boolean)`,
		`{"type":"object","properties":{"a":{"type":"array","items":"x"}}}`:          `/properties/a/items: items is a string, want a schema or an array of schemas`,
		`{"type":"object","properties":{"a":{"$ref":"other.json#/definitions/a"}}}`:  `/properties/a/$ref: $ref "other.json#/definitions/a" points outside the document`,
		`{"type":"object","properties":{"a":{"$ref":"https://example.com/s.json"}}}`: `$ref "https://example.com/s.json" points outside the document`,
		`{"type":"object","properties":{"a":{"$ref":"#/definitions/missing"}}}`:      `$ref "#/definitions/missing" points to nothing in the document`,
		`{"type":"object","allOf":[{"$ref":"#"}]}`:                                   `a $ref cycle applies a schema to the same value again`,
		`{"type":"object","properties":{"a":{"minLength":-1}}}`:                      `minLength is a number, want a non-negative integer`,
		`{"type":"object","properties":{"a":{"multipleOf":0}}}`:                      `multipleOf is 0, want a number above 0`,
		`{"type":"object","properties":{"a":{"pattern":"(a"}}}`:                      `pattern "(a" is not a valid regular expression`,
		`{"type":"object","properties":{"a":{"minimum":"1"}}}`:                       `minimum is a string, want a number`,
		`{"type":"object","required":"a","properties":{"a":{"type":"string"}}}`:      `/required: required is a string, want an array`,
	} {
		_, err := New([]byte(src), nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", src, err, want)
		}
	}
	if _, err := New([]byte(`{"type":`), nil); !errors.As(err, new(schema.ErrorList)) {
		t.Errorf("invalid JSON: got %v", err)
	}
	// Applied keywords and annotations are not listed; what is not applied is.
	v, err := New([]byte(`{"type":"object","additionalProperties":false,"definitions":{"d":{"type":"string"}},"properties":{`+
		`"a":{"type":"string","enum":["x"],"title":"A","$comment":"c"},`+
		`"b":{"type":"string","nullable":true,"format":"ipv4"},`+
		`"c":{"type":"string","pattern":"^(?!x)"},`+
		`"d":{"$ref":"#/definitions/d","minLength":3,"title":"D"}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(v.Ignored()); got != "[{/properties/b/nullable nullable} {/properties/b/format format} {/properties/c/pattern pattern} {/properties/d/minLength minLength}]" {
		t.Errorf("ignored: %s", got)
	}
}

func TestRulesTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] || seen[r.Name] {
			t.Errorf("%s %s: not unique", r.ID, r.Name)
		}
		seen[r.ID], seen[r.Name] = true, true
		if ruleSeverity(r.ID) != r.Severity {
			t.Errorf("%s: ruleSeverity says %v, the table %v", r.ID, ruleSeverity(r.ID), r.Severity)
		}
		if IsJSONSchemaRule(r.ID) != r.JSONSchema {
			t.Errorf("%s: IsJSONSchemaRule disagrees with the table", r.ID)
		}
		if r.Title == "" || strings.HasSuffix(r.Title, ".") || len(r.Title) > 60 || r.Text == "" {
			t.Errorf("%s: title %q or text is not right", r.ID, r.Title)
		}
	}
}

// FuzzValidate checks that any input is handled: no panic, spans inside
// the input, pointers that parse.
func FuzzValidate(f *testing.F) {
	v := orderValidator(f, nil)
	valid := orderPayload(f)
	f.Add(valid)
	for _, s := range []string{`{}`, `[]`, `{"a":[{"b":{}}]}`, "{\"a\":\"\xff\"}", `{"orderNumber":1e400}`, `{"a":1,"a":2}`, `{"status":"\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := v.Validate(data)
		for _, x := range r.Violations {
			if x.Offset < 0 || x.End < x.Offset || x.End > len(data) {
				t.Fatalf("span %d..%d outside %d bytes: %v", x.Offset, x.End, len(data), x)
			}
			if !schema.Pointer(x.Pointer).Valid() {
				t.Fatalf("bad pointer %q", x.Pointer)
			}
			if x.Message == "" || x.Severity == 0 {
				t.Fatalf("empty violation %+v", x)
			}
		}
		if bytes.Equal(data, valid) && len(r.Violations) != 0 {
			t.Fatal("the valid payload is refused")
		}
	})
}
