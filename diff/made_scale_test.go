package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/schema"
)

// requiredSchema returns an object schema of n required string
// properties p0, p1, ..., each with one example.
func requiredSchema(tb testing.TB, n int) *schema.Document {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`{"type":"object","properties":{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"p%d":{"type":"string","title":"P","examples":["x%d"]}`, i, i)
	}
	b.WriteString(`},"required":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"p%d"`, i)
	}
	b.WriteString(`]}`)
	doc, err := schema.Load("s.json", []byte(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestMadeRequiredQuadratic is the regression test of the defect where
// the sample made for an object put each required property's value into
// it with a search of the keys put before: the sample of an object of
// 100,000 required properties took 11 s.
func TestMadeRequiredQuadratic(t *testing.T) {
	const n = 100000
	doc := requiredSchema(t, n)
	x := &exampler{samples: map[*schema.Schema][]string{}}
	start := time.Now()
	text := x.made(doc.Root)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("made with %d required properties took %v, want under 3s: the cost is not linear", n, d)
	}
	v := x.parse(text)
	if len(v.keys) != n || v.keys[n-1] != fmt.Sprintf("p%d", n-1) || v.vals[n-1].raw != fmt.Sprintf(`"x%d"`, n-1) {
		t.Fatalf("the sample has %d keys, want %d", len(v.keys), n)
	}
	if got := v.textOf(); got != text {
		t.Errorf("the sample kept for the text writes %.60q..., want %.60q...", got, text)
	}
}

// TestMadeRequiredListedTwice checks that a property required twice is
// in the made sample once, in its first place, as parsing the text finds
// it.
func TestMadeRequiredListedTwice(t *testing.T) {
	doc, err := schema.Load("s.json", []byte(`{"type":"object","properties":{"a":{"type":"string","examples":["x"]},"b":{"type":"integer"}},"required":["a","b","a"]}`))
	if err != nil {
		t.Fatal(err)
	}
	x := &exampler{samples: map[*schema.Schema][]string{}}
	text := x.made(doc.Root)
	if want := `{"a":"x","b":3,"a":"x"}`; text != want {
		t.Fatalf("made %s, want %s", text, want)
	}
	kept := x.parse(text)
	parsed, ok := parseJSON(text)
	if !ok || kept.textOf() != parsed.textOf() || kept.textOf() != `{"a":"x","b":3}` {
		t.Errorf("the value kept for %s writes %s, parsing it gives %s", text, kept.textOf(), parsed.textOf())
	}
}

// BenchmarkMadeRequired makes the sample of an object of N required
// properties; its cost must grow linearly with N.
func BenchmarkMadeRequired(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			doc := requiredSchema(b, n)
			b.ResetTimer()
			for b.Loop() {
				x := &exampler{samples: map[*schema.Schema][]string{}}
				x.made(doc.Root)
			}
		})
	}
}
