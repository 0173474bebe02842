package validate

import (
	"encoding/json"
	"os"
	"sort"
	"testing"
)

// replacements are the values the corpus puts in place of each property.
var replacements = []string{
	`null`, `true`, `"true"`, `0`, `1`, `-1`, `1.0`, `1.5`, `1e2`, `1e400`, `-0`, `""`, `"x"`, `"20.50"`, `"1,5"`,
	`"2024-01-01T00:00:00Z"`, `"2024-01-01T00:00:00"`, `"2024-02-30"`, `"14:00:00"`, `"jane@example.com"`,
	`"https://example.com/a"`, `"6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"`, `"paid"`, `"PAID"`, `"\u0070aid"`,
	`[]`, `[{}]`, `[1]`, `[{"name":"x","quantity":1}]`, `[{"name":"x","quantity":"1"}]`, `{}`,
	`{"value":"1.00","currency":"EUR"}`, `{"value":1,"currency":"EUR"}`, `{"value":"1.00"}`,
}

// examplePayload builds a payload from the first example of every root
// property.
func examplePayload(t testing.TB, path string) map[string]json.RawMessage {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Properties map[string]struct {
			Examples []json.RawMessage `json:"examples"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	p := map[string]json.RawMessage{}
	for k, prop := range doc.Properties {
		if len(prop.Examples) > 0 {
			p[k] = prop.Examples[0]
		}
	}
	return p
}

// corpus returns payloads around a valid one: each property removed, and
// replaced by each of the replacements, at both levels.
func corpus(t testing.TB, base map[string]json.RawMessage) [][]byte {
	var out [][]byte
	add := func(m map[string]json.RawMessage) {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	add(base)
	keys := make([]string, 0, len(base))
	for k := range base {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m := clone(base)
		delete(m, k)
		add(m)
		for _, r := range replacements {
			m := clone(base)
			m[k] = json.RawMessage(r)
			add(m)
		}
		var inner map[string]json.RawMessage
		if json.Unmarshal(base[k], &inner) == nil {
			for ik := range inner {
				for _, r := range append(replacements, "") {
					in := clone(inner)
					if r == "" {
						delete(in, ik)
					} else {
						in[ik] = json.RawMessage(r)
					}
					m := clone(base)
					m[k], _ = json.Marshal(in)
					add(m)
				}
			}
		}
	}
	out = append(out, []byte(`[]`), []byte(`"x"`), []byte(`{`), []byte(`{"a":1,}`), []byte(`{} {}`), []byte(``))
	return out
}

func clone(m map[string]json.RawMessage) map[string]json.RawMessage {
	c := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// TestDifferential compares the JSON Schema verdict with the reference on
// a corpus built around each schema's examples.
func TestDifferential(t *testing.T) {
	for _, path := range corpusSchemas {
		both := loadBoth(t, path)
		base := examplePayload(t, path)
		payloads := corpus(t, base)
		valid := 0
		for _, p := range payloads {
			differential(t, both.v, both.ref, p)
			if both.v.Validate(p).Valid() {
				valid++
			}
		}
		if r := both.v.Validate(payloads[0]); !r.Valid() {
			t.Errorf("%s: the examples payload is invalid: %v", path, r.Violations)
		}
		if valid == 0 || valid == len(payloads) {
			t.Errorf("%s: %d of %d payloads valid; the corpus should hold both kinds", path, valid, len(payloads))
		}
		t.Logf("%s: %d payloads, %d valid", path, len(payloads), valid)
	}
}

// FuzzDifferential checks that ours and the reference agree on whether any
// input is valid against the corpus schemas.
func FuzzDifferential(f *testing.F) {
	var all []refSchema
	for _, path := range corpusSchemas {
		all = append(all, loadBoth(f, path))
		for i, p := range corpus(f, examplePayload(f, path)) {
			if i%7 == 0 {
				f.Add(p)
			}
		}
	}
	payload, _ := os.ReadFile("../testdata/payloads/order-13.json")
	f.Add(payload)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range all {
			differential(t, s.v, s.ref, data)
		}
	})
}
