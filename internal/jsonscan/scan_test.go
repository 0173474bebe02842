package jsonscan

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSkipSpace(t *testing.T) {
	for _, tt := range []struct {
		in   string
		i    int
		want int
	}{
		{"", 0, 0}, {" \t\r\n", 0, 4}, {"  x ", 0, 2}, {"x", 0, 0}, {" \u00a0", 0, 1}, {"a  b", 1, 3},
	} {
		if got := SkipSpace([]byte(tt.in), tt.i); got != tt.want {
			t.Errorf("SkipSpace(%q, %d) = %d, want %d", tt.in, tt.i, got, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	for _, tt := range []struct {
		in      string
		end     int
		escaped bool
		code    Code
	}{
		{`""`, 2, false, OK},
		{`"abc" x`, 5, false, OK},
		{`"a long string of more than eight bytes"`, 40, false, OK},
		{`"é😀"`, 8, false, OK},
		{`"\"\\\/\b\f\n\r\t"`, 18, true, OK},
		{`"\u00e9\uD83D\uDE00"`, 20, true, OK},
		{`"\ud800"`, 8, true, OK}, // a lone surrogate is accepted, as encoding/json does
		{`"abc`, 4, false, ErrStringEOF},
		{`"abcdefghijk`, 12, false, ErrStringEOF},
		{`"a\`, 3, true, ErrStringEOF},
		{`"a\x"`, 2, true, ErrEscape},
		{`"a\'"`, 2, true, ErrEscape},
		{`"\u12"`, 1, true, ErrUnicodeEscape},
		{`"\u12G4"`, 1, true, ErrUnicodeEscape},
		{"\"a\tb\"", 2, false, ErrControl},
		{"\"abcdefgh\x00\"", 9, false, ErrControl},
		{"\"\x7f\"", 3, false, OK},
		{"\"\xff\"", 1, false, ErrUTF8},
		{"\"abcdefgh\xc3\"", 9, false, ErrUTF8},
		{"\"\xed\xa0\x80\"", 1, false, ErrUTF8}, // a surrogate written as UTF-8
	} {
		end, esc, code := String([]byte(tt.in), 0)
		if end != tt.end || esc != tt.escaped || code != tt.code {
			t.Errorf("String(%q) = %d, %v, %v; want %d, %v, %v", tt.in, end, esc, code, tt.end, tt.escaped, tt.code)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		in       string
		end      int
		plainInt bool
		code     Code
	}{
		{"0", 1, true, OK},
		{"-0", 2, true, OK},
		{"123,", 3, true, OK},
		{"01", 1, true, OK}, // the number is 0; the caller refuses the "1"
		{"1.5", 3, false, OK},
		{"1e10", 4, false, OK},
		{"-1.5E-3]", 7, false, OK},
		{"1E+2", 4, false, OK},
		{"-", 1, false, ErrMinus},
		{"-a", 1, false, ErrMinus},
		{"1.", 2, false, ErrFraction},
		{"1.e3", 2, false, ErrFraction},
		{"1e", 2, false, ErrExponent},
		{"1e+", 3, false, ErrExponent},
		{".5", 0, false, ErrWantValue},
		{"+1", 0, false, ErrWantValue},
		{"", 0, false, ErrWantValue},
	} {
		end, pi, code := Number([]byte(tt.in), 0)
		if end != tt.end || pi != tt.plainInt || code != tt.code {
			t.Errorf("Number(%q) = %d, %v, %v; want %d, %v, %v", tt.in, end, pi, code, tt.end, tt.plainInt, tt.code)
		}
	}
}

func TestLiteral(t *testing.T) {
	for _, tt := range []struct {
		in   string
		end  int
		code Code
	}{
		{"true", 4, OK}, {"false,", 5, OK}, {"null]", 4, OK}, {"tru", 0, ErrLiteral}, {"True", 0, ErrLiteral}, {"nul", 0, ErrLiteral},
	} {
		end, code := Literal([]byte(tt.in), 0)
		if end != tt.end || code != tt.code {
			t.Errorf("Literal(%q) = %d, %v; want %d, %v", tt.in, end, code, tt.end, tt.code)
		}
	}
}

func TestSkipValueAndValid(t *testing.T) {
	for _, tt := range []struct {
		in   string
		off  int
		code Code
	}{
		{`{}`, 2, OK},
		{` {"a": [1, "x", true, null, {"b": -1.5e3}], "c": {}} `, 53, OK},
		{`[[],[[]]]`, 9, OK},
		{`"x"`, 3, OK},
		{`0`, 1, OK},
		{``, 0, ErrWantValue},
		{`   `, 3, ErrWantValue},
		{`{"a":1,}`, 7, ErrWantKey},
		{`{'a':1}`, 1, ErrWantKey},
		{`{"a" 1}`, 5, ErrWantColon},
		{`{"a":1 "b":2}`, 7, ErrWantObjectNext},
		{`[1 2]`, 3, ErrWantArrayNext},
		{`[1,]`, 3, ErrWantValue},
		{`[`, 1, ErrWantValue},
		{`{"a":`, 5, ErrWantValue},
		{`{} {}`, 3, ErrTrailing},
		{`01`, 1, ErrTrailing},
		{`[01]`, 2, ErrWantArrayNext},
		{`{"a":tru}`, 5, ErrLiteral},
		{`NaN`, 0, ErrWantValue},
		{`/* c */ {}`, 0, ErrWantValue},
		{strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), 2 * MaxDepth, OK},
		{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), MaxDepth, ErrTooDeep},
		{strings.Repeat(`{"a":`, MaxDepth) + "1" + strings.Repeat("}", MaxDepth), 5*MaxDepth + 1 + MaxDepth, OK},
		{strings.Repeat(`{"a":`, MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1), 5 * MaxDepth, ErrTooDeep},
	} {
		off, code := Valid([]byte(tt.in))
		if off != tt.off || code != tt.code {
			t.Errorf("Valid(%.40q) = %d, %v; want %d, %v", tt.in, off, code, tt.off, tt.code)
		}
	}
}

func TestSkipValueCountsOpenLevels(t *testing.T) {
	src := []byte("[[1]]")
	if _, code := SkipValue(src, 0, MaxDepth-2); code != OK {
		t.Errorf("two levels inside %d: %v, want ok", MaxDepth-2, code)
	}
	if off, code := SkipValue(src, 0, MaxDepth-1); code != ErrTooDeep || off != 1 {
		t.Errorf("two levels inside %d: %d, %v; want 1, %v", MaxDepth-1, off, code, ErrTooDeep)
	}
}

func TestMessage(t *testing.T) {
	for _, tt := range []struct {
		in   string
		off  int
		code Code
		want string
	}{
		{`{"a":1,}`, 7, ErrWantKey, `invalid character '}', want a key in double quotes`},
		{`[`, 1, ErrWantValue, `unexpected end of input, want a value`},
		{`{"a" 1}`, 5, ErrWantColon, `invalid character '1', want ":" after a key`},
		{"\"\n\"", 1, ErrControl, `control character 0x0A in a string; escape it`},
		{`"\x"`, 1, ErrEscape, `invalid escape \x in a string`},
		{"\"\xff\"", 1, ErrUTF8, `invalid UTF-8 byte 0xFF in a string`},
		{`{} x`, 3, ErrTrailing, `invalid character 'x' after the top-level value`},
		{`"\u1"`, 1, ErrUnicodeEscape, `invalid \u escape in a string`},
		{`[[`, 1, ErrTooDeep, `nesting deeper than 10000 levels`},
	} {
		if got := Message([]byte(tt.in), tt.off, tt.code); got != tt.want {
			t.Errorf("Message(%q, %d, %v) = %q, want %q", tt.in, tt.off, tt.code, got, tt.want)
		}
	}
	for c := OK; c <= ErrTooDeep; c++ {
		if c.String() == "" || c.String() == "unknown code" {
			t.Errorf("code %d has no message", c)
		}
	}
}

func TestHex4(t *testing.T) {
	for _, tt := range []struct {
		in string
		r  rune
		ok bool
	}{
		{"00e9", 0xe9, true}, {"FFFF", 0xffff, true}, {"aBcD", 0xabcd, true}, {"12", 0, false}, {"12g4", 0, false}, {"", 0, false},
	} {
		if r, ok := Hex4([]byte(tt.in)); r != tt.r || ok != tt.ok {
			t.Errorf("Hex4(%q) = %x, %v; want %x, %v", tt.in, r, ok, tt.r, tt.ok)
		}
	}
}

func TestAppendUnquoted(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`abc`, "abc"},
		{`a\"b\\c\/d`, `a"b\c/d`},
		{`\b\f\n\r\t`, "\b\f\n\r\t"},
		{`\u00e9\u00E9`, "éé"},
		{`\ud83d\ude00`, "😀"},
		{`\ud800`, "\uFFFD"},
		{`\ud800x`, "\uFFFDx"},
		{`\udc00\ud800`, "\uFFFD\uFFFD"},
		{`\ud800\u0041`, "\uFFFDA"},
		{`\ud83d\ud83d\ude00`, "\uFFFD😀"},
		{`é`, "é"},
	} {
		if got := string(AppendUnquoted(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("AppendUnquoted(%q) = %q, want %q", tt.in, got, tt.want)
		}
		var want string
		if err := json.Unmarshal([]byte(`"`+tt.in+`"`), &want); err != nil || want != tt.want {
			t.Errorf("encoding/json reads %q as %q (%v), the table says %q", tt.in, want, err, tt.want)
		}
	}
}

func TestEscape(t *testing.T) {
	for _, tt := range []struct {
		in   string
		r    rune
		end  int
		code Code
	}{
		{`\n`, '\n', 2, OK}, {`\u0041`, 'A', 6, OK}, {`\ud83d\ude00`, 0x1F600, 12, OK}, {`\ud83d`, utf8.RuneError, 6, OK},
		{`\q`, 0, 0, ErrEscape}, {`\u00`, 0, 0, ErrUnicodeEscape}, {`\`, 0, 1, ErrStringEOF},
	} {
		r, end, code := Escape([]byte(tt.in), 0)
		if r != tt.r || end != tt.end || code != tt.code {
			t.Errorf("Escape(%q) = %q, %d, %v; want %q, %d, %v", tt.in, r, end, code, tt.r, tt.end, tt.code)
		}
	}
}

func TestIsInteger(t *testing.T) {
	for in, want := range map[string]bool{
		"0": true, "-3": true, "2.0": true, "1e2": true, "1.5": false, "1.5e1": true, "1.55e1": false,
		"100e-2": true, "100e-3": false, "0e-5": true, "12345678901234567890": true, "1e400": true,
		"1e-400": false, "-0.0": true, "0.1": false, "1.25E2": true,
	} {
		if got := IsInteger([]byte(in)); got != want {
			t.Errorf("IsInteger(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestIsIntegerExponentClamped: the exponent used to be read up to 2^20
// only, so a fraction longer than that with an exponent past it was judged
// whole. Now the exponent is exact up to the number's own length.
func TestIsIntegerExponentClamped(t *testing.T) {
	const n = 1<<20 + 10
	frac := strings.Repeat("1", n) // n fractional digits
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"0." + frac + "e" + strconv.Itoa(n-1), false},
		{"0." + frac + "e" + strconv.Itoa(n), true},
		{"1" + strings.Repeat("0", n) + "e-" + strconv.Itoa(n), true},
		{"1" + strings.Repeat("0", n) + "e-" + strconv.Itoa(n+1), false},
		{"1e99999999999999999999999999", true},
		{"1e-99999999999999999999999999", false},
	} {
		if got := IsInteger([]byte(tt.in)); got != tt.want {
			t.Errorf("IsInteger(%.20q... e%s) = %v, want %v", tt.in, tt.in[strings.LastIndexByte(tt.in, 'e')+1:], got, tt.want)
		}
	}
}

// FuzzValid checks that Valid accepts exactly the documents encoding/json
// accepts, except invalid UTF-8, which encoding/json lets through inside
// strings and this package refuses.
func FuzzValid(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `"x"`, `0`, `-1.5e+3`, `true`, `null`, ` {"a": [1, {"b": null}], "c": "\u00e9\ud800"} `,
		`01`, `1.`, `-`, `1e`, `[1,]`, `{"a":1,}`, `{"a" 1}`, "\"\x01\"", "\"\xff\"", `"\x"`, `[`, ``, ` `,
		strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth),
		strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		off, code := Valid(src)
		want := json.Valid(src) && utf8.Valid(src)
		if (code == OK) != want {
			t.Fatalf("Valid(%q) = %d, %v; encoding/json says valid = %v", src, off, code, want)
		}
		if code == OK && off != len(src) || off < 0 || off > len(src) {
			t.Fatalf("Valid(%q) = %d, %v: offset outside the input", src, off, code)
		}
	})
}

// recorder writes what a Visitor sees.
type recorder struct {
	src []byte
	out []string
}

func (r *recorder) Object(start int) { r.out = append(r.out, "{@"+strconv.Itoa(start)) }
func (r *recorder) Key(ks, ke int)   { r.out = append(r.out, string(r.src[ks:ke])) }
func (r *recorder) EndObject()       { r.out = append(r.out, "}") }

func TestWalk(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{}`, "{@0 }"},
		{`[{"a":1},{}]`, `{@1 "a" } {@9 }`},
		{`{"a":{"b":[{"c":2}]},"d":"\u0041"}`, `{@0 "a" {@5 "b" {@11 "c" } } "d" }`},
		{`{"a":1,"a":2}`, `{@0 "a" "a" }`},
		{`[1, "x", null]`, ``},
		{`{"a":1,"b"`, `{@0 "a" "b"`}, // an error stops the walk
	} {
		r := &recorder{src: []byte(tt.in)}
		Walk(r.src, 0, 0, r)
		if got := strings.Join(r.out, " "); got != tt.want {
			t.Errorf("Walk(%s) saw %s, want %s", tt.in, got, tt.want)
		}
	}
}
