package schema

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Span is a half-open range of byte offsets [Start, End) in a file.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in s.
func (s Span) Len() int { return s.End - s.Start }

// Position is a printable location: a 1-based line and a 1-based column
// counted in bytes, with the byte offset it was computed from.
type Position struct {
	Line, Column, Offset int
}

// String formats p as "line:column".
func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Lines maps byte offsets to line and column numbers. Its zero value treats
// the whole input as one line.
type Lines struct {
	starts []int // offset of the first byte of every line after the first
	size   int
}

// NewLines builds the line table of src. A line ends at "\n"; a "\r" before
// it belongs to the line it ends, so CRLF files count lines like LF files.
func NewLines(src []byte) Lines {
	l := Lines{size: len(src)}
	for i, c := range src {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// Position returns the line and column of a byte offset. Offsets outside the
// input are clamped to it.
func (l Lines) Position(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > l.size {
		offset = l.size
	}
	// Number of line starts at or before offset.
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	start := 0
	if i > 0 {
		start = l.starts[i-1]
	}
	return Position{Line: i + 1, Column: offset - start + 1, Offset: offset}
}

// Count returns the number of lines.
func (l Lines) Count() int { return len(l.starts) + 1 }

// CharEnd returns the offset just after the character that starts at off in
// src: off plus the length of its UTF-8 encoding (1 for an invalid byte), or
// len(src) at or past the end. A finding about one character spans it whole,
// so that its end never falls inside a character (a no-break space is two
// bytes).
func CharEnd(src []byte, off int) int {
	if off >= len(src) {
		return len(src)
	}
	if off < 0 {
		off = 0
	}
	_, size := utf8.DecodeRune(src[off:])
	return off + size
}
