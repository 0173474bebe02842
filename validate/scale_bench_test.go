package validate

import (
	"fmt"
	"strings"
	"testing"
)

// The scaling benchmarks run each cost at three sizes a factor of 10
// apart: a linear cost grows ten times from one size to the next.

var scaleSizes = []int{1000, 10000, 100000}

// BenchmarkValidateUndeclaredKeys validates a payload of N keys that the
// 13-property order schema does not declare.
func BenchmarkValidateUndeclaredKeys(b *testing.B) {
	v := orderValidator(b, nil)
	for _, n := range scaleSizes {
		payload := extraKeysPayload(n)
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(payload)))
			for b.Loop() {
				v.Validate(payload)
			}
		})
	}
}

// BenchmarkNewProperties compiles a schema of N properties.
func BenchmarkNewProperties(b *testing.B) {
	for _, n := range scaleSizes {
		src := []byte(propsSchema(n, false))
		b.Run(fmt.Sprintf("properties=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := New(src, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewRequired compiles a schema of one property and N required
// names that no property declares.
func BenchmarkNewRequired(b *testing.B) {
	for _, n := range scaleSizes {
		var sb strings.Builder
		sb.WriteString(`{"type":"object","properties":{"a":{"type":"string"}},"required":[`)
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, `"r%d"`, i)
		}
		sb.WriteString(`]}`)
		src := []byte(sb.String())
		b.Run(fmt.Sprintf("required=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := New(src, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidateKeywords validates a valid payload against a schema that
// uses the keywords outside the dialect, to show what they cost when used.
func BenchmarkValidateKeywords(b *testing.B) {
	for i, ks := range keywordSchemas {
		v := mustNew(b, ks.schema, nil)
		payload := []byte(ks.valid)
		b.Run(fmt.Sprintf("schema=%d", i), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v.Validate(payload)
			}
		})
	}
}
