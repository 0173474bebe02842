//go:build unix

package rules

import (
	"fmt"
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

// The complexity guards compare the CPU time of a small and a large input,
// guardFactor times the size. Linear code measures guardFactor to about
// three times that (35 to 100 here: the larger input no longer fits in the
// processor's caches, and its maps grow), quadratic code guardFactor
// squared, 900, or more. The bound, guardLimit, leaves linear code three
// times its worst seen and still catches quadratic code by three times; each
// time is the least of guardSamples samples, so that a busy machine slows
// a sample but not the least of them.
const (
	guardFactor    = 30
	guardLimit     = 300
	guardSamples   = 5
	guardMinSample = 5 * time.Millisecond
)

// leastCPU returns the least CPU time of one call of run over
// guardSamples samples, each after a collection so that the garbage of
// earlier runs does not count. A sample repeats run until it takes
// guardMinSample, so that a short run is not measured at the grain of the
// clock. It stops early when a sample is over stopAbove, ten times what a
// guard allows: no busy machine makes a run ten times slower, and the
// quadratic code it catches is spared four more slow runs.
func leastCPU(run func(), stopAbove time.Duration) time.Duration {
	sample := func(reps int) time.Duration {
		runtime.GC()
		start := cpuTime()
		for range reps {
			run()
		}
		return cpuTime() - start
	}
	reps := 1
	d := sample(reps)
	for d < guardMinSample && reps < 1<<16 {
		reps *= 2
		d = sample(reps)
	}
	best := d / time.Duration(reps) // the first sample
	for i := 1; i < guardSamples && best <= stopAbove; i++ {
		best = min(best, sample(reps)/time.Duration(reps))
	}
	return max(best, time.Nanosecond)
}

// guardRatio returns the least CPU times of a small and a large input of a
// guard, and how many times the small one the large one takes.
func guardRatio(run func(large bool) func()) (small, large time.Duration, ratio float64) {
	small = leastCPU(run(false), time.Duration(1<<63-1))
	large = leastCPU(run(true), 10*guardLimit*small)
	return small, large, float64(large) / float64(small)
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
// guard, not a benchmark (see guardFactor): thirty times the input must
// cost less than guardLimit times the CPU time.
func TestLintNotQuadratic(t *testing.T) {
	if testing.Short() {
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
		s, l, ratio := guardRatio(func(large bool) func() {
			if large {
				return lintRun(t, tt.make(small*guardFactor))
			}
			return lintRun(t, tt.make(small))
		})
		msg := fmt.Sprintf("%s: %d take %v, %d take %v: %.1f times", tt.name, small, s, small*guardFactor, l, ratio)
		if ratio > guardLimit {
			t.Errorf("%s, want under %d (linear code is about %d to 100, quadratic %d)", msg, guardLimit, guardFactor, guardFactor*guardFactor)
		} else {
			t.Log(msg)
		}
	}
}
