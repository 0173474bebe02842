package lsp

import (
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// TestPositionUTF16 converts byte offsets on lines with non-ASCII text, a
// no-break space, an astral character and CRLF endings, and back.
func TestPositionUTF16(t *testing.T) {
	src := "{\r\n  \"t\": \"Café\u00a0🎉 x\",\n\"k\": 1}"
	text := NewText([]byte(src))
	line1 := 3 // offset of line 1
	tests := []struct {
		name string
		off  int
		want Position
	}{
		{"start", 0, Position{0, 0}},
		{"before CRLF", 1, Position{0, 1}},
		{"line 1 start", line1, Position{1, 0}},
		{"the é", line1 + len(`  "t": "Caf`), Position{1, 11}},
		{"after é (2 bytes, 1 unit)", line1 + len(`  "t": "Café`), Position{1, 12}},
		{"after no-break space (2 bytes, 1 unit)", line1 + len("  \"t\": \"Café\u00a0"), Position{1, 13}},
		{"after 🎉 (4 bytes, 2 units)", line1 + len("  \"t\": \"Café\u00a0🎉"), Position{1, 15}},
		{"x", line1 + len("  \"t\": \"Café\u00a0🎉 "), Position{1, 16}},
		{"line 2", len(src) - len(`"k": 1}`), Position{2, 0}},
		{"end", len(src), Position{2, 7}},
		{"past the end", len(src) + 10, Position{2, 7}},
	}
	for _, tt := range tests {
		if got := text.Position(tt.off); got != tt.want {
			t.Errorf("%s: Position(%d) = %+v, want %+v", tt.name, tt.off, got, tt.want)
		}
		if tt.off <= len(src) {
			if got := text.Offset(tt.want); got != tt.off {
				t.Errorf("%s: Offset(%+v) = %d, want %d", tt.name, tt.want, got, tt.off)
			}
		}
	}
}

// TestPositionClamps checks positions inside a character, inside a
// surrogate pair, past the end of a line and past the last line.
func TestPositionClamps(t *testing.T) {
	src := "a🎉b\r\nc\n"
	text := NewText([]byte(src))
	if got := text.Position(2); got != (Position{0, 1}) {
		t.Errorf("offset inside 🎉: got %+v, want its start {0 1}", got)
	}
	if got := text.Offset(Position{0, 2}); got != 1 {
		t.Errorf("character inside the surrogate pair: got offset %d, want 1 (the start of 🎉)", got)
	}
	if got := text.Offset(Position{0, 99}); got != len("a🎉b") {
		t.Errorf("character past the end of line 0: got %d, want %d (before \\r\\n)", got, len("a🎉b"))
	}
	if got := text.Offset(Position{5, 0}); got != len(src) {
		t.Errorf("line past the end: got %d, want %d", got, len(src))
	}
	if got := text.Offset(Position{-1, 3}); got != 0 {
		t.Errorf("negative line: got %d, want 0", got)
	}
}

// TestPositionInvalidUTF8 counts an invalid byte as one unit, as its
// U+FFFD decoding is.
func TestPositionInvalidUTF8(t *testing.T) {
	text := NewText([]byte("\xff\xfex"))
	if got := text.Position(2); got != (Position{0, 2}) {
		t.Errorf("got %+v, want {0 2}", got)
	}
	if got := text.Offset(Position{0, 2}); got != 2 {
		t.Errorf("got %d, want 2", got)
	}
}

// TestPositionAgainstUTF16 checks every rune boundary of a mixed line
// against the length of its prefix encoded with unicode/utf16.
func TestPositionAgainstUTF16(t *testing.T) {
	line := "aé\u00a0中🎉𝄞\u200bz"
	text := NewText([]byte(line))
	for off := 0; off <= len(line); {
		want := len(utf16.Encode([]rune(line[:off])))
		if got := text.Position(off); got.Character != want {
			t.Errorf("offset %d: got character %d, want %d", off, got.Character, want)
		}
		if got := text.Offset(Position{0, want}); got != off {
			t.Errorf("character %d: got offset %d, want %d", want, got, off)
		}
		if off == len(line) {
			break
		}
		_, size := utf8.DecodeRuneInString(line[off:])
		off += size
	}
}

// TestOffsetAt places findings' 1-based line and byte column.
func TestOffsetAt(t *testing.T) {
	text := NewText([]byte("ab\ncd"))
	for _, tt := range []struct{ line, col, want int }{{1, 1, 0}, {2, 2, 4}, {2, 9, 5}, {0, 1, 0}, {9, 1, 5}} {
		if got := text.OffsetAt(tt.line, tt.col); got != tt.want {
			t.Errorf("OffsetAt(%d, %d) = %d, want %d", tt.line, tt.col, got, tt.want)
		}
	}
}
