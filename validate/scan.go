package validate

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"

	"github.com/triggerkit/triggerkit/schema"
)

// maxNesting is how deeply a payload may nest arrays and objects: the limit
// of Go's encoding/json, so that both accept and refuse the same documents.
const maxNesting = 10000

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

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// ws skips white space.
func (s *state) ws() {
	for s.pos < len(s.src) && isSpace(s.src[s.pos]) {
		s.pos++
	}
}

// str reads the string at s.pos (which is a quote) and returns the span of
// its content and whether it has escapes.
func (s *state) str() (cs, ce int, esc bool) {
	src := s.src
	i := s.pos + 1
	cs = i
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
			s.syntax(len(src), "unexpected end of input inside a string")
			return cs, i, esc
		}
		switch c := src[i]; {
		case c == '"':
			s.pos = i + 1
			return cs, i, esc
		case c == '\\':
			esc = true
			if i+1 >= len(src) {
				s.syntax(len(src), "unexpected end of input inside a string")
				return cs, i, esc
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(src) || !schema.IsHex4(src[i+2:i+6]) {
					s.syntax(i, "invalid \\u escape in a string")
					return cs, i, esc
				}
				i += 6
			default:
				s.syntax(i, "invalid escape \\"+printable(src[i+1])+" in a string")
				return cs, i, esc
			}
		case c < 0x20:
			s.syntax(i, "control character "+hexByte(c)+" in a string; escape it")
			return cs, i, esc
		default:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				s.syntax(i, "invalid UTF-8 byte "+hexByte(c)+" in a string")
				return cs, i, esc
			}
			i += n
		}
	}
}

// number reads the number at s.pos and reports whether it is an integer.
func (s *state) number() bool {
	start := s.pos
	end, whole, msg := schema.ScanNumber(s.src, start)
	switch msg {
	case "ok":
	case "":
		s.badValue(start)
		return false
	default:
		s.syntax(end, msg)
		return false
	}
	s.pos = end
	return whole || schemaNumberIsInteger(s.src[start:end])
}

// literal reads true, false or null and returns its type.
func (s *state) literal() uint8 {
	rest := s.src[s.pos:]
	switch {
	case hasPrefix(rest, "true"):
		s.pos += 4
		return tBool
	case hasPrefix(rest, "false"):
		s.pos += 5
		return tBool
	case hasPrefix(rest, "null"):
		s.pos += 4
		return tNull
	}
	s.badValue(s.pos)
	return 0
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

// badValue reports a byte that cannot start a value.
func (s *state) badValue(at int) {
	if at >= len(s.src) {
		s.syntax(at, "unexpected end of input, want a value")
		return
	}
	s.syntax(at, "invalid character "+quoteByte(s.src[at])+", want a value")
}

// skip reads any value without a schema, checking only its syntax.
func (s *state) skip() uint8 {
	if s.pos >= len(s.src) {
		s.badValue(s.pos)
		return 0
	}
	switch c := s.src[s.pos]; c {
	case '{':
		if !s.enter() {
			return 0
		}
		s.pos++
		s.ws()
		if s.pos < len(s.src) && s.src[s.pos] == '}' {
			s.pos++
			s.depth--
			return tObject
		}
		for !s.fatal {
			if !s.key() {
				return 0
			}
			s.skip()
			if s.fatal || !s.next('}') {
				return 0
			}
			if s.src[s.pos-1] == '}' {
				s.depth--
				return tObject
			}
			s.ws()
		}
		return 0
	case '[':
		if !s.enter() {
			return 0
		}
		s.pos++
		s.ws()
		if s.pos < len(s.src) && s.src[s.pos] == ']' {
			s.pos++
			s.depth--
			return tArray
		}
		for !s.fatal {
			s.skip()
			if s.fatal || !s.next(']') {
				return 0
			}
			if s.src[s.pos-1] == ']' {
				s.depth--
				return tArray
			}
			s.ws()
		}
		return 0
	case '"':
		s.str()
		return tString
	case 't', 'f', 'n':
		return s.literal()
	}
	if s.number() {
		return tInteger
	}
	return tFraction
}

// enter counts one more level of nesting.
func (s *state) enter() bool {
	s.depth++
	if s.depth > maxNesting {
		s.syntax(s.pos, "nesting deeper than 10000 levels")
		return false
	}
	return true
}

// key reads `"name" :` and leaves s.pos at the value.
func (s *state) key() bool {
	if s.pos >= len(s.src) || s.src[s.pos] != '"' {
		if s.pos >= len(s.src) {
			s.syntax(s.pos, "unexpected end of input, want a key")
		} else {
			s.syntax(s.pos, "invalid character "+quoteByte(s.src[s.pos])+", want a key in double quotes")
		}
		return false
	}
	s.str()
	if s.fatal {
		return false
	}
	s.ws()
	if s.pos >= len(s.src) || s.src[s.pos] != ':' {
		s.syntaxWant(":", "after a key")
		return false
	}
	s.pos++
	s.ws()
	return true
}

// next reads the "," or the closing byte after a member or an element.
func (s *state) next(closing byte) bool {
	s.ws()
	if s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ',':
			s.pos++
			s.ws()
			return true
		case closing:
			s.pos++
			return true
		}
	}
	if closing == '}' {
		s.syntaxWant(`"," or "}"`, "after an object member")
	} else {
		s.syntaxWant(`"," or "]"`, "after an array element")
	}
	return false
}

func (s *state) syntaxWant(want, where string) {
	if s.pos >= len(s.src) {
		s.syntax(s.pos, "unexpected end of input, want "+want+" "+where)
		return
	}
	s.syntax(s.pos, "invalid character "+quoteByte(s.src[s.pos])+", want "+want+" "+where)
}

// text returns the decoded text of a string's content. Without escapes it
// aliases the input; with them it is decoded into the state's buffer when
// it fits. Either way it is only valid until the next call.
func (s *state) text(cs, ce int, esc bool) string {
	raw := s.src[cs:ce]
	if !esc {
		return bytesString(raw)
	}
	b := schema.AppendDecoded(s.buf[:0], raw)
	return bytesString(b)
}

// bytesString views b as a string without copying. The callers only read
// the string while b is unchanged.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func hexByte(c byte) string {
	const digits = "0123456789ABCDEF"
	return "0x" + string(digits[c>>4]) + string(digits[c&15])
}

func printable(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return string(c)
	}
	return hexByte(c)
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return "'" + string(c) + "'"
	}
	return hexByte(c)
}

func schemaNumberIsInteger(b []byte) bool { return schema.NumberIsInteger(bytesString(b)) }
