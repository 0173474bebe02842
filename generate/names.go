package generate

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// Title turns a key into a title: schema.Title, which the linter's fix of
// a missing title uses too.
func Title(key string) string { return schema.Title(key) }

// WixTitle is the title the dashboard's generator gives a key: split where
// a lower-case letter is followed by an upper-case one, the first letter of
// every word in capitals, joined with spaces ("formId" is "Form Id").
// Nothing else is changed.
func WixTitle(key string) string {
	var b strings.Builder
	var prev rune
	wordStart := true
	for _, r := range key {
		if unicode.IsLower(prev) && unicode.IsUpper(r) {
			b.WriteByte(' ')
			wordStart = true
		}
		if wordStart {
			r = unicode.ToUpper(r)
			wordStart = false
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// validKeyByte reports whether c may appear in a key.
func validKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// keyOK reports whether key follows the dialect's key rules as it is.
func keyOK(key []byte) bool {
	if len(key) == 0 || key[0] == '_' {
		return false
	}
	for _, c := range key {
		if !validKeyByte(c) {
			return false
		}
	}
	return true
}

// appendSanitized appends key made to follow the key rules: every run of
// characters outside A-Z, a-z, 0-9 and "_" becomes one "_", and leading
// and trailing "_" go ("first name" is "first_name", "$ne" is "ne",
// "latitude " is "latitude"). A key with nothing left is "key".
func appendSanitized(dst, key []byte) []byte {
	if keyOK(key) {
		return append(dst, key...)
	}
	start := len(dst)
	gap := false
	for _, c := range key {
		if !validKeyByte(c) || c == '_' {
			gap = true
			continue
		}
		if gap && len(dst) > start {
			dst = append(dst, '_')
		}
		gap = false
		dst = append(dst, c)
	}
	if len(dst) == start {
		dst = append(dst, "key"...)
	}
	return dst
}

// Sanitize returns key made to follow the dialect's key rules.
func Sanitize(key string) string {
	return string(appendSanitized(nil, []byte(key)))
}

// Names within one output object (a sample or payload, an array item, a
// custom object) are handed out in two ranks. A kept name is the key of a
// direct member that follows the key rules as it is: it is the member's
// name wherever the member comes. Every other name (a sanitised key, a
// flattened one, a second member with the same key) takes its name only
// when no member keeps it and no earlier member took it, else the first of
// name_2, name_3, ... that is free and kept by no member. So the names do
// not depend on the order of the keys, except between names of the second
// rank.

// keptNames returns the names the direct members of obj keep: its keys
// that follow the key rules, unless the value is an object that is
// flattened (an object that is not custom-shaped at the 1st level). src is
// the text obj was parsed from.
func keptNames(obj *schema.Node, src []byte, depth int) map[string]bool {
	kept := map[string]bool{}
	for _, m := range obj.Members {
		if !keyOK([]byte(m.Name)) {
			continue
		}
		if m.Value.Kind == schema.Object && (depth != 1 || customShapeOf(m.Value, src) == "") {
			continue
		}
		kept[m.Name] = true
	}
	return kept
}

// keptNamesAt adds to kept the names the direct members of the object at
// src[start] keep, as keptNames does. The object must be valid JSON. Keys
// without escapes are added as strings that share src's memory.
func keptNamesAt(kept map[string]bool, src []byte, start, depth int) {
	i := skipSpace(src, start+1)
	for i < len(src) && src[i] == '"' {
		end := skipValid(src, i)
		key := src[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			key = jsonscan.AppendUnquoted(nil, key)
		}
		i = skipSpace(src, end)
		i = skipSpace(src, i+1) // ':'
		if keyOK(key) && i < len(src) && (src[i] != '{' || depth == 1 && customShapeAt(src, i) != "") {
			kept[bytesString(key)] = true
		}
		i = skipSpace(src, skipValid(src, i))
		if i >= len(src) || src[i] != ',' {
			return
		}
		i = skipSpace(src, i+1)
	}
}

// customShapeAt is customShape for the object at src[i].
func customShapeAt(src []byte, i int) string {
	w := walker{src: src, pos: i}
	return w.customShape()
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// skipValid returns the offset just after the JSON value at src[i], which
// must be valid: it only finds the end, checking nothing.
func skipValid(src []byte, i int) int {
	depth := 0
	for i < len(src) {
		switch src[i] {
		case '"':
			i++
			for {
				q := bytes.IndexByte(src[i:], '"')
				if q < 0 {
					return len(src)
				}
				i += q + 1
				bs := 0
				for j := i - 2; j >= 0 && src[j] == '\\'; j-- {
					bs++
				}
				if bs%2 == 0 {
					break
				}
			}
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}

// scope is an output object being named: where it is, and the names its
// members keep, worked out when first needed. Either obj is its parsed
// object, or start is the offset of its text in src; depth is 1 for a
// sample or payload, 2 inside one.
type scope struct {
	obj      *schema.Node
	src      []byte
	start    int
	depth    int
	kept     map[string]bool
	keptDone bool
}

func (s *scope) isKept(name string) bool {
	if !s.keptDone {
		switch {
		case s.obj != nil:
			s.kept = keptNames(s.obj, s.src, s.depth)
		case s.src != nil:
			if s.kept == nil {
				s.kept = map[string]bool{}
			}
			clear(s.kept)
			keptNamesAt(s.kept, s.src, s.start, s.depth)
		}
		s.keptDone = true
	}
	return s.kept[name]
}

// pushScope opens the output object whose text starts at w.src[start], or
// one with no text (a wrapped primitive) when start < 0. The scopes' maps
// are reused, and cleared only when filled again.
func (w *walker) pushScope(start, depth int) {
	if len(w.scopes) == cap(w.scopes) {
		w.scopes = append(w.scopes, scope{})
	} else {
		w.scopes = w.scopes[:len(w.scopes)+1]
	}
	s := &w.scopes[len(w.scopes)-1]
	s.src, s.start, s.depth, s.keptDone = w.src, start, depth, start < 0
}

func (w *walker) popScope() {
	w.scopes[len(w.scopes)-1].src = nil
	w.scopes = w.scopes[:len(w.scopes)-1]
}

// pick returns the name a member gets: name when it keeps it (kept) or
// when it is free, else the first free numbered name. taken reports
// whether an earlier member of the object has a name.
func (s *scope) pick(name string, kept bool, taken func(string) bool) string {
	if !taken(name) && (kept || !s.isKept(name)) {
		return name
	}
	for i := 2; ; i++ {
		n := name + "_" + strconv.Itoa(i)
		if !taken(n) && !s.isKept(n) {
			return n
		}
	}
}
