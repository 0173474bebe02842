package schema

import (
	"net/url"
	"regexp"
	"strings"
)

// CheckFormat reports whether s is a valid value of a documented format. The
// checks are strict: RFC 3339 date-time and full-date, RFC 3339 partial-time
// with an optional offset for time, RFC 4122 textual UUIDs in either case, an
// absolute URI, an e-mail address, a regular expression that compiles, and a
// decimal numeric string for number and DECIMAL_VALUE. Formats it does not
// know are not checked and pass.
func CheckFormat(format, s string) bool {
	switch format {
	case "date-time":
		return IsDateTime(s)
	case "date":
		return IsDate(s)
	case "time":
		return IsTime(s)
	case "uuid":
		return IsUUID(s)
	case "email":
		return IsEmail(s)
	case "uri":
		return IsURI(s)
	case "regex":
		_, err := regexp.Compile(s)
		return err == nil
	case "number", "DECIMAL_VALUE":
		return IsDecimal(s)
	}
	return true
}

// IsUUID reports whether s is a UUID in 8-4-4-4-12 hexadecimal form.
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !isHex(c) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func digits(s string, n int) (int, bool) {
	if len(s) < n {
		return 0, false
	}
	v := 0
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// IsDate reports whether s is an RFC 3339 full-date (2024-02-29).
func IsDate(s string) bool {
	return len(s) == 10 && date(s)
}

func date(s string) bool {
	y, ok1 := digits(s, 4)
	m, ok2 := digits(s[5:], 2)
	d, ok3 := digits(s[8:], 2)
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// IsDateTime reports whether s is an RFC 3339 date-time with a time offset
// (2024-05-01T14:00:00Z, 2024-05-01T14:00:00.123+02:00).
func IsDateTime(s string) bool {
	if len(s) < 20 || !date(s[:10]) || (s[10] != 'T' && s[10] != 't') {
		return false
	}
	return partialTime(s[11:], true)
}

// IsTime reports whether s is an RFC 3339 partial-time, with or without a
// time offset (14:00:00, 14:00:00.5Z, 14:00:00-05:00).
func IsTime(s string) bool { return partialTime(s, false) }

// partialTime checks HH:MM:SS[.frac] followed by an offset, which may be
// left out unless needOffset is set.
func partialTime(s string, needOffset bool) bool {
	if len(s) < 8 {
		return false
	}
	h, ok1 := digits(s, 2)
	m, ok2 := digits(s[3:], 2)
	sec, ok3 := digits(s[6:], 2)
	if !ok1 || !ok2 || !ok3 || s[2] != ':' || s[5] != ':' || h > 23 || m > 59 || sec > 60 {
		return false
	}
	s = s[8:]
	if len(s) > 0 && s[0] == '.' {
		i := 1
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 1 {
			return false
		}
		s = s[i:]
	}
	switch {
	case s == "":
		return !needOffset
	case s == "Z" || s == "z":
		return true
	case len(s) == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		oh, ok1 := digits(s[1:], 2)
		om, ok2 := digits(s[4:], 2)
		return ok1 && ok2 && oh <= 23 && om <= 59
	}
	return false
}

// IsDecimal reports whether s is a number written as a string, as the number
// and DECIMAL_VALUE formats want: an optional minus sign, digits, and an
// optional fraction ("1234.56", "-3", "0.5").
func IsDecimal(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' || i+1 == len(s) {
		return false
	}
	for _, c := range []byte(s[i+1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// IsURI reports whether s is an absolute URI: a scheme, and for the schemes
// that need one (http, https, ftp, ws, wss) a host. White space and control
// characters are never allowed.
func IsURI(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' {
			return false
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp", "ws", "wss":
		return u.Host != "" && u.Hostname() != ""
	}
	return u.Opaque != "" || u.Host != "" || u.Path != ""
}

// IsEmail reports whether s is an e-mail address: a local part of 1 to 64
// characters, "@", and a domain name with at least one dot or an address
// literal in brackets.
func IsEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at > 64 || len(s) > 254 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	if !(local[0] == '"' && local[len(local)-1] == '"' && len(local) > 1) {
		for i := 0; i < len(local); i++ {
			c := local[i]
			if c <= ' ' || c >= 0x7F || strings.IndexByte(`"(),:;<>@[\]`, c) >= 0 {
				return false
			}
		}
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		return len(domain) > 2
	}
	return isHostname(domain) && strings.Contains(domain, ".")
}

func isHostname(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
				return false
			}
		}
	}
	return true
}
