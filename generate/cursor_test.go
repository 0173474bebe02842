package generate

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

func TestRefusedSamples(t *testing.T) {
	tr := sampleTransformer(t)
	for _, tt := range []struct {
		sample string
		offset int
		kind   schema.ErrorKind
		msg    string
	}{
		{``, 0, schema.ErrEmpty, "the sample is empty"},
		{" \n", 2, schema.ErrEmpty, "the sample is empty"},
		{`[1]`, 0, schema.ErrRootNotObject, "the sample is an array, want an object"},
		{` "x"`, 1, schema.ErrRootNotObject, "the sample is a string, want an object"},
		{`{"a":1,}`, 7, schema.ErrSyntax, "invalid character '}', want a key in double quotes"},
		{`{"a":1} x`, 8, schema.ErrTrailingData, `invalid character 'x' after the sample`},
		{`{"a":"` + "\x01" + `"}`, 6, schema.ErrString, "control character 0x01 in a string; escape it"},
		{`{"a":"` + "\xff" + `"}`, 6, schema.ErrInvalidUTF8, "invalid UTF-8 byte 0xFF in a string"},
		{`{"a":01}`, 6, schema.ErrSyntax, `invalid character '1', want "," or "}" after an object member`},
		{`{"a":1.}`, 7, schema.ErrNumber, "a number needs digits after its decimal point"},
		{`{"a":1`, 6, schema.ErrEOF, `unexpected end of input, want "," or "}" after an object member`},
		{`{"a":1,"b":{"a":2},"a":3}`, 19, schema.ErrDuplicateKey, `duplicate key "a": its object has it already at offset 1; a sample must not repeat a key`},
		{`{"a":[{"k":1,"\u006b":2}]}`, 13, schema.ErrDuplicateKey, `duplicate key "k": its object has it already at offset 7; a sample must not repeat a key`},
		{strings.Repeat(`{"a":`, jsonscan.MaxDepth+1) + "1" + strings.Repeat("}", jsonscan.MaxDepth+1), 5 * jsonscan.MaxDepth, schema.ErrTooDeep, "nesting deeper than 10000 levels"},
		{`{"a":` + strings.Repeat("[", jsonscan.MaxDepth) + strings.Repeat("]", jsonscan.MaxDepth) + "}", 5 + jsonscan.MaxDepth - 1, schema.ErrTooDeep, "nesting deeper than 10000 levels"},
		// Objects flatten into names as long as their chain of keys: 10,000
		// levels would make 100 MB of names from a 60 KB sample.
		{strings.Repeat(`{"a":`, jsonscan.MaxDepth) + "1" + strings.Repeat("}", jsonscan.MaxDepth), 5 * (jsonscan.MaxDepth - 1), schema.ErrTooDeep, "objects nested 10000 deep: their flattened keys would take more than 4888640 bytes"},
	} {
		g := New(Options{})
		err := g.Add([]byte(tt.sample))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset != tt.offset || se.Kind != tt.kind || se.Msg != tt.msg {
			t.Errorf("Add(%.40q) = %#v, want %q (kind %d) at %d", tt.sample, err, tt.msg, tt.kind, tt.offset)
			continue
		}
		if g.Samples() != 0 || len(g.root.nodes) != 0 {
			t.Errorf("Add(%.40q) left something behind", tt.sample)
		}
		// Transform refuses the same samples with the same error.
		if _, err := tr.Transform([]byte(tt.sample)); err == nil || err.Error() != se.Error() {
			t.Errorf("Transform(%.40q) = %v, want %v", tt.sample, err, se)
		}
	}
	// Nesting up to jsonscan.MaxDepth is read, as validate reads it; 600
	// levels of objects passed validate and were refused here once.
	for _, sample := range []string{
		`{"a":` + strings.Repeat("[", jsonscan.MaxDepth-1) + strings.Repeat("]", jsonscan.MaxDepth-1) + "}",
		strings.Repeat(`{"a":`, 600) + "1" + strings.Repeat("}", 600),
	} {
		if err := New(Options{}).Add([]byte(sample)); err != nil {
			t.Errorf("%.20s... (%d bytes): %v", sample, len(sample), err)
		}
	}
	if _, err := New(Options{}).Schema(); err == nil {
		t.Error("Schema with no samples: no error")
	}
}

// sampleTransformer returns the Transformer of a one-property schema.
func sampleTransformer(t *testing.T) *Transformer {
	g := New(Options{})
	if err := g.Add([]byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	res, err := g.Schema()
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTransformer(res.JSON)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestDuplicateKeysRefused is the regression test of a sample with 20,000
// copies of "a":1 in one object, which took 15.7 s and gave a schema with
// properties a_2 ... a_20000: duplicate keys are an error for the
// validator, so such a sample is refused, naming the key and its offset.
func TestDuplicateKeysRefused(t *testing.T) {
	sample := []byte("{" + strings.Repeat(`"a":1,`, 20000) + `"b":2}`)
	g := New(Options{})
	start := time.Now()
	err := g.Add(sample)
	var se *SyntaxError
	if !errors.As(err, &se) || se.Kind != schema.ErrDuplicateKey || se.Offset != 7 || !strings.Contains(se.Msg, `duplicate key "a"`) {
		t.Fatalf("Add = %v, want a duplicate key \"a\" at offset 7", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %v", d)
	}
	if g.Samples() != 0 || len(g.root.nodes) != 0 {
		t.Error("the refused sample left something behind")
	}
	// The same key in different objects is no duplicate, and neither are
	// keys that only flatten to the same name.
	for _, ok := range []string{
		`{"a":{"a":1},"b":{"a":2}}`, `{"x":[{"a":1},{"a":2}]}`, `{"a b":1,"a_b":2,"a":{"b":3}}`, `{"k":1,"K":2}`,
	} {
		if err := New(Options{}).Add([]byte(ok)); err != nil {
			t.Errorf("Add(%s) = %v, want it accepted", ok, err)
		}
	}
}

// BenchmarkDuplicateKeys checks that finding a duplicate key costs time
// linear in the keys: n distinct keys, then the first one again.
func BenchmarkDuplicateKeys(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		var sb strings.Builder
		sb.WriteString("{")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, `"k%d":%d,`, i, i)
		}
		sb.WriteString(`"k0":0}`)
		sample := []byte(sb.String())
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(sample)))
			g := New(Options{})
			for b.Loop() {
				var se *SyntaxError
				if err := g.Add(sample); !errors.As(err, &se) || se.Kind != schema.ErrDuplicateKey {
					b.Fatal(err)
				}
			}
		})
	}
}
