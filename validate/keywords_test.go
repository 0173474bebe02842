package validate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// mustNew compiles a schema given as text.
func mustNew(t testing.TB, src string, opts *Options) *Validator {
	t.Helper()
	v, err := New([]byte(src), opts)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestKeywordsOutsideDialectApplied is the regression test of the defect
// where enum, minimum, additionalProperties and the other draft-07 keywords
// only got a lint warning and payloads that break them passed.
func TestKeywordsOutsideDialectApplied(t *testing.T) {
	v := mustNew(t, `{"type":"object","additionalProperties":false,"properties":{"s":{"type":"string","enum":["a"]},"n":{"type":"number","minimum":0}}}`, nil)
	got := lines(v.Validate([]byte(`{"s":"bbbbbb","n":-5,"zzz":1}`)).Violations)
	want := `/s TK9017 error: got string "bbbbbb", want one of "a"` + "\n" +
		`/n TK9020 error: got integer -5, want at least 0` + "\n" +
		`/zzz TK9022 error: key "zzz" is not allowed: the schema's additionalProperties is false` + "\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestKeywords(t *testing.T) {
	tests := []struct {
		name, schema, payload, want string
	}{
		{"enum numbers by value", `{"enum":[1,"x",{"a":[1]}]}`, `1.0e0`, ""},
		{"enum object", `{"enum":[1,"x",{"a":[1]}]}`, `{"a":[10e-1]}`, ""},
		{"enum miss", `{"enum":[1,"x"]}`, `"y"`, `/v TK9017 error: got string "y", want one of 1, "x"`},
		{"minLength code points", `{"minLength":2}`, `"\u00e9"`, `/v TK9018 error: string has 1 characters, want at least 2`},
		{"maxLength escaped pair", `{"maxLength":1}`, `"\ud83d\ude00"`, ""},
		{"maxLength", `{"maxLength":1}`, `"ab"`, `/v TK9018 error: string has 2 characters, want at most 1`},
		{"pattern unanchored", `{"pattern":"b+"}`, `"abbc"`, ""},
		{"pattern", `{"pattern":"^a+$"}`, `"ab"`, `/v TK9019 error: "ab" does not match the pattern "^a+$"`},
		{"pattern dot stops at CR", `{"pattern":"^a.b$"}`, `"a\rb"`, `/v TK9019 error: "a\rb" does not match the pattern "^a.b$"`},
		{"pattern unicode space", `{"pattern":"^\\s$"}`, `"\u00a0"`, ""},
		{"pattern u escape", `{"pattern":"^\\u00e9$"}`, `"é"`, ""},
		{"minimum", `{"minimum":1.5}`, `1.5`, ""},
		{"exclusiveMinimum", `{"exclusiveMinimum":1.5}`, `15e-1`, `/v TK9020 error: got number 15e-1, want more than 1.5`},
		{"maximum", `{"maximum":10}`, `1e1`, ""},
		{"exclusiveMaximum", `{"exclusiveMaximum":10}`, `10.0`, `/v TK9020 error: got integer 10.0, want less than 10`},
		{"multipleOf decimal", `{"multipleOf":0.1}`, `0.3`, ""},
		{"multipleOf miss", `{"multipleOf":0.1}`, `0.35`, `/v TK9021 error: got number 0.35, want a multiple of 0.1`},
		{"multipleOf big exponent", `{"multipleOf":3}`, `3e100000000000000000`, ""},
		{"multipleOf tiny", `{"multipleOf":2}`, `1e-100000000000000000`, `/v TK9021 error: got number 1e-100000000000000000, want a multiple of 2`},
		{"multipleOf long divisor", `{"multipleOf":12345678901234567890123}`, `24691357802469135780246`, ""},
		{"multipleOf long divisor miss", `{"multipleOf":12345678901234567890123}`, `24691357802469135780247`, `/v TK9021 error: got integer 24691357802469135780247, want a multiple of 12345678901234567890123`},
		{"additionalProperties schema", `{"properties":{"a":{}},"additionalProperties":{"type":"integer"}}`, `{"a":"x","b":1,"c":"y"}`, `/v/c TK9004 error: got string "y", want integer`},
		{"patternProperties and properties both apply", `{"properties":{"ab":{"type":"string"}},"patternProperties":{"^a":{"maxLength":1}}}`, `{"ab":"xy"}`, `/v/ab TK9018 error: string has 2 characters, want at most 1`},
		{"propertyNames", `{"propertyNames":{"pattern":"^[a-z]+$"}}`, `{"ok":1,"No":2}`, `/v/No TK9019 error: "No" does not match the pattern "^[a-z]+$"`},
		{"min and max properties", `{"minProperties":2,"maxProperties":2}`, `{"a":1}`, `/v TK9026 error: object has 1 properties, want at least 2`},
		{"dependencies array", `{"dependencies":{"a":["b"]}}`, `{"a":1}`, `/v TK9027 error: property "a" needs property "b", which is missing`},
		{"dependencies schema", `{"dependencies":{"a":{"required":["b"]}}}`, `{"a":1}`, `/v TK9003 error: missing required property "b"`},
		{"items array", `{"items":[{"type":"string"},{"type":"integer"}]}`, `["a",1,null]`, ""},
		{"additionalItems schema", `{"items":[{"type":"string"}],"additionalItems":{"type":"integer"}}`, `["a",1,"b"]`, `/v/2 TK9004 error: got string "b", want integer`},
		{"additionalItems false", `{"items":[{}],"additionalItems":false}`, `[1,2]`, `/v/1 TK9022 error: element 1 is not allowed: the schema lists 1 items and additionalItems is false`},
		{"minItems", `{"minItems":1}`, `[]`, `/v TK9023 error: array has 0 elements, want at least 1`},
		{"uniqueItems", `{"uniqueItems":true}`, `[{"a":1,"b":2},{"b":2.0,"a":1}]`, `/v TK9024 error: elements 0 and 1 are equal, want unique elements`},
		{"uniqueItems distinct", `{"uniqueItems":true}`, `[1,"1",true,[1],{"1":1}]`, ""},
		{"contains", `{"contains":{"const":3}}`, `[1,2]`, `/v TK9025 error: no element matches the schema under contains`},
		{"contains found", `{"contains":{"const":3}}`, `[1,3.0]`, ""},
		{"allOf", `{"allOf":[{"minimum":1},{"maximum":2}]}`, `3`, `/v TK9020 error: got integer 3, want at most 2`},
		{"anyOf", `{"anyOf":[{"type":"string"},{"minimum":5}]}`, `4`, `/v TK9028 error: integer 4 matches none of the anyOf options`},
		{"oneOf two", `{"oneOf":[{"type":"integer"},{"minimum":0}]}`, `1`, `/v TK9006 error: integer 1 matches 2 options, want exactly one`},
		{"not", `{"not":{"type":"string"}}`, `"x"`, `/v TK9028 error: string "x" matches the schema under not`},
		{"if then", `{"if":{"type":"string"},"then":{"minLength":2},"else":{"type":"integer"}}`, `"a"`, `/v TK9018 error: string has 1 characters, want at least 2`},
		{"if else", `{"if":{"type":"string"},"then":{"minLength":2},"else":{"type":"integer"}}`, `1.5`, `/v TK9004 error: got number 1.5, want integer`},
		{"false schema", `{"properties":{"a":{"not":{}}}}`, `{"a":1}`, `/v/a TK9028 error: integer 1 matches the schema under not`},
		{"ref", `{"definitions":{"p":{"type":"integer"}},"$ref":"#/properties/v/definitions/p"}`, `"x"`, `/v TK9004 error: got string "x", want integer`},
		{"ref by id", `{"definitions":{"p":{"$id":"#pos","minimum":0}},"$ref":"#pos"}`, `-1`, `/v TK9020 error: got integer -1, want at least 0`},
		{"ref escaped pointer", `{"definitions":{"a/b~c d":{"type":"string"}},"$ref":"#/properties/v/definitions/a~1b~0c%20d"}`, `1`, `/v TK9004 error: got integer 1, want string`},
		{"const", `{"const":1e100000000000001}`, `10e100000000000000`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The keyword goes under "v", a first-level property, so that the
			// dialect's rules about undeclared values stay out of the way.
			v := mustNew(t, `{"type":"object","properties":{"v":`+tt.schema+`}}`, nil)
			var schemaRules []Violation
			for _, x := range v.Validate([]byte(`{"v":` + tt.payload + `}`)).Violations {
				if IsJSONSchemaRule(x.Rule) { // the dialect's warnings about nested keys are not the point
					schemaRules = append(schemaRules, x)
				}
			}
			got := strings.TrimSuffix(lines(schemaRules), "\n")
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestRecursiveRef follows a "$ref" to the root through nested values,
// deeper than the path the state keeps inline.
func TestRecursiveRef(t *testing.T) {
	v := mustNew(t, `{"type":"object","properties":{"next":{"$ref":"#"},"n":{"type":"integer"}}}`, nil)
	payload := strings.Repeat(`{"next":`, 40) + `{"n":"x"}` + strings.Repeat(`}`, 40)
	r := v.Validate([]byte(payload))
	want := strings.Repeat("/next", 40) + "/n"
	if len(r.Violations) != 1 || r.Violations[0].Pointer != want || r.Violations[0].Rule != RuleType {
		t.Errorf("got %v, want a type violation at %s", r.Violations, want)
	}
}

// TestRefOutsideDocumentRefused checks that no "$ref" is followed to a file
// or the network.
func TestRefOutsideDocumentRefused(t *testing.T) {
	for _, ref := range []string{"other.json", "other.json#/definitions/a", "https://example.com/s.json#", "file:///etc/passwd", "/abs#"} {
		_, err := New([]byte(`{"type":"object","properties":{"a":{"$ref":"`+ref+`"}}}`), nil)
		if err == nil || !strings.Contains(err.Error(), "points outside the document") {
			t.Errorf("%s: got %v, want a compile error", ref, err)
		}
	}
}

// TestIgnoredRefSiblings lists the keywords beside "$ref", which draft-07
// ignores, and does not apply them.
func TestIgnoredRefSiblings(t *testing.T) {
	v := mustNew(t, `{"type":"object","definitions":{"s":{"type":"string"}},"properties":{"a":{"$ref":"#/definitions/s","maxLength":1}}}`, nil)
	if got := fmt.Sprint(v.Ignored()); got != "[{/properties/a/maxLength maxLength}]" {
		t.Errorf("ignored: %s", got)
	}
	if r := v.Validate([]byte(`{"a":"long"}`)); len(r.Violations) != 0 {
		t.Errorf("got %v", r.Violations)
	}
}

// TestConstHugeExponentClamped is the regression test of the defect where
// exponents were clamped at 2^40, so that numbers with huge exponents
// compared equal when they are not, and unequal when they are equal.
func TestConstHugeExponentClamped(t *testing.T) {
	v := mustNew(t, `{"type":"object","properties":{"n":{"type":"number","const":1e100000000000001}}}`, nil)
	for payload, valid := range map[string]bool{
		"1e100000000000000":    false,
		"1e1000000000000010":   false,
		"10e100000000000000":   true,
		"0.1e100000000000002":  true,
		"1e100000000000001":    true,
		"1.0E+100000000000001": true,
		"-1e100000000000001":   false,
	} {
		if got := v.Validate([]byte(`{"n":` + payload + `}`)).Valid(); got != valid {
			t.Errorf("%s: valid %v, want %v", payload, got, valid)
		}
	}
}

// TestRangeHugeExponent checks minimum, maximum and enum with exponents
// past any machine integer.
func TestRangeHugeExponent(t *testing.T) {
	v := mustNew(t, `{"type":"object","properties":{"n":{"minimum":1e100000000000000000001,"maximum":1e100000000000000000002},"e":{"enum":[-5e-99999999999999999999]}}}`, nil)
	for payload, valid := range map[string]bool{
		`{"n":1e100000000000000000001}`:    true,
		`{"n":9.9e100000000000000000000}`:  false,
		`{"n":10e100000000000000000001}`:   true,
		`{"n":1.01e100000000000000000002}`: false,
		`{"n":1e400}`:                      false,
		`{"e":-0.5e-99999999999999999998}`: true,
		`{"e":-5e-99999999999999999998}`:   false,
	} {
		if got := v.Validate([]byte(payload)).Valid(); got != valid {
			t.Errorf("%s: valid %v, want %v", payload, got, valid)
		}
	}
}

func TestNumCmp(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"1", "1.0", 0}, {"-0", "0", 0}, {"0.1e1", "10e-1", 0}, {"1", "2", -1}, {"-1", "-2", 1},
		{"123", "1.23e2", 0}, {"0.5", "0.49999999999999999999999", 1}, {"1e-400", "0", 1},
		{"999999999999999e0", "1e15", -1}, {"1e99999999999999", "1e100000000000000", -1},
		{"1e100000000000000", "1e99999999999999", 1}, {"123e99999999999999", "1.23e100000000000001", 0},
		{"-1e-100000000000000000000", "-1e-100000000000000000001", -1},
	} {
		if got := numCmp(tt.a, tt.b); got != tt.want {
			t.Errorf("numCmp(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := numCmp(tt.b, tt.a); got != -tt.want {
			t.Errorf("numCmp(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

// TestViolationsUnbounded is the regression test of the defect where a
// payload of many wrong elements gave one violation per element without
// limit.
func TestViolationsUnbounded(t *testing.T) {
	payload := []byte(`{"a":[` + strings.TrimSuffix(strings.Repeat(`"x",`, 10000), ",") + `]}`)
	src := `{"type":"object","properties":{"a":{"type":"array","items":{"type":"integer"}}}}`
	r := mustNew(t, src, nil).Validate(payload)
	if len(r.Violations) != DefaultMaxViolations+1 {
		t.Fatalf("got %d violations, want %d", len(r.Violations), DefaultMaxViolations+1)
	}
	last := r.Violations[DefaultMaxViolations]
	if last.Rule != RuleLimit || last.Message != "and 9900 more violations, not listed: the limit is 100 per payload" || last.Severity != sevError {
		t.Errorf("summary: %+v", last)
	}
	if r := mustNew(t, src, &Options{MaxViolations: 5}).Validate(payload); len(r.Violations) != 6 {
		t.Errorf("limit 5: got %d violations", len(r.Violations))
	}
	if r := mustNew(t, src, &Options{MaxViolations: -1}).Validate(payload); len(r.Violations) != 10000 {
		t.Errorf("no limit: got %d violations", len(r.Violations))
	}
	// Warnings first, then an error past the limit: the payload stays invalid.
	v := mustNew(t, `{"type":"object","properties":{"z":{"type":"integer"}}}`, &Options{MaxViolations: 3})
	r = v.Validate([]byte(`{"a":1,"b":1,"c":1,"d":1,"z":"x"}`))
	if r.Valid() || len(r.Violations) != 4 || r.Violations[3].Severity != sevError {
		t.Errorf("got %v", r.Violations)
	}
	if !strings.Contains(r.Violations[3].Message, "and 2 more") {
		t.Errorf("got %v", r.Violations[3])
	}
}

// within fails the test when fn takes longer than limit. The limits are
// far above the linear cost and far below the quadratic one.
func within(t *testing.T, limit time.Duration, what string, fn func()) {
	t.Helper()
	start := time.Now()
	fn()
	if d := time.Since(start); d > limit {
		t.Errorf("%s took %v, want under %v: the cost is not linear", what, d, limit)
	}
}

// TestUndeclaredKeysQuadratic is the regression test of the defect where
// each undeclared key was compared with every earlier one and every
// property: 20,000 keys took 12 s.
func TestUndeclaredKeysQuadratic(t *testing.T) {
	v := mustNew(t, propsSchema(1000, false), nil)
	payload := extraKeysPayload(50000)
	within(t, 3*time.Second, "50,000 undeclared keys", func() {
		r := v.Validate(payload)
		if len(r.Violations) != DefaultMaxViolations+1 {
			t.Errorf("got %d violations", len(r.Violations))
		}
	})
}

// TestNewQuadratic is the regression test of the defect where compiling
// looked keys up linearly before the index was built: 100,000 properties
// took 53 s and 40,000 required names 6 s.
func TestNewQuadratic(t *testing.T) {
	for _, required := range []bool{false, true} {
		src := []byte(propsSchema(100000, required))
		within(t, 15*time.Second, fmt.Sprintf("New with 100,000 properties (required %v)", required), func() {
			if _, err := New(src, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// propsSchema returns a schema with n string properties p0, p1, ... and,
// when required is set, all of them required.
func propsSchema(n int, required bool) string {
	var b strings.Builder
	b.WriteString(`{"type":"object","properties":{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"p%d":{"type":"string","title":"P"}`, i)
	}
	b.WriteString(`}`)
	if required {
		b.WriteString(`,"required":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"p%d"`, i)
		}
		b.WriteString(`]`)
	}
	b.WriteString(`}`)
	return b.String()
}

// extraKeysPayload returns an object of n keys that no schema declares.
func extraKeysPayload(n int) []byte {
	var b strings.Builder
	b.WriteString(`{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"x%d":%d`, i, i)
	}
	b.WriteString(`}`)
	return []byte(b.String())
}

// TestFoldKey checks that foldKey agrees with strings.EqualFold.
func TestFoldKey(t *testing.T) {
	words := []string{"k", "K", "\u212a", "σ", "ς", "Σ", "ß", "ẞ", "ss", "orderId", "ORDERID", "i", "İ", "ı"}
	for _, a := range words {
		for _, b := range words {
			if (foldKey(a) == foldKey(b)) != strings.EqualFold(a, b) {
				t.Errorf("%q %q: foldKey says %v", a, b, foldKey(a) == foldKey(b))
			}
		}
	}
}

// TestPatternECMA documents where a pattern, read as ECMA-262 requires, is
// judged otherwise than by Go's RE2 alone (which v5 uses), and checks that
// it still is.
func TestPatternECMA(t *testing.T) {
	tests := []struct {
		pattern, value string
		ecma           bool
		why            string
	}{
		{`^a.b$`, "a\rb", false, `"." stops at \r in ECMA-262, not in RE2`},
		{`^a.b$`, "a\u2028b", false, `"." stops at U+2028 in ECMA-262`},
		{`^\s$`, "\u00a0", true, `\s holds the no-break space in ECMA-262, not in RE2`},
		{`^\s$`, "\ufeff", true, `\s holds U+FEFF in ECMA-262`},
		{`^\S$`, "\u3000", false, `\S leaves out U+3000 in ECMA-262`},
		{`^[\s]$`, "\u2003", true, `\s inside a class too`},
		{`^\u00e9$`, "é", true, `RE2 has no \u escape`},
		{`^\cJ$`, "\n", true, `RE2 has no \c escape`},
		{`^[^]$`, "\n", true, `[^] is any character in ECMA-262, an error in RE2`},
		{`^a[]`, "a", false, `[] matches nothing in ECMA-262, an error in RE2`},
		{`^[\b]$`, "\b", true, `[\b] is a backspace in ECMA-262`},
	}
	for _, tt := range tests {
		v := mustNew(t, `{"type":"object","properties":{"s":{"type":"string","pattern":`+strconv.Quote(tt.pattern)+`}}}`, nil)
		payload, _ := json.Marshal(map[string]string{"s": tt.value})
		if got := v.Validate(payload).Valid(); got != tt.ecma {
			t.Errorf("%s against %q: valid %v, want %v (%s)", tt.pattern, tt.value, got, tt.ecma, tt.why)
		}
		re, err := regexp.Compile(tt.pattern)
		if err == nil && re.MatchString(tt.value) == tt.ecma {
			t.Errorf("%s against %q: RE2 now agrees with ECMA-262 (%s): drop the translation", tt.pattern, tt.value, tt.why)
		}
	}
}
