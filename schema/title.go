package schema

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// acronym returns how a title writes a word that is a known acronym, in
// capitals, and whether it is one.
func acronym(w string) (string, bool) {
	switch l := strings.ToLower(w); l {
	case "ids":
		return "IDs", true
	case "urls":
		return "URLs", true
	case "id", "url", "uri", "api", "uuid", "guid", "ip", "html", "http", "https", "json", "xml", "pdf", "sms", "sku", "vat", "utc", "iso", "crm", "cta", "faq", "gps", "seo", "ui", "qr", "tbd", "otp", "pos", "csv", "cvv", "iban", "utm":
		return strings.ToUpper(l), true
	}
	return "", false
}

// titleWords splits a key into words: at "_" and other separators, where a
// lower-case letter or digit is followed by an upper-case letter, before
// the last capital of a run followed by a lower-case letter ("URLPath" is
// "URL" "Path"), and between letters and digits.
func titleWords(key string) []string {
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

// abbreviation returns how a title spells out a key written in short
// ("iat" is "Issued At"), and whether it is one.
func abbreviation(w string) (string, bool) {
	switch strings.ToLower(w) {
	case "iat":
		return "Issued At", true
	case "exp":
		return "Expires At", true
	case "nbf":
		return "Not Before", true
	case "jti":
		return "Token ID", true
	case "iss":
		return "Issuer", true
	case "sub":
		return "Subject", true
	case "aud":
		return "Audience", true
	case "qty":
		return "Quantity", true
	case "amt":
		return "Amount", true
	case "desc":
		return "Description", true
	}
	return "", false
}

// MaxTitle is the longest title Title makes, in bytes: a title is what
// users pick a value by in the automation builder, and longer ones are cut
// there.
const MaxTitle = 50

// Title turns a key into a title: its words with the first letter of each
// in capitals, known acronyms in capitals ("formId" is "Form ID",
// "invoice_url" is "Invoice URL") and runs of capitals kept. A word that
// repeats the one before it, as flattening makes ("image_url_url",
// "source_sourceType"), is written once; a key that is a known
// abbreviation is spelt out ("iat" is "Issued At"); and a title longer
// than MaxTitle keeps its last words, the most specific ones. The
// generator titles the properties it writes with it, and the linter's fix
// of a missing title too.
func Title(key string) string {
	ws := titleWords(key)
	if len(ws) == 1 {
		if a, ok := abbreviation(ws[0]); ok {
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
		if a, ok := acronym(w); ok {
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
