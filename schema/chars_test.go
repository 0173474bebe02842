package schema

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCharIndexCountsCodePoints compares the index with utf8.RuneCount on
// every pair of offsets of texts around the stride, with multi-byte
// characters across its boundaries.
func TestCharIndexCountsCodePoints(t *testing.T) {
	for _, src := range []string{
		"", "a", strings.Repeat("x", charStride), strings.Repeat("é", charStride), "ab\u00a0cd🎉ef\n" + strings.Repeat("€a", 70),
	} {
		c := NewCharIndex([]byte(src))
		for from := 0; from <= len(src); from++ {
			if !utf8.RuneStart(byteAt(src, from)) {
				continue
			}
			for to := from; to <= len(src); to++ {
				if !utf8.RuneStart(byteAt(src, to)) {
					continue
				}
				if got, want := c.Count(from, to), utf8.RuneCountInString(src[from:to]); got != want {
					t.Fatalf("%q: Count(%d, %d) = %d, want %d", src, from, to, got, want)
				}
			}
		}
	}
}

func byteAt(s string, i int) byte {
	if i >= len(s) {
		return 'x'
	}
	return s[i]
}

// TestCharColumn: a finding after a no-break space and an emoji on its line
// is at a smaller code point column than byte column; on ASCII lines the
// two agree.
func TestCharColumn(t *testing.T) {
	src := "{\n  \"t\": \"Café\u00a0🎉x\"\n}"
	doc, _ := Load("x.json", []byte(src))
	f := doc.File
	off := strings.Index(src, "x\"")
	if p := f.Position(off); p.Column != 20 || f.CharColumn(off) != 15 {
		t.Errorf("byte column %d, code point column %d; want 20 and 15", p.Column, f.CharColumn(off))
	}
	if off := strings.Index(src, "\"t\""); f.CharColumn(off) != f.Position(off).Column {
		t.Errorf("ASCII: code point column %d, byte column %d", f.CharColumn(off), f.Position(off).Column)
	}
}
