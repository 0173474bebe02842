package lsp

import (
	"sort"
	"unicode/utf8"
)

// Text is a document's content with its line table, converting between
// byte offsets and LSP positions (UTF-16 code units within a line).
type Text struct {
	src    []byte
	starts []int // the offset of the first byte of every line
}

// NewText returns the Text of src. Lines end at "\n"; a "\r" before it
// belongs to the line it ends.
func NewText(src []byte) *Text {
	t := &Text{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			t.starts = append(t.starts, i+1)
		}
	}
	return t
}

// Bytes returns the content. The slice must not be modified.
func (t *Text) Bytes() []byte { return t.src }

// lineEnd returns the offset just past the last character of line i, its
// end of line excluded.
func (t *Text) lineEnd(i int) int {
	end := len(t.src)
	if i+1 < len(t.starts) {
		end = t.starts[i+1] - 1 // the "\n"
		if end > t.starts[i] && t.src[end-1] == '\r' {
			end--
		}
	}
	return end
}

// Position returns the LSP position of a byte offset. An offset outside
// the text is clamped to it; one inside a character is moved to the
// character's start.
func (t *Text) Position(offset int) Position {
	offset = max(0, min(offset, len(t.src)))
	line := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > offset }) - 1
	units := 0
	for i := t.starts[line]; i < offset; {
		r, size := utf8.DecodeRune(t.src[i:])
		if i+size > offset {
			break // offset is inside this character
		}
		units += utf16Len(r)
		i += size
	}
	return Position{Line: line, Character: units}
}

// Offset returns the byte offset of an LSP position. A line past the end
// is the end of the text; a character past the end of its line is the end
// of the line, and one inside a surrogate pair is the start of its
// character.
func (t *Text) Offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.starts) {
		return len(t.src)
	}
	i, end, units := t.starts[p.Line], t.lineEnd(p.Line), 0
	for i < end {
		r, size := utf8.DecodeRune(t.src[i:])
		if units+utf16Len(r) > p.Character {
			break
		}
		units += utf16Len(r)
		i += size
	}
	return i
}

// Range returns the LSP range of a byte span.
func (t *Text) Range(start, end int) Range {
	return Range{Start: t.Position(start), End: t.Position(end)}
}

// OffsetAt returns the byte offset of a 1-based line and 1-based byte
// column, as findings give them.
func (t *Text) OffsetAt(line, column int) int {
	if line < 1 {
		return 0
	}
	if line > len(t.starts) {
		return len(t.src)
	}
	return min(t.starts[line-1]+max(column-1, 0), len(t.src))
}

// utf16Len is the number of UTF-16 code units of a rune: 2 outside the
// Basic Multilingual Plane, else 1 (utf8.RuneError included).
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// applyChange returns src with the bytes [start, end) replaced by text.
func applyChange(src []byte, start, end int, text string) []byte {
	out := make([]byte, 0, len(src)-(end-start)+len(text))
	out = append(out, src[:start]...)
	out = append(out, text...)
	return append(out, src[end:]...)
}
