package jsonscan

// MaxDepth is the deepest nesting of arrays and objects that any parser of
// the module accepts: the limit of encoding/json and of jsontext.
const MaxDepth = 10000

// Code says what went wrong at an offset of the input, or OK.
type Code uint8

// The codes. Each has one message, given by Code.String; Message adds the
// byte found where one was wanted.
const (
	OK                Code = iota
	ErrWantValue           // no value starts here
	ErrWantKey             // an object member does not start with a string
	ErrWantColon           // a key is not followed by ':'
	ErrWantObjectNext      // an object member is not followed by ',' or '}'
	ErrWantArrayNext       // an array element is not followed by ',' or ']'
	ErrTrailing            // something follows the top-level value
	ErrLiteral             // a word that is not true, false or null
	ErrStringEOF           // the input ends inside a string
	ErrControl             // a raw control character inside a string
	ErrEscape              // a backslash followed by a character JSON does not escape
	ErrUnicodeEscape       // \u not followed by four hexadecimal digits
	ErrUTF8                // a byte that is not part of valid UTF-8, inside a string
	ErrMinus               // a minus sign not followed by a digit
	ErrFraction            // a decimal point not followed by a digit
	ErrExponent            // an exponent without digits
	ErrTooDeep             // arrays and objects nested deeper than MaxDepth
)

var messages = [...]string{
	OK:                "ok",
	ErrWantValue:      "want a value",
	ErrWantKey:        "want a key in double quotes",
	ErrWantColon:      `want ":" after a key`,
	ErrWantObjectNext: `want "," or "}" after an object member`,
	ErrWantArrayNext:  `want "," or "]" after an array element`,
	ErrTrailing:       "after the top-level value",
	ErrLiteral:        "invalid literal, want true, false or null",
	ErrStringEOF:      "unexpected end of input inside a string",
	ErrControl:        "control character in a string; escape it",
	ErrEscape:         "invalid escape in a string",
	ErrUnicodeEscape:  `invalid \u escape in a string`,
	ErrUTF8:           "invalid UTF-8 in a string",
	ErrMinus:          "a number needs a digit after its minus sign",
	ErrFraction:       "a number needs digits after its decimal point",
	ErrExponent:       "a number needs digits in its exponent",
	ErrTooDeep:        "nesting deeper than 10000 levels",
}

// String returns the message of c, without the byte it was found at.
func (c Code) String() string {
	if int(c) < len(messages) {
		return messages[c]
	}
	return "unknown code"
}

// Message describes the problem c at src[off] for a person, naming the byte
// found there where that helps: "invalid character 'x', want a value",
// "control character 0x0A in a string; escape it".
func Message(src []byte, off int, c Code) string {
	eof := off >= len(src)
	switch c {
	case ErrWantValue, ErrWantKey, ErrWantColon, ErrWantObjectNext, ErrWantArrayNext:
		if eof {
			return "unexpected end of input, " + c.String()
		}
		return "invalid character " + QuoteByte(src[off]) + ", " + c.String()
	case ErrTrailing:
		if eof {
			return c.String()
		}
		return "invalid character " + QuoteByte(src[off]) + " " + c.String()
	case ErrControl:
		if !eof {
			return "control character " + HexByte(src[off]) + " in a string; escape it"
		}
	case ErrEscape:
		if off+1 < len(src) {
			return `invalid escape \` + printable(src[off+1]) + " in a string"
		}
	case ErrUTF8:
		if !eof {
			return "invalid UTF-8 byte " + HexByte(src[off]) + " in a string"
		}
	}
	return c.String()
}

// HexByte writes c as 0xNN.
func HexByte(c byte) string {
	const digits = "0123456789ABCDEF"
	return "0x" + string(digits[c>>4]) + string(digits[c&15])
}

// QuoteByte writes c in single quotes when it is printable ASCII, else as
// 0xNN.
func QuoteByte(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return "'" + string(c) + "'"
	}
	return HexByte(c)
}

func printable(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return string(c)
	}
	return HexByte(c)
}
