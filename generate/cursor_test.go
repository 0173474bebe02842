package generate

import (
	"bytes"
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

// TestStringEndAndSkipAgree checks the walker's unchecked reading of an
// accepted sample against jsonscan's: stringEnd against jsonscan.String
// and skipValue against jsonscan.SkipValue, at every value of samples with
// escapes, multi-byte UTF-8 and quotes at every offset of the eight-byte
// step.
func TestStringEndAndSkipAgree(t *testing.T) {
	var samples []string
	for pad := range 17 {
		p := strings.Repeat("x", pad)
		samples = append(samples,
			`{"`+p+`":"`+p+`\"","b\\":["\\\\",{"c":"é`+p+`\u00e9\/"},[1,-2.5e3,true,false,null]],"`+p+`\n":{}}`,
			`{"a":[],"`+p+`é":"\\"," k ":{"\"":"\"\"`+p+`"}}`)
	}
	for _, src := range samples {
		b := []byte(src)
		if off, c := jsonscan.Valid(b); c != jsonscan.OK {
			t.Fatalf("%s: invalid at %d", src, off)
		}
		for i := range b {
			switch b[i] {
			case '"':
				// Only at a string's opening quote: one that jsonscan
				// reads as the start of a string ending where it ends.
				end, esc, c := jsonscan.String(b, i)
				if c != jsonscan.OK {
					continue
				}
				if gotEnd, gotEsc := stringEnd(b, i); gotEnd != end || gotEsc != esc {
					t.Errorf("stringEnd(%s, %d) = %d, %v, want %d, %v", src, i, gotEnd, gotEsc, end, esc)
				}
			case '{', '[', 't', 'f', 'n', '-', '1', '2':
				end, c := jsonscan.SkipValue(b, i, 0)
				if c != jsonscan.OK || b[i] == 'n' && i+4 > len(b) {
					continue
				}
				if got := skipValue(b, i); got != end {
					t.Errorf("skipValue(%s, %d) = %d, want %d", src, i, got, end)
				}
			}
		}
	}
}

// TestKeyFilterHasEveryKey checks that the Bloom filter of an object's
// keys answers "may have" for every key it has, escaped or not, and that
// the checker's member lookup, which the filter guards, finds them.
func TestKeyFilterHasEveryKey(t *testing.T) {
	src := []byte(`{"a":1,"bb":{"c":2,"\u0064d":3},"k_1":[{"x":{}}],"` + strings.Repeat("y", 300) + `":4,"":5}`)
	var d checker
	if _, err := d.checkSample(src); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		obj  int
		keys []string
	}{
		{0, []string{"a", "bb", "k_1", strings.Repeat("y", 300), ""}},
		{bytes.Index(src, []byte(`{"c"`)), []string{"c", "dd"}},
		{bytes.Index(src, []byte(`{"x"`)), []string{"x"}},
	} {
		var at int
		for _, k := range tt.keys {
			if !d.mayHave(tt.obj, []byte(k), &at) {
				t.Errorf("object at %d: mayHave(%q) = false, want true", tt.obj, k)
			}
			if d.member(src, tt.obj, []byte(k)) < 0 {
				t.Errorf("object at %d: member(%q) = -1, want its value", tt.obj, k)
			}
		}
	}
	// An offset that holds no object is never ruled out; a key that
	// the object does not have, with its own bit, is.
	var at int
	if !d.mayHave(3, []byte("zz"), &at) {
		t.Error("mayHave at an offset with no object = false, want true")
	}
	at = 0
	if d.mayHave(0, []byte("zzz"), &at) {
		t.Error(`mayHave(0, "zzz") = true, want false`)
	}
}

// TestHasBackslash checks hasBackslash against bytes.IndexByte with the
// backslash at every offset of keys up to 20 bytes long, and next to
// bytes that could confuse the eight-byte test (0x5B, 0x5D, 0xDC).
func TestHasBackslash(t *testing.T) {
	for n := range 21 {
		for at := -1; at < n; at++ {
			for _, fill := range []byte{'a', 0x5b, 0x5d, 0xdc, 0x00, 0xff} {
				b := bytes.Repeat([]byte{fill}, n)
				if at >= 0 {
					b[at] = '\\'
				}
				if got, want := hasBackslash(b), bytes.IndexByte(b, '\\') >= 0; got != want {
					t.Errorf("hasBackslash(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}
