package schema

import (
	"net/netip"
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
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	// The five groups, as four 8-byte words: 0-7, 9-12 with 14-17, 19-22
	// with 24-27, and 28-35.
	mid1 := le32(s[9:13]) | le32(s[14:18])<<32
	mid2 := le32(s[19:23]) | le32(s[24:28])<<32
	return hex8(le64(s[:8]))&hex8(mid1)&hex8(mid2)&hex8(le64(s[28:36])) != 0
}

// le32 and le64 read the first 4 or 8 bytes of s as a little-endian number;
// the compiler makes each one load.
func le32(s string) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hex8 returns non-zero when all eight bytes of x are hexadecimal digits.
// Each test adds a constant that carries into a byte's high bit exactly when
// the byte is at or above a bound; no byte carries into the next, because
// bytes with the high bit set are refused first.
func hex8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	if x&highs != 0 {
		return 0
	}
	digit := (x + ones*(0x80-'0')) &^ (x + ones*(0x7F-'9'))
	l := x | ones*0x20 // A-F to a-f
	letter := (l + ones*(0x80-'a')) &^ (l + ones*(0x7F-'f'))
	if (digit|letter)&highs != highs {
		return 0
	}
	return 1
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
// left out unless needOffset is set. A leap second (:60) is only valid at
// 23:59 UTC, after the offset is applied.
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
	utc := h*60 + m
	switch {
	case s == "":
		if needOffset {
			return false
		}
	case s == "Z" || s == "z":
	case len(s) == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		oh, ok1 := digits(s[1:], 2)
		om, ok2 := digits(s[4:], 2)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return false
		}
		if s[0] == '+' {
			utc -= oh*60 + om
		} else {
			utc += oh*60 + om
		}
		utc = (utc + 24*60) % (24 * 60)
	default:
		return false
	}
	return sec < 60 || utc == 23*60+59
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

// IsURI reports whether s is an absolute URI under RFC 3986: a scheme, ":"
// and a non-empty remainder made only of the characters RFC 3986 allows, with
// well-formed percent-escapes, authority and port. The schemes that need a
// host (http, https, ftp, ws, wss) must have one. It never allocates.
func IsURI(s string) bool {
	i := 0
	for i < len(s) && s[i] != ':' {
		c := s[i]
		if !(isAlpha(c) || (i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.'))) {
			return false
		}
		i++
	}
	if i == 0 || i == len(s) || i+1 == len(s) {
		return false
	}
	scheme, rest := s[:i], s[i+1:]
	needHost := false
	switch len(scheme) {
	case 2, 3, 4, 5:
		var low [5]byte
		for k := 0; k < len(scheme); k++ {
			low[k] = scheme[k] | 0x20 // letters to lower case; the others do not matter
		}
		switch string(low[:len(scheme)]) {
		case "http", "https", "ftp", "ws", "wss":
			needHost = true
		}
	}
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := 0
		for end < len(rest) && uriClass[rest[end]]&uriAuthorityEnd == 0 {
			end++
		}
		host, ok := authorityHost(rest[:end])
		if !ok || (needHost && host == "") {
			return false
		}
		rest = rest[end:]
	} else if needHost {
		return false
	}
	// path, query and fragment
	inFragment := false
	for j := 0; j < len(rest); j++ {
		c := rest[j]
		if uriClass[c]&(uriUnreserved|uriSubDelim|uriPath) != 0 {
			continue
		}
		switch c {
		case '%':
			if j+2 >= len(rest) || !isHex(rest[j+1]) || !isHex(rest[j+2]) {
				return false
			}
			j += 2
		case '#':
			if inFragment {
				return false
			}
			inFragment = true
		default:
			return false
		}
	}
	return true
}

// IsHTTPURL reports whether u is an absolute http or https URI, as an
// ATTACHMENT's downloadUrl must be.
func IsHTTPURL(u string) bool {
	return IsURI(u) && ((len(u) > 7 && strings.EqualFold(u[:7], "http://")) || (len(u) > 8 && strings.EqualFold(u[:8], "https://")))
}

// authorityHost checks [userinfo "@"] host [":" port] and returns the host.
func authorityHost(a string) (string, bool) {
	if at := strings.LastIndexByte(a, '@'); at >= 0 {
		if !uriChars(a[:at], true) {
			return "", false
		}
		a = a[at+1:]
	}
	host := a
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return "", false
		}
		// ParseAddr keeps its input in its error: give it a copy, so that
		// IsURI never makes its argument escape.
		ip, err := netip.ParseAddr(strings.Clone(a[1:end]))
		if err != nil || !ip.Is6() || ip.Zone() != "" {
			return "", false
		}
		host, a = a[:end+1], a[end+1:]
		if a != "" && a[0] != ':' {
			return "", false
		}
	} else if c := strings.LastIndexByte(a, ':'); c >= 0 {
		host, a = a[:c], a[c:]
	} else {
		a = ""
	}
	if a != "" { // ":" port
		for j := 1; j < len(a); j++ {
			if !isDigit(a[j]) {
				return "", false
			}
		}
	}
	if !strings.HasPrefix(host, "[") && !uriChars(host, false) {
		return "", false
	}
	return host, true
}

// uriChars reports whether s holds only unreserved characters, sub-delims,
// percent-escapes and, when colon is set, colons.
func uriChars(s string, colon bool) bool {
	for j := 0; j < len(s); j++ {
		c := s[j]
		if uriClass[c]&(uriUnreserved|uriSubDelim) != 0 || (colon && c == ':') {
			continue
		}
		if c != '%' || j+2 >= len(s) || !isHex(s[j+1]) || !isHex(s[j+2]) {
			return false
		}
		j += 2
	}
	return true
}

// The classes of URI characters in RFC 3986, as bits of uriClass.
const (
	uriUnreserved = 1 << iota
	uriSubDelim
	uriPath         // the other characters of paths, queries and fragments
	uriAuthorityEnd // the characters that end an authority
)

var uriClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if isAlpha(b) || isDigit(b) || strings.IndexByte("-._~", b) >= 0 {
			t[c] |= uriUnreserved
		}
		if strings.IndexByte("!$&'()*+,;=", b) >= 0 {
			t[c] |= uriSubDelim
		}
		if strings.IndexByte(":@/?", b) >= 0 {
			t[c] |= uriPath
		}
		if strings.IndexByte("/?#", b) >= 0 {
			t[c] |= uriAuthorityEnd
		}
	}
	return t
}()

func isAlpha(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// IsEmail reports whether s is an e-mail address: a local part of 1 to 64
// characters, "@", and a domain name with at least one dot or an address
// literal in brackets. It never allocates.
func IsEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at > 64 || len(s) > 254 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' {
		return false
	}
	if local[0] == '"' && local[len(local)-1] == '"' && len(local) > 1 {
		if strings.Contains(local, "..") {
			return false
		}
	} else {
		for i := 0; i < len(local); i++ {
			c := local[i]
			if !emailAtom[c] || (c == '.' && local[i+1] == '.') {
				return false
			}
		}
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		return len(domain) > 2
	}
	// The domain needs a dot: two labels, or one with the root's dot.
	n := hostLabels(domain)
	return n > 1 || (n == 1 && domain[len(domain)-1] == '.')
}

// emailAtom is true for the bytes an unquoted local part may hold: printable
// ASCII other than the specials "(),:;<>@[\]
var emailAtom = func() (t [256]bool) {
	for c := '!'; c < 0x7F; c++ {
		t[c] = !strings.ContainsRune(`"(),:;<>@[\]`, c)
	}
	return t
}()

// hostChar is true for the bytes a host name label may hold: letters,
// digits, "-" and (for internationalised names) any non-ASCII byte.
var hostChar = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '-' || isDigit(byte(c)) || isAlpha(byte(c)) || c >= 0x80
	}
	return t
}()

func isHostname(s string) bool { return hostLabels(s) > 0 }

// hostLabels returns the number of labels in the host name s, which may
// end with a dot, or 0 when s is not a host name.
func hostLabels(s string) int {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return 0
	}
	labels := 1
	label := 0 // where the current label starts
	for i := 0; i < len(s); i++ {
		c := s[i]
		if hostChar[c] {
			continue
		}
		if c != '.' || !hostLabel(s[label:i]) {
			return 0
		}
		labels++
		label = i + 1
	}
	if !hostLabel(s[label:]) {
		return 0
	}
	return labels
}

// hostLabel reports whether l, made of host name characters, is 1 to 63
// bytes long and neither starts nor ends with "-".
func hostLabel(l string) bool {
	return len(l) > 0 && len(l) <= 63 && l[0] != '-' && l[len(l)-1] != '-'
}
