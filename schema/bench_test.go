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
