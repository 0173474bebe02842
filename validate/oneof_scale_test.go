package validate

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestNewOneOfQuadratic is the regression test of the defect where
// compiling each object option of a oneOf searched the schema's options
// for it from the first: 100,000 options took 19 s.
func TestNewOneOfQuadratic(t *testing.T) {
	src := []byte(oneOfSchema(100000))
	within(t, 5*time.Second, "New with 100,000 oneOf options", func() {
		v, err := New(src, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r := v.Validate([]byte(`{"a":"v99999"}`)); !r.Valid() {
			t.Errorf("the last option is refused: %v", r.Violations)
		}
		if r := v.Validate([]byte(`{"a":"w"}`)); r.Valid() {
			t.Error("a value of no option is accepted")
		}
	})
}

// oneOfSchema returns a schema whose property "a" is a drop-down of n
// options, "v0" to "v<n-1>".
func oneOfSchema(n int) string {
	var b strings.Builder
	b.WriteString(`{"type":"object","properties":{"a":{"type":"string","title":"A","oneOf":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"const":"v%d","title":"V%d"}`, i, i)
	}
	b.WriteString(`]}}}`)
	return b.String()
}

// BenchmarkNewOneOf compiles a schema whose one property has N oneOf
// options; its cost must grow linearly with N.
func BenchmarkNewOneOf(b *testing.B) {
	for _, n := range scaleSizes {
		src := []byte(oneOfSchema(n))
		b.Run(fmt.Sprintf("options=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := New(src, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
