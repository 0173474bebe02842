package jsonscan

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// IsSpace reports whether c is JSON white space.
func IsSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// SkipSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func SkipSpace(src []byte, i int) int {
	for i < len(src) && IsSpace(src[i]) {
		i++
	}
	return i
}

// plain marks the bytes that may stand in a JSON string as they are: not a
// quote, a backslash, a control character or the start of a multi-byte
// UTF-8 sequence.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// special8 flags, in the high bit of each byte, the bytes of x that are
// not plain: below 0x20, above 0x7F, a quote or a backslash. Bits above the
// lowest flag may be false alarms; the lowest is always exact.
func special8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below20 := (x - ones*0x20) & ^x
	quote := x ^ (ones * '"')
	backslash := x ^ (ones * '\\')
	return (below20 | (quote-ones)&^quote | (backslash-ones)&^backslash | x) & highs
}

// String reads the string whose opening quote is src[i]. It returns the
// offset just past the closing quote and whether the string has escapes
// (then its content needs AppendUnquoted). Escapes, control characters and
// UTF-8 are checked; a \u escape may name a lone surrogate, which decodes
// to U+FFFD as in encoding/json.
func String(src []byte, i int) (end int, escaped bool, c Code) {
	i++
	for {
		// Eight bytes at a time, up to the first that needs a closer look.
		for i+8 <= len(src) {
			if m := special8(binary.LittleEndian.Uint64(src[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto examine
			}
			i += 8
		}
		for i < len(src) && plain[src[i]] {
			i++
		}
	examine:
		if i >= len(src) {
			return len(src), escaped, ErrStringEOF
		}
		switch b := src[i]; {
		case b == '"':
			return i + 1, escaped, OK
		case b == '\\':
			escaped = true
			if i+1 >= len(src) {
				return len(src), escaped, ErrStringEOF
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := Hex4(src[i+2:]); !ok {
					return i, escaped, ErrUnicodeEscape
				}
				i += 6
			default:
				return i, escaped, ErrEscape
			}
		case b < 0x20:
			return i, escaped, ErrControl
		case b < utf8.RuneSelf:
			i++ // a plain byte the eight-byte step flagged falsely
		default:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return i, escaped, ErrUTF8
			}
			i += n
		}
	}
}

// Number reads the number that starts at src[i] (RFC 8259: an optional
// minus, 0 or digits without a leading zero, an optional fraction, an
// optional exponent). It returns the offset just past it and whether it is
// written as a plain integer, without fraction or exponent (IsInteger tells
// whether its value is whole). A number stops where the grammar stops, so
// "01" reads as 0 followed by "1", which the caller then refuses.
func Number(src []byte, i int) (end int, plainInt bool, c Code) {
	if i < len(src) && src[i] == '-' {
		i++
		if i >= len(src) || src[i] < '0' || src[i] > '9' {
			return i, false, ErrMinus
		}
	}
	switch {
	case i < len(src) && src[i] == '0':
		i++
	case i < len(src) && src[i] >= '1' && src[i] <= '9':
		i++
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
	default:
		return i, false, ErrWantValue
	}
	plainInt = true
	if i < len(src) && src[i] == '.' {
		plainInt = false
		i++
		d := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		if i == d {
			return i, false, ErrFraction
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		plainInt = false
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		d := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		if i == d {
			return i, false, ErrExponent
		}
	}
	return i, plainInt, OK
}

// Literal reads true, false or null at src[i]. On a mismatch the offset is
// src[i].
func Literal(src []byte, i int) (end int, c Code) {
	rest := src[i:]
	switch {
	case hasPrefix(rest, "true"), hasPrefix(rest, "null"):
		return i + 4, OK
	case hasPrefix(rest, "false"):
		return i + 5, OK
	}
	return i, ErrLiteral
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

// SkipValue reads the value that starts at src[i], which is not white
// space, checking its syntax only. depth is how many arrays and objects are
// open around it; the value may nest up to MaxDepth in all. It works
// without recursion, so the deepest input costs no stack.
func SkipValue(src []byte, i, depth int) (end int, c Code) {
	return skip(src, i, depth, noVisitor{})
}

// A Visitor sees the objects and keys that Walk reads.
type Visitor interface {
	Object(start int) // an object opens at src[start]
	Key(ks, ke int)   // the innermost open object has a key, quoted in src[ks:ke]
	EndObject()       // the innermost open object closes
}

// Walk is SkipValue that shows v every object and key it reads, for
// checks such as duplicate keys, without a second pass. After an error, v
// has seen only part of the value.
func Walk(src []byte, i, depth int, v Visitor) (end int, c Code) {
	return skip(src, i, depth, v)
}

type noVisitor struct{}

func (noVisitor) Object(int)   {}
func (noVisitor) Key(int, int) {}
func (noVisitor) EndObject()   {}

func skip[V Visitor](src []byte, i, depth int, v V) (end int, c Code) {
	var small [4]uint64 // per open level: 1 for an object; deeper levels grow it
	objects := small[:]
	level := 0
	for {
		// A value at src[i].
		if i >= len(src) {
			return i, ErrWantValue
		}
		switch src[i] {
		case '{', '[':
			if depth+level >= MaxDepth {
				return i, ErrTooDeep
			}
			if level>>6 == len(objects) {
				objects = append(objects, 0)
			}
			obj := src[i] == '{'
			if obj {
				objects[level>>6] |= 1 << (level & 63)
				v.Object(i)
			} else {
				objects[level>>6] &^= 1 << (level & 63)
			}
			level++
			i = SkipSpace(src, i+1)
			if i < len(src) && (obj && src[i] == '}' || !obj && src[i] == ']') {
				i++
				level--
				if obj {
					v.EndObject()
				}
				break
			}
			if obj {
				if i, c = member(src, i, v); c != OK {
					return i, c
				}
			}
			continue
		case '"':
			if i, _, c = String(src, i); c != OK {
				return i, c
			}
		case 't', 'f', 'n':
			if i, c = Literal(src, i); c != OK {
				return i, c
			}
		default:
			if i, _, c = Number(src, i); c != OK {
				return i, c
			}
		}
		// After a value: close the levels it ends, or go on to the next.
		for {
			if level == 0 {
				return i, OK
			}
			obj := objects[(level-1)>>6]&(1<<((level-1)&63)) != 0
			i = SkipSpace(src, i)
			if i < len(src) && src[i] == ',' {
				i = SkipSpace(src, i+1)
				if obj {
					if i, c = member(src, i, v); c != OK {
						return i, c
					}
				}
				break
			}
			switch {
			case obj && i < len(src) && src[i] == '}':
				v.EndObject()
				fallthrough
			case !obj && i < len(src) && src[i] == ']':
				i++
				level--
				continue
			case obj:
				return i, ErrWantObjectNext
			}
			return i, ErrWantArrayNext
		}
	}
}

// member reads `"key" :` at src[i] and the white space after it.
func member[V Visitor](src []byte, i int, v V) (int, Code) {
	if i >= len(src) || src[i] != '"' {
		return i, ErrWantKey
	}
	ke, _, c := String(src, i)
	if c != OK {
		return ke, c
	}
	v.Key(i, ke)
	j := SkipSpace(src, ke)
	if j >= len(src) || src[j] != ':' {
		return j, ErrWantColon
	}
	return SkipSpace(src, j+1), OK
}

// Valid checks that src is exactly one JSON value, with white space around
// it allowed. It returns the offset of the first problem and its Code, or
// len(src) and OK.
func Valid(src []byte) (off int, c Code) {
	i := SkipSpace(src, 0)
	if i, c = SkipValue(src, i, 0); c != OK {
		return i, c
	}
	if i = SkipSpace(src, i); i < len(src) {
		return i, ErrTrailing
	}
	return i, OK
}
