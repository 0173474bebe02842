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

// Title turns a key into a title: its words with the first letter of each
// in capitals, known acronyms in capitals ("formId" is "Form ID",
// "invoice_url" is "Invoice URL") and runs of capitals kept.
func Title(key string) string {
	ws := titleWords(key)
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
	return strings.Join(ws, " ")
}
