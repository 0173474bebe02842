package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// regexp compiles a pattern with ECMA-262 semantics as far as Go's RE2
// allows (see ecmaToRE2). A pattern that needs what RE2 lacks (look-around,
// back-references) is listed as ignored; one that is not a regular
// expression at all is a compile error.
func (c *compiler) regexp(m *schema.Member, pattern string) *regexp.Regexp {
	re, err := regexp.Compile(ecmaToRE2(pattern))
	if err == nil {
		return re
	}
	for _, unsupported := range []string{"(?=", "(?!", "(?<=", "(?<!", `\k<`, `\1`, `\2`, `\3`, `\4`, `\5`, `\6`, `\7`, `\8`, `\9`} {
		if strings.Contains(pattern, unsupported) {
			c.ignore(m)
			return nil
		}
	}
	c.problem(m.Value.Pointer(), "pattern %q is not a valid regular expression: %v", pattern, err)
	return nil
}

// ecmaSpace is what \s matches in ECMA-262: white space and line
// terminators, Unicode ones included (RE2's \s is only ASCII).
const ecmaSpace = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

// ecmaToRE2 rewrites an ECMA-262 pattern for Go's regexp: "." stops at
// every ECMA line terminator (\n, \r, U+2028, U+2029) instead of \n alone;
// \s and \S outside a class use ECMA's white space; \uXXXX, \cX, \0,
// [\b], [] and [^] are translated. What stays different: \S inside a class
// is RE2's ASCII \S, \d, \w and \b are ASCII in both, and look-around and
// back-references do not exist in RE2.
func ecmaToRE2(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		ch := p[i]
		if ch == '\\' && i+1 < len(p) {
			nx := p[i+1]
			switch {
			case nx == 'u' && i+6 <= len(p) && isHex4(p[i+2:i+6]):
				b.WriteString(`\x{` + p[i+2:i+6] + `}`)
				i += 5
			case nx == 's' && inClass:
				b.WriteString(ecmaSpace)
				i++
			case nx == 's':
				b.WriteString("[" + ecmaSpace + "]")
				i++
			case nx == 'S' && !inClass:
				b.WriteString("[^" + ecmaSpace + "]")
				i++
			case nx == 'c' && i+2 < len(p) && (p[i+2]|0x20) >= 'a' && (p[i+2]|0x20) <= 'z':
				fmt.Fprintf(&b, `\x{%x}`, p[i+2]%32)
				i += 2
			case nx == '0' && !(i+2 < len(p) && p[i+2] >= '0' && p[i+2] <= '9'):
				b.WriteString(`\x{0}`)
				i++
			case nx == 'b' && inClass:
				b.WriteString(`\x{8}`)
				i++
			default:
				b.WriteByte(ch)
				b.WriteByte(nx)
				i++
			}
			continue
		}
		switch {
		case inClass:
			if ch == ']' {
				inClass = false
			}
			b.WriteByte(ch)
		case strings.HasPrefix(p[i:], "[^]"):
			b.WriteString(`(?s:.)`)
			i += 2
		case strings.HasPrefix(p[i:], "[]"):
			b.WriteString(`[^\x00-\x{10FFFF}]`)
			i++
		case ch == '[':
			inClass = true
			b.WriteByte(ch)
			if strings.HasPrefix(p[i+1:], "^") {
				b.WriteByte('^')
				i++
			}
		case ch == '.':
			b.WriteString(`[^\n\r\x{2028}\x{2029}]`)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}
