package rules

import (
	"os"
	"testing"

	"github.com/triggerkit/triggerkit/internal/cpuguard"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// BenchmarkLintOnly runs every default rule over a schema parsed once, so
// that it measures the rules and the engine without the parser: order-20.json
// (20 properties) and plan-order-8k.json (40 properties, an array of objects,
// formats, examples and a contact). Both are clean: no findings. It reports
// the process's CPU time per op beside the wall-clock time, which a busy
// machine stretches.
func BenchmarkLintOnly(b *testing.B) {
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"order-20.json", "plan-order-8k.json"} {
		b.Run(name, func(b *testing.B) {
			src, err := os.ReadFile("../testdata/schemas/" + name)
			if err != nil {
				b.Fatal(err)
			}
			doc, err := schema.Load(name, src)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			start := cpuguard.Now()
			for b.Loop() {
				diags, err := lint.Run(doc, sel)
				if err != nil || len(diags) != 0 {
					b.Fatalf("%v %v", err, diags)
				}
			}
			b.ReportMetric(float64(cpuguard.Now()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
