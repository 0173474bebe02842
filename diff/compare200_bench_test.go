package diff

import (
	"testing"

	"github.com/triggerkit/triggerkit/internal/testschemas"
	"github.com/triggerkit/triggerkit/schema"
)

// BenchmarkCompare200 is Compare on the 200-property pair, examples
// included, with both versions loaded once.
func BenchmarkCompare200(b *testing.B) {
	od, err := schema.Load("old.json", []byte(testschemas.Schema200(false)))
	if err != nil {
		b.Fatal(err)
	}
	nd, err := schema.Load("new.json", []byte(testschemas.Schema200(true)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		changes, err := Compare(od, nd)
		if err != nil {
			b.Fatal(err)
		}
		if len(changes) == 0 {
			b.Fatal("no changes")
		}
	}
}
