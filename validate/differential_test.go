package validate

import (
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"
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

// keywordSchemas use the draft-07 keywords outside the dialect, each with a
// valid payload to build a corpus around. Their patterns avoid "." and \s,
// where ours follows ECMA-262 and v5 Go's RE2 (TestPatternECMA), and their
// formats are the asserted ones.
var keywordSchemas = []struct{ schema, valid string }{
	{`{"type":"object","required":["id"],"additionalProperties":false,"properties":{
		"id":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","minLength":2,"maxLength":12},
		"kind":{"type":"string","enum":["a","b","c"]},
		"n":{"type":"number","minimum":-10,"exclusiveMaximum":100.5,"multipleOf":0.25},
		"i":{"type":"integer","exclusiveMinimum":0,"maximum":1e3,"multipleOf":3},
		"c":{"const":{"x":[1,"2"]}},
		"e":{"enum":[null,true,1.5,"x",[1,2],{"k":"v"}]}}}`,
		`{"id":"ab_1","kind":"b","n":2.75,"i":9,"c":{"x":[1.0,"2"]},"e":[1,2]}`},
	{`{"type":"object","minProperties":1,"maxProperties":6,"patternProperties":{"^z":{"type":"integer"}},"properties":{
		"a":{"type":"object","properties":{"x":{"type":"integer"}},"patternProperties":{"^p_":{"type":"string","format":"date"},"_n$":{"type":"number"}},
			"additionalProperties":{"type":"boolean"},"propertyNames":{"maxLength":5}},
		"b":{"type":"object","dependencies":{"x":["y","z"],"w":{"required":["v"],"properties":{"v":{"type":"string"}}}}}}}`,
		`{"a":{"x":1,"p_d":"2024-02-29","q_n":1.5,"ok":true},"b":{"x":1,"y":2,"z":3,"w":4,"v":"s"},"z1":5}`},
	{`{"type":"object","properties":{
		"t":{"type":"array","items":[{"type":"string"},{"type":"integer"}],"additionalItems":{"type":"boolean"},"maxItems":4},
		"u":{"type":"array","uniqueItems":true,"minItems":1,"items":{"type":["integer","string","object","array"]}},
		"c":{"type":"array","contains":{"type":"object","required":["id"]}},
		"f":{"type":"array","items":[{"type":"string"}],"additionalItems":false}}}`,
		`{"t":["a",1,true],"u":[1,"1",{"a":1},[1]],"c":[{"x":1},{"id":2}],"f":["x"]}`},
	{`{"type":"object","properties":{
		"any":{"anyOf":[{"type":"string","maxLength":3},{"type":"integer","minimum":10}]},
		"one":{"oneOf":[{"type":"integer"},{"type":"number","multipleOf":0.5},{"type":"string","format":"uuid"}]},
		"not":{"not":{"type":["null","boolean"]}},
		"cond":{"if":{"type":"object","required":["kind"],"properties":{"kind":{"const":"card"}}},
			"then":{"required":["last4"],"properties":{"last4":{"type":"string","pattern":"^[0-9]{4}$"}}},
			"else":{"properties":{"iban":{"type":"string","minLength":15}}}},
		"all":{"allOf":[{"type":"object","properties":{"a":{"type":"integer"}}},{"required":["a"]},{"properties":{"a":{"maximum":5}}}]}}}`,
		`{"any":"abc","one":1.5,"not":"x","cond":{"kind":"card","last4":"1234"},"all":{"a":5}}`},
	{`{"type":"object","definitions":{
		"money":{"type":"object","required":["value","currency"],"properties":{"value":{"type":"string","format":"DECIMAL_VALUE"},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}},
		"node":{"$id":"#node","type":"object","properties":{"v":{"type":"integer"},"next":{"$ref":"#/definitions/node"}},"required":["v"]}},
		"properties":{"price":{"$ref":"#/definitions/money"},"list":{"$ref":"#node"},"self":{"$ref":"#"},"items":{"type":"array","items":{"$ref":"#/definitions/money"}}}}`,
		`{"price":{"value":"1.50","currency":"EUR"},"list":{"v":1,"next":{"v":2}},"self":{"price":{"value":"2","currency":"USD"}},"items":[{"value":"3","currency":"GBP"}]}`},
	{`{"type":"object","properties":{
		"a":{"type":"array","items":false},
		"b":{"allOf":[true,{"type":"string"}]},
		"c":{"anyOf":[false,{"const":1}]},
		"d":{"type":"object","additionalProperties":false,"properties":{"k":{"type":"integer"}}},
		"e":{"type":"object","propertyNames":false}}}`,
		`{"a":[],"b":"x","c":1,"d":{"k":1},"e":{}}`},
}

// keywordReplacements are the values the keyword corpus tries, on top of
// the dialect's.
var keywordReplacements = []string{
	`"ab"`, `"a"`, `"abcdefghijklmn"`, `"Ab"`, `"ab-c"`, `"\u00e9\u00e9"`, `"\ud83d\ude00"`, `2.5`, `2.6`, `-10`, `-10.25`,
	`100.5`, `100.25`, `3`, `999`, `1002`, `1e3`, `0`, `12`, `{"x":[1,"2"]}`, `{"x":["2",1]}`, `[1,2]`, `[2,1]`, `{"k":"v"}`,
	`[1,1]`, `[1,1.0]`, `[{"a":1,"b":2},{"b":2,"a":1}]`, `["a",1,true,false]`, `["a",1,2]`, `["x","y"]`, `[{"id":1}]`, `[{}]`,
	`{"x":1,"y":2}`, `{"w":1}`, `{"w":1,"v":2}`, `{"p_d":"2024-02-30"}`, `{"abcdef":true}`, `{"ok":1}`, `{"x_n":"1"}`,
	`{"kind":"card"}`, `{"kind":"card","last4":"12a4"}`, `{"kind":"bank","iban":"short"}`, `{"a":6}`, `{"a":"5"}`, `{}`,
	`{"value":"1","currency":"eur"}`, `{"v":1,"next":{"v":"2"}}`, `{"v":1,"next":{}}`, `{"price":{"value":"x","currency":"EUR"}}`,
	`{"self":{"self":{"price":1}}}`, `[{"value":"1"}]`, `{"k":1,"j":2}`, `{"a":1}`, `"6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"`,
	`1.5e1`, `0.1`, `1e-5`,
}

// keywordCorpus returns payloads around a valid one, as corpus does, with
// the keyword replacements too, and the valid payload with each root key
// dropped and the object emptied.
func keywordCorpus(t testing.TB, valid string) [][]byte {
	var base map[string]json.RawMessage
	if err := json.Unmarshal([]byte(valid), &base); err != nil {
		t.Fatal(err)
	}
	saved := replacements
	replacements = append(append([]string{}, saved...), keywordReplacements...)
	defer func() { replacements = saved }()
	return append(corpus(t, base), []byte(`{}`), []byte(`{"z9":1}`), []byte(`{"z9":"x","a":{}}`))
}

// TestDifferentialKeywords compares verdicts and violated locations with
// the reference on schemas that use the keywords outside the dialect.
func TestDifferentialKeywords(t *testing.T) {
	for i, ks := range keywordSchemas {
		both := bothOf(t, []byte(ks.schema))
		payloads := keywordCorpus(t, ks.valid)
		valid := 0
		for _, p := range payloads {
			differential(t, both.v, both.ref, p)
			if ok, _ := ourVerdict(both.v.Validate(p)); ok {
				valid++
			}
		}
		if r := both.v.Validate([]byte(ks.valid)); !isValid(r) {
			t.Errorf("schema %d: the valid payload is invalid: %v", i, r.Violations)
		}
		if valid == 0 || valid == len(payloads) {
			t.Errorf("schema %d: %d of %d payloads valid; the corpus should hold both kinds", i, valid, len(payloads))
		}
		t.Logf("schema %d: %d payloads, %d valid", i, len(payloads), valid)
	}
}

// FuzzDifferentialKeywords checks that ours and the reference agree on the
// verdict and the violated locations of any input against the keyword
// schemas.
func FuzzDifferentialKeywords(f *testing.F) {
	var all []refSchema
	for _, ks := range keywordSchemas {
		all = append(all, bothOf(f, []byte(ks.schema)))
		for i, p := range keywordCorpus(f, ks.valid) {
			if i%11 == 0 {
				f.Add(p)
			}
		}
		f.Add([]byte(ks.valid))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for i, s := range all {
			start := time.Now()
			s.v.Validate(data)
			if d := time.Since(start); d > time.Second {
				t.Fatalf("schema %d: ours took %v on %q", i, d, data)
			}
			differential(t, s.v, s.ref, data)
		}
	})
}

// isValid is the JSON Schema verdict: the dialect's own rules left out.
func isValid(r Result) bool {
	ok, json := ourVerdict(r)
	return ok && json
}
