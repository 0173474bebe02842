package schema

import (
	"strconv"
	"strings"
)

// Pointer is a JSON Pointer (RFC 6901). The empty pointer refers to the whole
// document; every other pointer is a sequence of "/"-prefixed reference
// tokens in which "~" is written "~0" and "/" is written "~1".
type Pointer string

// Append returns p extended by one unescaped reference token.
func (p Pointer) Append(token string) Pointer {
	if !strings.ContainsAny(token, "~/") {
		return p + "/" + Pointer(token)
	}
	return Pointer(AppendToken([]byte(p+"/"), token))
}

// AppendIndex returns p extended by an array index.
func (p Pointer) AppendIndex(i int) Pointer {
	return p + "/" + Pointer(strconv.Itoa(i))
}

// Parent returns the pointer without its last reference token. The parent of
// the empty pointer is the empty pointer.
func (p Pointer) Parent() Pointer {
	i := strings.LastIndexByte(string(p), '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// Last returns the last reference token, unescaped, or "" for the empty
// pointer.
func (p Pointer) Last() string {
	i := strings.LastIndexByte(string(p), '/')
	if i < 0 {
		return ""
	}
	return UnescapeToken(string(p[i+1:]))
}

// Tokens returns the unescaped reference tokens of p.
func (p Pointer) Tokens() []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(string(p[1:]), "/")
	for i, s := range parts {
		parts[i] = UnescapeToken(s)
	}
	return parts
}

// Valid reports whether p is a syntactically valid JSON Pointer: empty, or
// starting with "/" with every "~" followed by "0" or "1".
func (p Pointer) Valid() bool {
	if p == "" {
		return true
	}
	if p[0] != '/' {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] == '~' && (i+1 >= len(p) || (p[i+1] != '0' && p[i+1] != '1')) {
			return false
		}
	}
	return true
}

// AppendToken appends a reference token to b, escaped: "~" as "~0", "/"
// as "~1".
func AppendToken[T ~string | ~[]byte](b []byte, tok T) []byte {
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}

// UnescapeToken decodes a reference token: "~1" is "/" and "~0" is "~",
// read left to right ("~01" is "~1", not "/").
func UnescapeToken(s string) string {
	i := strings.IndexByte(s, '~')
	if i < 0 {
		return s
	}
	b := append(make([]byte, 0, len(s)), s[:i]...)
	for ; i < len(s); i++ {
		if s[i] == '~' && i+1 < len(s) && (s[i+1] == '0' || s[i+1] == '1') {
			b = append(b, "~/"[s[i+1]-'0'])
			i++
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}
