package rules

import (
	"os"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// BenchmarkParseAndLint parses a realistic 20-property schema and runs
// every default rule over it.
func BenchmarkParseAndLint(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/order-20.json")
	if err != nil {
		b.Fatal(err)
	}
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, _ := schema.Load("order-20.json", src)
		diags, err := lint.Run(doc, sel)
		if err != nil || len(diags) != 0 {
			b.Fatalf("%v %v", err, diags)
		}
	}
}
