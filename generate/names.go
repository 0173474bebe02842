package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"
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

// Title turns a key into a title: its words with the first letter of each
// in capitals, known acronyms in capitals ("formId" is "Form ID",
// "invoice_url" is "Invoice URL") and runs of capitals kept.
func Title(key string) string {
	ws := words(key)
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
	return strings.Join(ws, " ")
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
