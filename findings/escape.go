package findings

import (
	"strings"
	"unicode/utf8"
)

// Escape returns s fit to print on a terminal: control characters (C0, DEL
// and C1), bidirectional marks, embeddings, overrides and isolates (U+061C,
// U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) and the line and
// paragraph separators U+2028 and U+2029 are shown as \u001b-style escapes,
// and bytes that are not UTF-8 as \xff-style escapes. A newline is escaped
// too, so an escaped text never splits an output line. Every other
// character, the backslash included, is kept; a text without characters to
// escape is returned as it is, without allocating.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if mustEscape(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteByte(hex[s[i]>>4])
			b.WriteByte(hex[s[i]&15])
		case mustEscape(r, size):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[r>>shift&15])
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

const hex = "0123456789abcdef"

// mustEscape reports whether a decoded rune is one that Escape shows as an
// escape.
func mustEscape(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// Truncate returns the longest prefix of s that is at most n bytes long and
// does not end inside a UTF-8 sequence, so that a shortened message stays
// valid UTF-8. Bytes that are not UTF-8 count one each.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	if utf8.RuneStart(s[n]) {
		return s[:n]
	}
	// s[n] continues a sequence: find where it starts, and cut before it
	// when it is a whole character that n would split.
	for p := n - 1; p >= 0 && p > n-utf8.UTFMax; p-- {
		if !utf8.RuneStart(s[p]) {
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[p:]); !(r == utf8.RuneError && size == 1) && p+size > n {
			return s[:p]
		}
		break
	}
	return s[:n]
}
