package lsp

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/rules"
)

// bigSchema returns a trigger schema with n 1st-level properties of
// assorted types, a few of them flagged.
func bigSchema(n int) string {
	var b strings.Builder
	b.WriteString("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema\",\n  \"type\": \"object\",\n  \"properties\": {\n")
	var req []string
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `    "p%d": {"type": "string", "title": "Name %d", "description": "The name", "examples": ["Ann"]}`, i, i)
		case 1:
			fmt.Fprintf(&b, `    "p%d": {"type": "number", "title": "Count %d", "description": "How many", "examples": [3]}`, i, i)
		case 2:
			fmt.Fprintf(&b, `    "p%d": {"type": "string", "format": "date-time", "title": "When %d", "description": "The time", "examples": ["2030-01-01T10:00:00Z"]}`, i, i)
		case 3:
			fmt.Fprintf(&b, `    "p%d": {"type": "string", "format": "UUID", "title": "Id %d", "examples": ["x"]}`, i, i)
		}
		req = append(req, fmt.Sprintf("%q", fmt.Sprintf("p%d", i)))
	}
	fmt.Fprintf(&b, "\n  },\n  \"required\": [%s]\n}\n", strings.Join(req, ", "))
	return b.String()
}

// changeLatencies opens a schema of n properties and times didChange to
// publishDiagnostics over the JSON-RPC pipes, b.N times, each change a
// one-character edit of a title.
func changeLatencies(b *testing.B, n int) []time.Duration {
	doc := bigSchema(n)
	c := startServer(b, Options{Rules: rules.All(), Debounce: -1, NoConfig: true})
	c.record = false
	c.initialize()
	c.open("file:///big.json", doc)
	c.diagnostics()
	at := pos(doc, `"Name 0"`, 0, 1)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		letter := string(rune('A' + i%26))
		start := time.Now()
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": "file:///big.json", "version": i + 2},
			"contentChanges": []any{map[string]any{"range": Range{at, Position{at.Line, at.Character + 1}}, "text": letter}},
		})
		c.diagnostics()
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	c.shutdown()
	return lat
}

// report adds the median and the 99th percentile in milliseconds.
func report(b *testing.B, lat []time.Duration) (median, p99 time.Duration) {
	slices.Sort(lat)
	median = lat[len(lat)/2]
	p99 = lat[min(len(lat)-1, len(lat)*99/100)]
	b.ReportMetric(float64(median)/1e6, "median-ms")
	b.ReportMetric(float64(p99)/1e6, "p99-ms")
	return median, p99
}

// BenchmarkDidChange200 is the editing latency on a 200-property schema:
// from an incremental didChange to its publishDiagnostics, through the
// JSON-RPC stream, without the debounce delay (DefaultDebounce adds
// 150 ms by design).
func BenchmarkDidChange200(b *testing.B) {
	report(b, changeLatencies(b, 200))
}

// BenchmarkDiagnostics measures didChange to publishDiagnostics at three
// sizes a factor of 10 apart, to show the cost is linear. The 5,000
// property document must take under 100 ms (the median): the benchmark
// fails otherwise.
func BenchmarkDiagnostics(b *testing.B) {
	for _, n := range []int{500, 5000, 50000} {
		b.Run(fmt.Sprintf("props=%d", n), func(b *testing.B) {
			median, _ := report(b, changeLatencies(b, n))
			if n == 5000 && median > 100*time.Millisecond {
				b.Errorf("diagnostics on %d properties: median %v, want under 100ms", n, median)
			}
		})
	}
}
