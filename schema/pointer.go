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
	return p + "/" + Pointer(escapeToken(token))
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
	return unescapeToken(string(p[i+1:]))
}

// Tokens returns the unescaped reference tokens of p.
func (p Pointer) Tokens() []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(string(p[1:]), "/")
	for i, s := range parts {
		parts[i] = unescapeToken(s)
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

// appendToken appends a reference token to b, escaped.
func appendToken(b []byte, tok string) []byte {
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

func escapeToken(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

func unescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	// Order matters: "~01" is "~1" unescaped, not "/".
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
}
