package format_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/format"
	"github.com/triggerkit/triggerkit/internal/cpuguard"
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
	start := cpuguard.Now()
	for b.Loop() {
		if _, err := format.Source(src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuguard.Now()-start)/float64(b.N), "cpu-ns/op")
}

// sourceRun returns a run of Source over src.
func sourceRun(t *testing.T, src []byte) func() {
	return func() {
		if _, err := format.Source(src); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSourceNotQuadratic checks the shapes where a formatter could go
// quadratic: many properties, many keys to reorder in one schema object
// (unknown keys among known ones), a long list of primitives that does not
// fit on a line, and nesting as deep as MaxDepth allows. It is a
// complexity guard, not a benchmark (see cpuguard.Factor): thirty times the
// input must cost less than cpuguard.Limit times the CPU time.
func TestSourceNotQuadratic(t *testing.T) {
	if testing.Short() || !cpuguard.Supported() {
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
		s, l, ratio := cpuguard.Ratio(func(large bool) func() {
			if large {
				return sourceRun(t, tt.make(small*cpuguard.Factor))
			}
			return sourceRun(t, tt.make(small))
		})
		msg := fmt.Sprintf("%s: %d take %v, %d take %v: %.1f times", tt.name, small, s, small*cpuguard.Factor, l, ratio)
		if ratio > cpuguard.Limit {
			t.Errorf("%s, want under %d (linear code is about %d to 70, quadratic %d)", msg, cpuguard.Limit, cpuguard.Factor, cpuguard.Factor*cpuguard.Factor)
		} else {
			t.Log(msg)
		}
	}
}
