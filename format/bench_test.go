package format_test

import (
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/format"
)

// benchSchema returns a schema of n properties written on one line with
// the keys of every schema object out of order, so that Source reorders
// and re-indents all of it.
func benchSchema(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"required": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"p%d"`, i)
	}
	b.WriteString(`], "properties": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, `"p%d": {"examples": ["60d2cd50-1047-4164-884d-8c24fbda84bb"], "format": "uuid", "description": "The ID of order %d.", "title": "P%d", "type": "string"}`, i, i, i)
		case 1:
			fmt.Fprintf(&b, `"p%d": {"oneOf": [{"title": "A", "const": "a", "type": "string"}, {"title": "B", "const": "b", "type": "string"}], "examples": ["a"], "title": "P%d", "type": "string"}`, i, i)
		default:
			fmt.Fprintf(&b, `"p%d": {"examples": [{"currency": "EUR", "value": "12.50"}], "wixCustomType": "MONEY", "title": "P%d", "type": "object", "properties": {"value": {"type": "string", "title": "Value"}, "currency": {"title": "Currency", "type": "string"}}, "required": ["value", "currency"]}`, i, i)
		}
	}
	b.WriteString(`}, "type": "object", "$schema": "http://json-schema.org/draft-07/schema"}`)
	return []byte(b.String())
}

// BenchmarkSource formats schemas of 20, 200 and 2,000 properties: the
// cost per byte is the same at each size.
func BenchmarkSource(b *testing.B) {
	for _, n := range []int{20, 200, 2000} {
		src := benchSchema(n)
		if _, err := format.Source(src); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("props=%d", n), func(b *testing.B) { benchSource(b, src) })
	}
}

// BenchmarkSourceFormatted formats a 200-property schema that is formatted
// already: the common case of a pre-commit hook or a --check run.
func BenchmarkSourceFormatted(b *testing.B) {
	src, err := format.Source(benchSchema(200))
	if err != nil {
		b.Fatal(err)
	}
	benchSource(b, src)
}

// benchSource formats src per op and reports the process's CPU time per op
// beside the wall-clock time: on a shared machine it measures the work
// better.
func benchSource(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := format.Source(src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The complexity guard compares the CPU time of a small and a large input,
// guardFactor times the size. Linear code measures about guardFactor to
// twice that (27 to 64 here: the larger input no longer fits in the
// processor's caches), quadratic code guardFactor squared, 900, or more.
// The bound, guardLimit, leaves linear code more than four times its worst
// seen and still catches quadratic code by three times; each time is the least of guardSamples samples, so
// that a busy machine slows a sample but not the least of them.
const (
	guardFactor    = 30
	guardLimit     = 300
	guardSamples   = 5
	guardMinSample = 5 * time.Millisecond
)

// leastCPU returns the least CPU time of one call of Source over src in
// guardSamples samples, each after a collection so that the garbage of
// earlier runs does not count. A sample repeats the call until it takes
// guardMinSample, so that a short call is not measured at the grain of the
// clock. It stops early when a sample is over stopAbove, ten times what
// the guard allows: no busy machine makes a call ten times slower, and the
// quadratic code it catches is spared four more slow calls.
func leastCPU(t *testing.T, src []byte, stopAbove time.Duration) time.Duration {
	t.Helper()
	sample := func(reps int) time.Duration {
		runtime.GC()
		start := cpuTime()
		for range reps {
			if _, err := format.Source(src); err != nil {
				t.Fatal(err)
			}
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

// TestSourceNotQuadratic checks the shapes where a formatter could go
// quadratic: many properties, many keys to reorder in one schema object
// (unknown keys among known ones), a long list of primitives that does not
// fit on a line, and nesting as deep as MaxDepth allows. It is a
// complexity guard, not a benchmark (see guardFactor): thirty times the
// input must cost less than guardLimit times the CPU time.
func TestSourceNotQuadratic(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	const small = 2000
	for _, tt := range []struct {
		name string
		make func(int) []byte
	}{
		{"properties", func(n int) []byte { return benchSchema(n / 10) }},
		{"keys to reorder", func(n int) []byte {
			var b strings.Builder
			b.WriteString(`{"x": 0`)
			for i := range n {
				fmt.Fprintf(&b, `, "k%d": %d, "title%d": "t"`, i, i, i)
			}
			b.WriteString(`, "title": "T", "type": "object"}`)
			return []byte(b.String())
		}},
		{"long list", func(n int) []byte {
			return []byte(`{"type": "object", "required": ["a"` + strings.Repeat(`, "a"`, n) + `]}`)
		}},
		{"nesting", func(n int) []byte {
			chain := strings.Repeat(`{"a": [`, 30) + strings.Repeat(`]}`, 30)
			return []byte(`{"type": "object", "default": [` + chain + strings.Repeat(", "+chain, n/60) + `]}`)
		}},
	} {
		s := leastCPU(t, tt.make(small), time.Duration(1<<63-1))
		l := leastCPU(t, tt.make(small*guardFactor), 10*guardLimit*s)
		ratio := float64(l) / float64(s)
		msg := fmt.Sprintf("%s: %d take %v, %d take %v: %.1f times", tt.name, small, s, small*guardFactor, l, ratio)
		if ratio > guardLimit {
			t.Errorf("%s, want under %d (linear code is about %d to 70, quadratic %d)", msg, guardLimit, guardFactor, guardFactor*guardFactor)
		} else {
			t.Log(msg)
		}
	}
}
