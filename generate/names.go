package generate

import (
	"strconv"
	"strings"
	"unicode"
	"unsafe"

	"github.com/triggerkit/triggerkit/schema"
)

// Title turns a key into a title: schema.Title, which the linter's fix of
// a missing title uses too.
func Title(key string) string { return schema.Title(key) }

// MaxTitle is the longest title Title makes: schema.MaxTitle.
const MaxTitle = schema.MaxTitle

// maxKeyLen is the longest key the generator writes: the length above
// which the linter warns (TK2006).
const maxKeyLen = 100

// shorten returns a name cut to at most limit bytes, readably and the
// same way every time: its "_"-separated segments without those that
// name Wix envelopes, then the first segment and as many of the last ones
// as fit ("shippingInfo_..._totalPriceBeforeTax_formattedConvertedAmount"
// keeps "shippingInfo" and the end), then the last ones alone; a last
// segment longer than limit is cut.
func shorten(name string, limit int) string {
	if len(name) <= limit {
		return name
	}
	var segs []string
	for _, s := range strings.Split(name, "_") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return "key"
	}
	kept := segs[:0:0]
	for _, s := range segs {
		if !isEnvelope([]byte(s)) {
			kept = append(kept, s)
		}
	}
	if len(kept) > 0 {
		segs = kept
	}
	if j := strings.Join(segs, "_"); len(j) <= limit {
		return j
	}
	tail := func(room int, from int) string {
		n, i := 0, len(segs)
		for i > from && n+len(segs[i-1])+boolInt(n > 0) <= room {
			n += len(segs[i-1]) + boolInt(n > 0)
			i--
		}
		return strings.Join(segs[i:], "_")
	}
	if len(segs) > 1 && len(segs[0])+1 < limit {
		if t := tail(limit-len(segs[0])-1, 1); t != "" {
			return segs[0] + "_" + t
		}
	}
	if t := tail(limit, 0); t != "" {
		return t
	}
	return segs[len(segs)-1][:limit]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

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

// keyByte marks (1) the bytes that may appear in a key: A-Z, a-z, 0-9 and
// "_". Bytes, not bools, so that eight lookups combine with &.
var keyByte = [256]uint8{
	'0': 1, '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1, '7': 1, '8': 1,
	'9': 1, 'A': 1, 'B': 1, 'C': 1, 'D': 1, 'E': 1, 'F': 1, 'G': 1, 'H': 1,
	'I': 1, 'J': 1, 'K': 1, 'L': 1, 'M': 1, 'N': 1, 'O': 1, 'P': 1, 'Q': 1,
	'R': 1, 'S': 1, 'T': 1, 'U': 1, 'V': 1, 'W': 1, 'X': 1, 'Y': 1, 'Z': 1,
	'_': 1, 'a': 1, 'b': 1, 'c': 1, 'd': 1, 'e': 1, 'f': 1, 'g': 1, 'h': 1,
	'i': 1, 'j': 1, 'k': 1, 'l': 1, 'm': 1, 'n': 1, 'o': 1, 'p': 1, 'q': 1,
	'r': 1, 's': 1, 't': 1, 'u': 1, 'v': 1, 'w': 1, 'x': 1, 'y': 1, 'z': 1,
}

// validKeyByte reports whether c may appear in a key.
func validKeyByte(c byte) bool { return keyByte[c] != 0 }

// keyOK reports whether key follows the dialect's key rules as it is, and
// is no longer than the generator writes keys.
func keyOK(key []byte) bool {
	if len(key) == 0 || key[0] == '_' || len(key) > maxKeyLen {
		return false
	}
	t := &keyByte
	for ; len(key) >= 8; key = key[8:] {
		if t[key[0]]&t[key[1]]&t[key[2]]&t[key[3]]&t[key[4]]&t[key[5]]&t[key[6]]&t[key[7]] == 0 {
			return false
		}
	}
	for _, c := range key {
		if t[c] == 0 {
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

// customShapeAt is customShape for the object at src[i].
func customShapeAt(src []byte, i int) string {
	w := walker{src: src, pos: i}
	return w.customShape()
}

// scope is an output object being named: where it is, and the names its
// members keep. Either obj is its parsed object, whose kept names are
// worked out when first needed, or start is the offset of its text in src,
// and chk the checker that accepted src, whose table answers without
// reading the object again; depth is 1 for a sample or payload, 2 inside
// one.
type scope struct {
	obj      *schema.Node
	src      []byte
	chk      *checker
	start    int
	depth    int
	kept     map[string]bool
	keptDone bool
	filter   int // the object's index in chk.filters plus one, once mayHave found it
	id       int // the walker's number of the scope, for its renames
}

func (s *scope) isKept(name string) bool {
	if s.obj != nil {
		if !s.keptDone {
			s.kept = keptNames(s.obj, s.src, s.depth)
			s.keptDone = true
		}
		return s.kept[name]
	}
	if s.chk == nil || s.start < 0 {
		return false
	}
	key := unsafe.Slice(unsafe.StringData(name), len(name))
	if !s.chk.mayHave(s.start, key, &s.filter) || !keyOK(key) {
		return false
	}
	at := s.chk.member(s.src, s.start, key)
	if at < 0 {
		return false
	}
	return s.src[at] != '{' || s.depth == 1 && customShapeAt(s.src, at) != ""
}

// pushScope opens the output object whose text starts at w.src[start], or
// one with no text (a wrapped primitive) when start < 0.
func (w *walker) pushScope(start, depth int) {
	if len(w.scopes) == cap(w.scopes) {
		w.scopes = append(w.scopes, scope{})
	} else {
		w.scopes = w.scopes[:len(w.scopes)+1]
	}
	s := &w.scopes[len(w.scopes)-1]
	s.src, s.chk, s.start, s.depth, s.filter = w.src, w.chk, start, depth, 0
	w.scopeID++
	s.id = w.scopeID
}

func (w *walker) popScope() {
	w.scopes[len(w.scopes)-1].src = nil
	w.scopes = w.scopes[:len(w.scopes)-1]
}

// pick returns the name a member gets: name when it keeps it (kept) or
// when it is free, else the first free numbered name. taken reports
// whether an earlier member of the object has a name.
func (s *scope) pick(name string, kept bool, taken func(string) bool) string {
	name = shorten(name, maxKeyLen)
	if !taken(name) && (kept || !s.isKept(name)) {
		return name
	}
	for i := 2; ; i++ {
		n := shorten(name+"_"+strconv.Itoa(i), maxKeyLen)
		if !taken(n) && !s.isKept(n) {
			return n
		}
	}
}
