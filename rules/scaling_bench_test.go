//go:build unix

package rules

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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

// cpuTime is the CPU time the process has used, user and system. On a
// shared machine it measures the work done better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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
	start := cpuTime()
	for b.Loop() {
		if _, err := lint.Run(doc, sel); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
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

// lintTime is the least CPU time of three runs of every default rule over
// src, after a collection so that garbage of earlier runs does not count.
func lintTime(t *testing.T, src []byte) time.Duration {
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := schema.Load("s.json", src)
	runtime.GC()
	best := time.Duration(math.MaxInt64)
	for range 3 {
		start := cpuTime()
		if _, err := lint.Run(doc, sel); err != nil {
			t.Fatal(err)
		}
		best = min(best, cpuTime()-start)
	}
	return best
}

// TestLintNotQuadratic is the regression test for lint's quadratic paths:
// TK6007 and TK3010 compared every oneOf const with every earlier one, and
// Schema.Prop and IsRequired searched the properties and "required" lists
// once per property, required name and example member. Ten times the input
// must cost far less than a hundred times the CPU time: the linear code
// measures 10-36 here on a busy machine (more than 10 as the larger
// document no longer fits in the processor's caches), the quadratic code
// 160-290.
func TestLintNotQuadratic(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	for _, tt := range []struct {
		name string
		make func(int) []byte
	}{
		{"oneOf options", oneOfSchema},
		{"properties", propertiesSchema},
		{"object members", objectSchema},
	} {
		small, large := lintTime(t, tt.make(2000)), lintTime(t, tt.make(20000))
		if ratio := float64(large) / float64(small); ratio > 50 {
			t.Errorf("%s: 2,000 take %v, 20,000 take %v: %.0f times, want about 10", tt.name, small, large, ratio)
		} else {
			t.Logf("%s: 2,000 take %v, 20,000 take %v: %.1f times", tt.name, small, large, ratio)
		}
	}
}
