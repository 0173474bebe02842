package generate

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/triggerkit/triggerkit/schema"
)

// acronyms are the words a title writes in capitals.
var acronyms = map[string]string{
	"id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "uri": "URI", "api": "API", "uuid": "UUID",
	"guid": "GUID", "ip": "IP", "html": "HTML", "http": "HTTP", "https": "HTTPS", "json": "JSON",
	"xml": "XML", "pdf": "PDF", "sms": "SMS", "sku": "SKU", "vat": "VAT", "utc": "UTC", "iso": "ISO",
	"crm": "CRM", "cta": "CTA", "faq": "FAQ", "gps": "GPS", "seo": "SEO", "ui": "UI", "qr": "QR",
	"tbd": "TBD", "otp": "OTP", "pos": "POS", "csv": "CSV", "cvv": "CVV", "iban": "IBAN", "utm": "UTM",
}

// words splits a key into words: at "_" and other separators, where a
// lower-case letter or digit is followed by an upper-case letter, before
// the last capital of a run followed by a lower-case letter ("URLPath" is
// "URL" "Path"), and between letters and digits.
func words(key string) []string {
	var out []string
	rs := []rune(key)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, string(rs[start:end]))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := rs[i-1]
		switch {
		case unicode.IsUpper(r) && (unicode.IsLower(p) || unicode.IsDigit(p)),
			unicode.IsDigit(r) != unicode.IsDigit(p),
			unicode.IsUpper(r) && unicode.IsUpper(p) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return out
}

// abbreviations are keys written in short that a title spells out.
var abbreviations = map[string]string{
	"iat": "Issued At", "exp": "Expires At", "nbf": "Not Before", "jti": "Token ID", "iss": "Issuer",
	"sub": "Subject", "aud": "Audience", "qty": "Quantity", "amt": "Amount", "desc": "Description",
}

// MaxTitle is the longest title Title makes, in characters: a title is
// what users pick a value by in the automation builder, and longer ones
// are cut there.
const MaxTitle = 50

// Title turns a key into a title: its words with the first letter of each
// in capitals, known acronyms in capitals ("formId" is "Form ID",
// "invoice_url" is "Invoice URL") and runs of capitals kept. A word that
// repeats the one before it, as flattening makes ("image_url_url",
// "source_sourceType"), is written once; a key that is a known
// abbreviation is spelt out ("iat" is "Issued At"); and a title longer
// than MaxTitle keeps its last words, the most specific ones.
func Title(key string) string {
	ws := words(key)
	if len(ws) == 1 {
		if a, ok := abbreviations[strings.ToLower(ws[0])]; ok {
			return a
		}
	}
	out := ws[:0]
	for _, w := range ws {
		if len(out) > 0 && strings.EqualFold(out[len(out)-1], w) {
			continue
		}
		out = append(out, w)
	}
	ws = out
	for i, w := range ws {
		if a, ok := acronyms[strings.ToLower(w)]; ok {
			ws[i] = a
			continue
		}
		if strings.ToUpper(w) == w {
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	if len(ws) == 0 {
		return key
	}
	n := len(ws[len(ws)-1])
	first := len(ws) - 1
	for first > 0 && n+1+len(ws[first-1]) <= MaxTitle {
		first--
		n += 1 + len(ws[first])
	}
	t := strings.Join(ws[first:], " ")
	if len(t) > MaxTitle {
		t = cutUTF8(t, MaxTitle)
	}
	return t
}

// cutUTF8 cuts s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

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

// validKeyByte reports whether c may appear in a key.
func validKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// keyOK reports whether key follows the dialect's key rules as it is, and
// is no longer than the generator writes keys.
func keyOK(key []byte) bool {
	if len(key) == 0 || key[0] == '_' || len(key) > maxKeyLen {
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
	if !keyOK(key) {
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
	s.src, s.chk, s.start, s.depth = w.src, w.chk, start, depth
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
