package schema

import (
	"os"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/order-20.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse("order-20.json", src)
		if err != nil {
			b.Fatal(err)
		}
		Build(f)
	}
}

// BenchmarkLoad8K parses and builds an 8.5 KB schema with fresh memory.
func BenchmarkLoad8K(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/plan-order-8k.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("plan-order-8k.json", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParserLoad8K is BenchmarkLoad8K with one Parser, which reuses
// the memory of each call in the next.
func BenchmarkParserLoad8K(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/plan-order-8k.json")
	if err != nil {
		b.Fatal(err)
	}
	var p Parser
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Load("plan-order-8k.json", src); err != nil {
			b.Fatal(err)
		}
	}
}
