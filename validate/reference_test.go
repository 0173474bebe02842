package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/triggerkit/triggerkit/schema"
)

// The reference is santhosh-tekuri/jsonschema v5 as draft-07 with formats
// asserted and nothing ever loaded from a file or the network. The formats
// JSON Schema does not define (number, DECIMAL_VALUE) and time (whose offset
// the dialect makes optional, decision 12) are registered with ours. So are
// date-time, email and uri, where v5's built-in checks are looser than the
// strict checks decision 11 asks for; TestReferenceFormats lists those
// differences one by one. date, uuid and regex use v5's own checks.
func referenceFormats() map[string]func(any) bool {
	wrap := func(check func(string) bool) func(any) bool {
		return func(v any) bool {
			s, ok := v.(string)
			return !ok || check(s)
		}
	}
	return map[string]func(any) bool{
		"number":        wrap(schema.IsDecimal),
		"DECIMAL_VALUE": wrap(schema.IsDecimal),
		"time":          wrap(schema.IsTime),
		"date-time":     wrap(schema.IsDateTime),
		"email":         wrap(schema.IsEmail),
		"uri":           wrap(schema.IsURI),
	}
}

// compileReference compiles a schema file with v5. Like ours, it applies
// additionalProperties as written (Wix forces it to true on save, which the
// linter reports).
func compileReference(t testing.TB, src []byte) *jsonschema.Schema {
	t.Helper()
	clean := src
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.AssertFormat = true
	c.LoadURL = func(s string) (io.ReadCloser, error) { return nil, fmt.Errorf("loading %s is not allowed", s) }
	for name, check := range referenceFormats() {
		c.Formats[name] = check
	}
	if err := c.AddResource("mem://schema.json", bytes.NewReader(clean)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("mem://schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// referenceVerdict decodes a payload as v5 users do (encoding/json with
// UseNumber) and validates it. ok is false when the payload is not JSON.
func referenceVerdict(ref *jsonschema.Schema, payload []byte) (valid, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return false, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return false, false // something after the value
	}
	return ref.Validate(v) == nil, true
}

// ourVerdict is the JSON Schema part of our result.
func ourVerdict(r Result) (valid, ok bool) {
	valid = true
	for _, v := range r.Violations {
		switch {
		case v.Rule == RuleSyntax:
			return false, false
		case IsJSONSchemaRule(v.Rule), v.Rule == RuleNotObject:
			valid = false
		}
	}
	return valid, true
}

// comparable reports whether the reference can judge a payload the way the
// dialect does. Left out: invalid UTF-8 (encoding/json replaces it, the
// dialect refuses it), duplicate keys (encoding/json keeps the last, the
// dialect refuses them and checks every occurrence), and exponents of more
// than four digits (v5 expands them with big.Rat, which takes forever).
func comparable(payload []byte, r Result) bool {
	if !utf8.Valid(payload) {
		return false
	}
	for _, v := range r.Violations {
		if v.Rule == RuleDuplicateKey {
			return false
		}
	}
	for i := 0; i < len(payload); i++ {
		if c := payload[i]; c == 'e' || c == 'E' {
			j := i + 1
			if j < len(payload) && (payload[j] == '+' || payload[j] == '-') {
				j++
			}
			n := 0
			for j < len(payload) && payload[j] >= '0' && payload[j] <= '9' {
				j++
				n++
			}
			if n > 4 {
				return false
			}
		}
	}
	return true
}

// differential checks one payload against both validators.
func differential(t testing.TB, v *Validator, ref *jsonschema.Schema, payload []byte) {
	t.Helper()
	r := v.Validate(payload)
	if !comparable(payload, r) {
		return
	}
	ours, oursOK := ourVerdict(r)
	theirs, theirsOK := referenceVerdict(ref, payload)
	if oursOK != theirsOK {
		t.Fatalf("payload %q: JSON: ours %v, reference %v\nours: %v", payload, oursOK, theirsOK, r.Violations)
	}
	if ours != theirs {
		t.Fatalf("payload %q: valid: ours %v, reference %v\nours: %v", payload, ours, theirs, r.Violations)
	}
	if ours || !oursOK {
		return
	}
	mine, refs := ourLocations(r), referenceLocations(ref, payload)
	for loc := range mine {
		if !refs[loc] {
			t.Fatalf("payload %q: we report %q, the reference does not (it reports %v)\nours: %v", payload, loc, refs, r.Violations)
		}
	}
	for loc := range refs {
		if !mine[loc] && !hasAncestor(mine, loc) {
			t.Fatalf("payload %q: the reference reports %q, we report neither it nor a value around it (we report %v)\nours: %v", payload, loc, mine, r.Violations)
		}
	}
}

// ourLocations returns the pointers of our JSON Schema violations, located
// as v5 locates them: a key or an element that additionalProperties or
// additionalItems refuses at its object or array (ours points at the key,
// which is more useful).
func ourLocations(r Result) map[string]bool {
	out := map[string]bool{}
	for _, v := range r.Violations {
		switch {
		case v.Rule == RuleAdditional:
			out[v5Location(v.Pointer[:strings.LastIndexByte(v.Pointer, '/')])] = true
		case IsJSONSchemaRule(v.Rule), v.Rule == RuleNotObject:
			out[v5Location(v.Pointer)] = true
		}
	}
	return out
}

// v5Location spells a pointer as v5 does: each token percent-encoded as in
// a URI fragment, and an empty key left out, because v5 appends "/" and the
// key only when the key is not empty (so the value of an empty key is
// located at its object: a v5 defect, the pointer to it is "/a/").
func v5Location(p string) string {
	var b strings.Builder
	for _, tok := range strings.Split(p, "/")[1:] {
		if tok != "" {
			b.WriteString("/" + url.PathEscape(tok))
		}
	}
	return b.String()
}

// referenceLocations returns the instance locations of v5's failures. The
// failure of an anyOf, oneOf or contains is located at its value: the
// options' own failures under it are not failures of the payload, and we do
// not report them (v5 names the failure of contains "minContains"). Wrappers (allOf, $ref, then, else, dependencies) are
// followed to their causes.
func referenceLocations(ref *jsonschema.Schema, payload []byte) map[string]bool {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v)
	out := map[string]bool{}
	var ve *jsonschema.ValidationError
	if !errors.As(ref.Validate(v), &ve) {
		return out
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		kw := e.KeywordLocation[strings.LastIndexByte(e.KeywordLocation, '/')+1:]
		if len(e.Causes) == 0 || kw == "anyOf" || kw == "oneOf" || kw == "minContains" {
			out[e.InstanceLocation] = true
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// hasAncestor reports whether set holds a pointer to a value that contains
// the value at loc: where a value has the wrong type, we do not look inside
// it, and v5 does.
func hasAncestor(set map[string]bool, loc string) bool {
	for loc != "" {
		loc = loc[:strings.LastIndexByte(loc, '/')]
		if set[loc] {
			return true
		}
	}
	return false
}

type refSchema struct {
	v   *Validator
	ref *jsonschema.Schema
}

func loadBoth(t testing.TB, path string) refSchema {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bothOf(t, src)
}

// bothOf compiles a schema with ours, without a violation cap, and with the
// reference.
func bothOf(t testing.TB, src []byte) refSchema {
	t.Helper()
	v, err := New(src, &Options{MaxViolations: -1})
	if err != nil {
		t.Fatal(err)
	}
	return refSchema{v, compileReference(t, src)}
}

var corpusSchemas = []string{"../testdata/schemas/order-13.json", "../examples/order-paid.json", "../examples/form-submitted.json"}

// TestReferenceFormats documents where v5's built-in format checks differ
// from ours, and checks that they still do (so that the list stays true).
func TestReferenceFormats(t *testing.T) {
	builtin := jsonschema.Formats
	tests := []struct {
		format, value string
		ours          bool
		why           string
	}{
		{"date-time", "2024-01-01T+1:00:00Z", false, "v5 reads the hour with strconv.Atoi, which takes a sign"},
		{"email", "jane@localhost", false, "we want a dot in the domain: a bare host is a typo in a payload"},
		{"uri", "https://example.com/a b", false, "url.Parse takes a space in the path; RFC 3986 does not"},
		{"uri", "http:example.com", false, "http needs a host"},
		{"uri", "https://exämple.com/", false, "RFC 3986 URIs are ASCII"},
	}
	for _, tt := range tests {
		if got := schema.CheckFormat(tt.format, tt.value); got != tt.ours {
			t.Errorf("ours: %s %q = %v, want %v", tt.format, tt.value, got, tt.ours)
		}
		if builtin[tt.format](tt.value) == tt.ours {
			t.Errorf("v5 now agrees on %s %q (%s): move it back to v5's check", tt.format, tt.value, tt.why)
		}
	}
	// date and uuid are v5's own in the reference: they must agree with ours.
	for _, s := range []string{"2024-02-29", "2023-02-29", "2024-13-01", "0000-01-01", "2024-1-01", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", "3F1C2A9E-8D4B-4C1E-9A7F-2B6D5E8C1A03", "3f1c2a9e8d4b4c1e9a7f2b6d5e8c1a03"} {
		for _, f := range []string{"date", "uuid"} {
			if builtin[f](s) != schema.CheckFormat(f, s) {
				t.Errorf("%s %q: v5 %v, ours %v", f, s, builtin[f](s), schema.CheckFormat(f, s))
			}
		}
	}
}
