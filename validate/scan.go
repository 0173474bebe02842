package validate

import (
	"unsafe"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
)

// The methods here are the validator's cursor over the input: each reads
// one token with jsonscan, moves s.pos past it and turns a jsonscan Code
// into a syntax violation, which stops the scan.

// ws skips white space.
func (s *state) ws() { s.pos = jsonscan.SkipSpace(s.src, s.pos) }

// fail reports the jsonscan problem c at offset at.
func (s *state) fail(at int, c jsonscan.Code) { s.syntax(at, jsonscan.Message(s.src, at, c)) }

// str reads the string at s.pos (which is a quote) and returns the span of
// its content and whether it has escapes.
func (s *state) str() (cs, ce int, esc bool) {
	end, esc, c := jsonscan.String(s.src, s.pos)
	if c != jsonscan.OK {
		s.fail(end, c)
		return s.pos + 1, end, esc
	}
	cs, s.pos = s.pos+1, end
	return cs, end - 1, esc
}

// number reads the number at s.pos and reports whether it is an integer.
func (s *state) number() bool {
	start := s.pos
	end, plainInt, c := jsonscan.Number(s.src, start)
	if c != jsonscan.OK {
		s.fail(end, c)
		return false
	}
	s.pos = end
	return plainInt || jsonscan.IsInteger(s.src[start:end])
}

// literal reads true, false or null and returns its type.
func (s *state) literal() uint8 {
	end, c := jsonscan.Literal(s.src, s.pos)
	if c != jsonscan.OK {
		s.fail(end, c)
		return 0
	}
	t := uint8(tBool)
	if s.src[s.pos] == 'n' {
		t = tNull
	}
	s.pos = end
	return t
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

// badValue reports a byte that cannot start a value.
func (s *state) badValue(at int) { s.fail(at, jsonscan.ErrWantValue) }

// skip reads any value without a schema, checking only its syntax.
func (s *state) skip() uint8 {
	if s.pos >= len(s.src) {
		s.badValue(s.pos)
		return 0
	}
	var t uint8
	switch c := s.src[s.pos]; c {
	case '{':
		t = tObject
	case '[':
		t = tArray
	case '"':
		t = tString
	case 't', 'f':
		t = tBool
	case 'n':
		t = tNull
	default:
		if s.number() {
			return tInteger
		}
		return tFraction
	}
	end, c := jsonscan.SkipValue(s.src, s.pos, s.depth)
	if c != jsonscan.OK {
		s.fail(end, c)
		return 0
	}
	s.pos = end
	return t
}

// enter counts one more level of nesting.
func (s *state) enter() bool {
	s.depth++
	if s.depth > jsonscan.MaxDepth {
		s.fail(s.pos, jsonscan.ErrTooDeep)
		return false
	}
	return true
}

// key reads `"name" :` and leaves s.pos at the value.
func (s *state) key() bool {
	if s.pos >= len(s.src) || s.src[s.pos] != '"' {
		s.fail(s.pos, jsonscan.ErrWantKey)
		return false
	}
	s.str()
	if s.fatal {
		return false
	}
	s.ws()
	if s.pos >= len(s.src) || s.src[s.pos] != ':' {
		s.fail(s.pos, jsonscan.ErrWantColon)
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
		s.fail(s.pos, jsonscan.ErrWantObjectNext)
	} else {
		s.fail(s.pos, jsonscan.ErrWantArrayNext)
	}
	return false
}

// syntaxWant reports that want was expected at s.pos.
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
	return bytesString(jsonscan.AppendUnquoted(s.buf[:0], raw))
}

// bytesString views b as a string without copying. The callers only read
// the string while b is unchanged.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func quoteByte(c byte) string { return jsonscan.QuoteByte(c) }

// typeAt returns the type of the valid value at src[start:end].
func (s *state) typeAt(start, end int) uint8 {
	switch s.src[start] {
	case '{':
		return tObject
	case '[':
		return tArray
	case '"':
		return tString
	case 't', 'f':
		return tBool
	case 'n':
		return tNull
	}
	if jsonscan.IsInteger(s.src[start:end]) {
		return tInteger
	}
	return tFraction
}

// member finds the last member called name of the object at start, whose
// syntax was already checked, and returns the spans of its key and value.
func (s *state) member(start int, name string) (ks, ke, vs, ve int, ok bool) {
	save, depth := s.pos, s.depth
	defer func() { s.pos, s.depth = save, depth }()
	s.pos = start + 1
	s.ws()
	if s.src[s.pos] == '}' {
		return
	}
	for {
		k := s.pos
		cs, ce, esc := s.str()
		kEnd := s.pos
		match := s.text(cs, ce, esc) == name
		s.ws()
		s.pos++ // ':'
		s.ws()
		v := s.pos
		s.skip()
		if match {
			ks, ke, vs, ve, ok = k, kEnd, v, s.pos, true
		}
		s.ws()
		if s.src[s.pos] == '}' {
			return
		}
		s.pos++
		s.ws()
	}
}
