package jsonscan

import "unicode/utf8"

// Hex4 reads the four hexadecimal digits at the start of b, as a \u escape
// has them.
func Hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// Escape reads the escape sequence whose backslash is src[i] and returns
// the character it stands for and the offset past it. A \u escape of a
// high surrogate followed by a \u escape of a low one is one character; a
// surrogate without its pair is U+FFFD, as in encoding/json. On a bad
// escape the offset is i.
func Escape(src []byte, i int) (r rune, end int, c Code) {
	if i+1 >= len(src) {
		return 0, len(src), ErrStringEOF
	}
	switch e := src[i+1]; e {
	case '"', '\\', '/':
		return rune(e), i + 2, OK
	case 'b':
		return '\b', i + 2, OK
	case 'f':
		return '\f', i + 2, OK
	case 'n':
		return '\n', i + 2, OK
	case 'r':
		return '\r', i + 2, OK
	case 't':
		return '\t', i + 2, OK
	case 'u':
		r, ok := Hex4(src[i+2:])
		if !ok {
			return 0, i, ErrUnicodeEscape
		}
		end = i + 6
		if r >= 0xD800 && r < 0xDC00 && end+1 < len(src) && src[end] == '\\' && src[end+1] == 'u' {
			if r2, ok := Hex4(src[end+2:]); ok && r2 >= 0xDC00 && r2 < 0xE000 {
				return 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00), end + 6, OK
			}
		}
		if r >= 0xD800 && r < 0xE000 {
			r = utf8.RuneError
		}
		return r, end, OK
	}
	return 0, i, ErrEscape
}

// AppendUnquoted appends the decoded content of a string that String has
// accepted, given without its quotes.
func AppendUnquoted(dst, content []byte) []byte {
	for i := 0; i < len(content); {
		c := content[i]
		if c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		r, end, _ := Escape(content, i)
		dst = utf8.AppendRune(dst, r)
		i = end
	}
	return dst
}

// IsInteger reports whether a number that Number has accepted has a whole
// value, the way JSON Schema's "integer" is defined (1, -3, 2.0, 1e2),
// without converting it to a float, so that 1e400 and 12345678901234567890
// are judged exactly.
func IsInteger(num []byte) bool {
	if len(num) > 0 && num[0] == '-' {
		num = num[1:]
	}
	intPart, frac, exp := num, []byte(nil), 0
	for i, c := range num {
		if c == 'e' || c == 'E' {
			intPart = num[:i]
			e := num[i+1:]
			neg := len(e) > 0 && e[0] == '-'
			if len(e) > 0 && (e[0] == '+' || e[0] == '-') {
				e = e[1:]
			}
			for _, d := range e {
				// Past the number's length the exponent's size no
				// longer matters: it moves every digit, so reading on
				// could only overflow.
				if exp > len(num) {
					break
				}
				exp = exp*10 + int(d-'0')
			}
			if neg {
				exp = -exp
			}
			break
		}
	}
	for i, c := range intPart {
		if c == '.' {
			frac = intPart[i+1:]
			intPart = intPart[:i]
			break
		}
	}
	// Trailing zeros of the fraction do not matter.
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if len(frac) == 0 {
		if exp >= 0 {
			return true
		}
		// A negative exponent keeps the value whole only if it removes zeros.
		zeros := 0
		for i := len(intPart) - 1; i >= 0 && intPart[i] == '0'; i-- {
			zeros++
		}
		return string(intPart) == "0" || -exp <= zeros
	}
	return exp >= len(frac)
}
