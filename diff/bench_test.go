package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// renamedSchemas returns two versions of a schema with n string properties
// each, every one renamed: "old_i" became "new_i", which has the title,
// description and examples of old_(n-1-i): the pairs come in opposite
// orders. All have the same shape, the case that made the pairing
// quadratic.
func renamedSchemas(tb testing.TB, n int) (old, new *schema.Document) {
	tb.Helper()
	build := func(prefix string, reversed bool) *schema.Document {
		var b strings.Builder
		b.WriteString(`{"type":"object","title":"T","description":"D","properties":{`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			j := i
			if reversed {
				j = n - 1 - i
			}
			fmt.Fprintf(&b, `"%s_%d":{"type":"string","title":"Title %d","description":"Description %d","examples":["e%d"]}`, prefix, i, j, j, j)
		}
		b.WriteString(`}}`)
		doc, err := schema.Load(prefix+".json", []byte(b.String()))
		if err != nil {
			tb.Fatal(err)
		}
		return doc
	}
	return build("old", false), build("new", true)
}

// BenchmarkCompareRenamed compares schemas whose N properties were all
// renamed; its cost must grow linearly with N.
func BenchmarkCompareRenamed(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			od, nd := renamedSchemas(b, n)
			b.ResetTimer()
			for b.Loop() {
				changes, err := Compare(od, nd)
				if err != nil {
					b.Fatal(err)
				}
				if len(changes) != n {
					b.Fatalf("got %d changes, want %d", len(changes), n)
				}
			}
		})
	}
}

// BenchmarkPairRenames is the rename pairing alone, at the same sizes.
func BenchmarkPairRenames(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			od, nd := renamedSchemas(b, n)
			b.ResetTimer()
			for b.Loop() {
				if got := pairRenames(od.Root.Props, nd.Root.Props); len(got) != n {
					b.Fatalf("got %d pairs, want %d", len(got), n)
				}
			}
		})
	}
}

// BenchmarkObjectValue copies a parsed example object of N members, the
// copy whose repeated-key check was a search of the keys so far; its cost
// must grow linearly with N.
func BenchmarkObjectValue(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			var src strings.Builder
			src.WriteByte('{')
			for i := range n {
				if i > 0 {
					src.WriteByte(',')
				}
				fmt.Fprintf(&src, `"k%d":%d`, i, i)
			}
			src.WriteByte('}')
			f, err := schema.ParseValue("v.json", []byte(src.String()))
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if v := nodeValue(f.Root); len(v.keys) != n {
					b.Fatalf("got %d keys, want %d", len(v.keys), n)
				}
			}
		})
	}
}
