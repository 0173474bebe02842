package rules

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/internal/cpuguard"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// scalingSizes are the sizes of the scaling benchmarks, a factor of 10
// apart: the time per op must grow by about 10 from one to the next.
var scalingSizes = []int{400, 4000, 40000}

// oneOfSchema is a schema with one drop-down property of n options, with
// distinct consts and titles, an example among them, and the property's
// default.
func oneOfSchema(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"type": "object", "required": ["status"], "properties": {"status": {"type": "string", "title": "Status", "description": "The status.", "examples": ["v7"], "default": "v7", "oneOf": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"type": "string", "title": "Option %d", "const": "v%d"}`, i, i)
	}
	b.WriteString(`]}}}`)
	return []byte(b.String())
}

// propertiesSchema is a schema with n 1st-level string properties, all of
// them required, and a root example that gives each a value.
func propertiesSchema(n int) []byte {
	var b, ex strings.Builder
	b.WriteString(`{"type": "object", "properties": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
			ex.WriteString(", ")
		}
		fmt.Fprintf(&b, `"p%d": {"type": "string", "title": "P %d", "description": "Property %d.", "examples": ["x"]}`, i, i, i)
		fmt.Fprintf(&ex, `"p%d": "x"`, i)
	}
	b.WriteString(`}, "required": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote("p" + strconv.Itoa(i)))
	}
	b.WriteString(`], "examples": [{` + ex.String() + `}]}`)
	return []byte(b.String())
}

// objectSchema is a schema with one 1st-level object of n string members,
// all of them required, with an example that gives each a value.
func objectSchema(n int) []byte {
	var b, ex, req strings.Builder
	b.WriteString(`{"type": "object", "required": ["o"], "properties": {"o": {"type": "object", "title": "O", "description": "An object.", "properties": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
			ex.WriteString(", ")
			req.WriteString(", ")
		}
		fmt.Fprintf(&b, `"m%d": {"type": "string", "title": "M %d"}`, i, i)
		fmt.Fprintf(&ex, `"m%d": "x"`, i)
		req.WriteString(strconv.Quote("m" + strconv.Itoa(i)))
	}
	b.WriteString(`}, "required": [` + req.String() + `], "examples": [{` + ex.String() + `}]}}}`)
	return []byte(b.String())
}

// benchLint parses src once and runs every default rule over it per op. It
// reports the process's CPU time per op beside the wall-clock time.
func benchLint(b *testing.B, src []byte) {
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	doc, _ := schema.Load("s.json", src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	start := cpuguard.Now()
	for b.Loop() {
		if _, err := lint.Run(doc, sel); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuguard.Now()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkLintOneOf lints a drop-down of n options: linear in n.
func BenchmarkLintOneOf(b *testing.B) {
	for _, n := range scalingSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchLint(b, oneOfSchema(n)) })
	}
}

// BenchmarkLintProperties lints n 1st-level properties, all required, with
// a root example: linear in n.
func BenchmarkLintProperties(b *testing.B) {
	for _, n := range scalingSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchLint(b, propertiesSchema(n)) })
	}
}

// BenchmarkLintObjectMembers lints a 1st-level object of n members, all
// required, with an example: linear in n.
func BenchmarkLintObjectMembers(b *testing.B) {
	for _, n := range scalingSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchLint(b, objectSchema(n)) })
	}
}

// lintRun returns a run of every default rule over src, parsed once.
func lintRun(t *testing.T, src []byte) func() {
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := schema.Load("s.json", src)
	return func() {
		if _, err := lint.Run(doc, sel); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLintNotQuadratic is the regression test for lint's quadratic paths:
// TK6007 and TK3010 compared every oneOf const with every earlier one, and
// Schema.Prop and IsRequired searched the properties and "required" lists
// once per property, required name and example member. It is a complexity
// guard, not a benchmark (see cpuguard.Factor): thirty times the input must
// cost less than cpuguard.Limit times the CPU time.
func TestLintNotQuadratic(t *testing.T) {
	if testing.Short() || !cpuguard.Supported() {
		t.Skip("timing test")
	}
	const small = 2000
	for _, tt := range []struct {
		name string
		make func(int) []byte
	}{
		{"oneOf options", oneOfSchema},
		{"properties", propertiesSchema},
		{"object members", objectSchema},
	} {
		s, l, ratio := cpuguard.Ratio(func(large bool) func() {
			if large {
				return lintRun(t, tt.make(small*cpuguard.Factor))
			}
			return lintRun(t, tt.make(small))
		})
		msg := fmt.Sprintf("%s: %d take %v, %d take %v: %.1f times", tt.name, small, s, small*cpuguard.Factor, l, ratio)
		if ratio > cpuguard.Limit {
			t.Errorf("%s, want under %d (linear code is about %d to 100, quadratic %d)", msg, cpuguard.Limit, cpuguard.Factor, cpuguard.Factor*cpuguard.Factor)
		} else {
			t.Log(msg)
		}
	}
}
