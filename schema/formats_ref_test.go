package schema

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The oracles below restate each format from its RFC, not from formats.go:
// each is the RFC's ABNF transcribed rule by rule into a regular expression
// (RFC 5321 Mailbox, RFC 3339 date-time, RFC 4122 UUID, RFC 3986 URI), plus,
// where the ABNF leaves a rule to prose (day of month, leap second, length
// limits), a check written with the time package or plain arithmetic. They
// share no code with formats.go. Where triggerkit narrows or widens an RFC on
// purpose, the oracle applies that decision as a separate, named step after
// the grammar, so each deviation is written down once, here.

// abnf joins ABNF alternatives into one non-capturing group.
func abnf(alts ...string) string { return "(?:" + strings.Join(alts, "|") + ")" }

// repeat is ABNF's min*max(rule) (max < 0 for no upper bound).
func repeat(rule string, min, max int) string {
	if max < 0 {
		return "(?:" + rule + "){" + strconv.Itoa(min) + ",}"
	}
	return "(?:" + rule + "){" + strconv.Itoa(min) + "," + strconv.Itoa(max) + "}"
}

// RFC 5234 core rules.
const (
	abnfALPHA  = `[A-Za-z]`
	abnfDIGIT  = `[0-9]`
	abnfHEXDIG = `[0-9A-Fa-f]`
)

// ---- RFC 4122 section 3 -------------------------------------------------

var rfc4122UUID = func() *regexp.Regexp {
	hexOctet := abnfHEXDIG + abnfHEXDIG
	timeLow := repeat(hexOctet, 4, 4)
	timeMid := repeat(hexOctet, 2, 2)
	timeHighAndVersion := repeat(hexOctet, 2, 2)
	clockSeqAndReserved := hexOctet
	clockSeqLow := hexOctet
	node := repeat(hexOctet, 6, 6)
	return regexp.MustCompile(`^` + timeLow + "-" + timeMid + "-" + timeHighAndVersion + "-" +
		clockSeqAndReserved + clockSeqLow + "-" + node + `$`)
}()

func refIsUUID(s string) bool { return rfc4122UUID.MatchString(s) }

// ---- RFC 3339 section 5.6 -------------------------------------------------

var rfc3339DateTime, rfc3339FullDate, rfc3339PartialTime = func() (dateTime, fullDate, partialTime *regexp.Regexp) {
	dateFullyear := `(` + repeat(abnfDIGIT, 4, 4) + `)`
	dateMonth := `(0[1-9]|1[0-2])`         // 01-12
	dateMday := `(0[1-9]|[12][0-9]|3[01])` // 01-28, 01-29, 01-30, 01-31 based on month/year: checked after
	timeHour := `([01][0-9]|2[0-3])`       // 00-23
	timeMinute := `([0-5][0-9])`           // 00-59
	timeSecond := `([0-5][0-9]|60)`        // 00-58, 00-59, 00-60 based on leap second rules: checked after
	timeSecfrac := `(?:\.` + repeat(abnfDIGIT, 1, -1) + `)`
	timeNumoffset := `([+-])` + timeHour + ":" + timeMinute
	timeOffset := abnf(`[Zz]`, timeNumoffset) // "T" and "Z" may be lower case (section 5.6, NOTE)
	partial := timeHour + ":" + timeMinute + ":" + timeSecond + timeSecfrac + "?"
	date := dateFullyear + "-" + dateMonth + "-" + dateMday
	fullTime := partial + timeOffset
	dateTime = regexp.MustCompile(`^` + date + `[Tt]` + fullTime + `$`)
	fullDate = regexp.MustCompile(`^` + date + `$`)
	// Decision 12 of the spec: time is partial-time with an optional offset.
	partialTime = regexp.MustCompile(`^` + partial + `(` + timeOffset + `)?$`)
	return
}()

// refDayExists is the prose rule on date-mday: the day exists in the month
// of the proleptic Gregorian calendar.
func refDayExists(y, m, d string) bool {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	t := time.Date(yy, time.Month(mm), dd, 12, 0, 0, 0, time.UTC)
	return t.Day() == dd && int(t.Month()) == mm
}

// refLeapSecond is the rule of section 5.7 as JSON Schema reads it: a
// second of 60 is only valid at 23:59 UTC, once the offset is taken away.
func refLeapSecond(hh, mm, ss, sign, oh, om string) bool {
	if ss != "60" {
		return true
	}
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	offset := time.Duration(0)
	if sign != "" {
		ho, _ := strconv.Atoi(oh)
		mo, _ := strconv.Atoi(om)
		offset = time.Duration(ho)*time.Hour + time.Duration(mo)*time.Minute
		if sign == "-" {
			offset = -offset
		}
	}
	utc := time.Date(2000, 1, 1, h, m, 0, 0, time.UTC).Add(-offset)
	return utc.Hour() == 23 && utc.Minute() == 59
}

func refIsDateTime(s string) bool {
	g := rfc3339DateTime.FindStringSubmatch(s)
	return g != nil && refDayExists(g[1], g[2], g[3]) && refLeapSecond(g[4], g[5], g[6], g[7], g[8], g[9])
}

func refIsDate(s string) bool {
	g := rfc3339FullDate.FindStringSubmatch(s)
	return g != nil && refDayExists(g[1], g[2], g[3])
}

func refIsTime(s string) bool {
	g := rfc3339PartialTime.FindStringSubmatch(s)
	return g != nil && refLeapSecond(g[1], g[2], g[3], g[5], g[6], g[7])
}

// ---- RFC 3986 section 3 and appendix A --------------------------------------

var rfc3986URI = func() *regexp.Regexp {
	unreserved := `[A-Za-z0-9._~-]`
	pctEncoded := "%" + abnfHEXDIG + abnfHEXDIG
	subDelims := `[!$&'()*+,;=]`
	pchar := abnf(unreserved, pctEncoded, subDelims, `[:@]`)
	scheme := `(` + abnfALPHA + `[A-Za-z0-9+.-]*)`
	userinfo := abnf(unreserved, pctEncoded, subDelims, ":") + "*"
	h16 := repeat(abnfHEXDIG, 1, 4)
	decOctet := abnf(`[0-9]`, `[1-9][0-9]`, `1[0-9]{2}`, `2[0-4][0-9]`, `25[0-5]`)
	ipv4address := decOctet + `\.` + decOctet + `\.` + decOctet + `\.` + decOctet
	ls32 := abnf(h16+":"+h16, ipv4address)
	before := func(n int) string { // [ *n( h16 ":" ) h16 ]
		if n < 0 {
			return ""
		}
		return "(?:" + repeat(h16+":", 0, n) + h16 + ")?"
	}
	ipv6address := abnf(
		repeat(h16+":", 6, 6)+ls32,
		"::"+repeat(h16+":", 5, 5)+ls32,
		before(0)+"::"+repeat(h16+":", 4, 4)+ls32,
		before(1)+"::"+repeat(h16+":", 3, 3)+ls32,
		before(2)+"::"+repeat(h16+":", 2, 2)+ls32,
		before(3)+"::"+h16+":"+ls32,
		before(4)+"::"+ls32,
		before(5)+"::"+h16,
		before(6)+"::",
	)
	ipvFuture := `[vV]` + abnfHEXDIG + `+\.` + abnf(unreserved, subDelims, ":") + "+"
	ipLiteral := `\[` + abnf(ipv6address, ipvFuture) + `\]`
	regName := abnf(unreserved, pctEncoded, subDelims) + "*"
	host := `(` + abnf(ipLiteral, ipv4address, regName) + `)`
	port := abnfDIGIT + "*"
	authority := "(?:" + userinfo + "@)?" + host + "(?::" + port + ")?"
	segment := pchar + "*"
	segmentNz := pchar + "+"
	pathAbempty := "(?:/" + segment + ")*"
	pathAbsolute := "/(?:" + segmentNz + "(?:/" + segment + ")*)?"
	pathRootless := segmentNz + "(?:/" + segment + ")*"
	pathEmpty := ""
	hierPart := abnf("(//)"+authority+pathAbempty, pathAbsolute, pathRootless, pathEmpty)
	query := abnf(pchar, "[/?]") + "*"
	fragment := abnf(pchar, "[/?]") + "*"
	return regexp.MustCompile(`^` + scheme + ":" + hierPart + `(?:\?` + query + `)?(?:#` + fragment + `)?$`)
}()

// refIsURI is RFC 3986's URI, and then the decision that the schemes whose
// own RFCs require a host (http, https, ftp, ws, wss) have a non-empty one.
func refIsURI(s string) bool {
	g := rfc3986URI.FindStringSubmatch(s)
	if g == nil {
		return false
	}
	switch strings.ToLower(g[1]) {
	case "http", "https", "ftp", "ws", "wss":
		return g[2] == "//" && g[3] != ""
	}
	return true
}

// ---- RFC 5321 section 4.1.2 and 4.1.3 ---------------------------------------

var rfc5321Mailbox = func() *regexp.Regexp {
	letDig := `[A-Za-z0-9]`
	// RFC 1035 section 2.3.4 (which RFC 5321 section 2.3.5 cites): a
	// label is 63 octets or less, so Ldh-str's repetition is bounded:
	// Let-dig [*61(Let-dig / "-") Let-dig].
	ldhStr := `[A-Za-z0-9-]{0,61}` + letDig
	subDomain := letDig + "(?:" + ldhStr + ")?"
	domain := subDomain + `(?:\.` + subDomain + `)*`
	// RFC 5322 atext
	atext := "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
	atom := atext + "+"
	dotString := atom + `(?:\.` + atom + `)*`
	qtextSMTP := `[\x20\x21\x23-\x5b\x5d-\x7e]`
	quotedPairSMTP := `\\[\x20-\x7e]`
	qcontentSMTP := abnf(qtextSMTP, quotedPairSMTP)
	// Narrowing (b): Quoted-string is DQUOTE *QcontentSMTP DQUOTE; an empty
	// one is refused, as net/mail refuses it.
	quotedString := `"` + qcontentSMTP + `+"`
	localPart := abnf(dotString, quotedString)
	// Narrowing (c): Snum is 1*3DIGIT up to 255; leading zeros are refused
	// (as JSON Schema's ipv4 format and v5 do), so Snum is RFC 3986's
	// dec-octet here.
	snum := abnf(`[0-9]`, `[1-9][0-9]`, `1[0-9]{2}`, `2[0-4][0-9]`, `25[0-5]`)
	ipv4 := snum + repeat(`\.`+snum, 3, 3)
	hex := repeat(abnfHEXDIG, 1, 4)
	// IPv6-comp and IPv6v4-comp: "::" and at most 6 (with an IPv4
	// address, 4) groups besides, in any split between the two sides.
	comp := func(max int, tail string) string {
		var alts []string
		for a := 0; a <= max; a++ {
			for b := 0; a+b <= max; b++ {
				side := func(n int) string {
					if n == 0 {
						return ""
					}
					return hex + repeat(":"+hex, n-1, n-1)
				}
				if tail == "" {
					alts = append(alts, side(a)+"::"+side(b))
				} else {
					alts = append(alts, side(a)+"::"+repeat(hex+":", b, b)+tail)
				}
			}
		}
		return abnf(alts...)
	}
	ipv6Full := hex + repeat(":"+hex, 7, 7)
	ipv6v4Full := hex + repeat(":"+hex, 5, 5) + ":" + ipv4
	ipv6Addr := abnf(ipv6Full, comp(6, ""), ipv6v4Full, comp(4, ipv4))
	// Narrowing (d): "IPv6:" is matched case-sensitively. The
	// General-address-literal needs a Standardized-tag registered with IANA,
	// and the registry holds IPv6 only: it is left out.
	addressLiteral := `\[` + abnf(ipv4, "IPv6:"+ipv6Addr) + `\]`
	return regexp.MustCompile(`^(` + localPart + ")@" + abnf("("+domain+")", addressLiteral) + `$`)
}()

// refIsEmail is RFC 5321's Mailbox with the limits of section 4.5.3.1 (a
// local part of 64 octets; with the 256-octet path, whose angle brackets
// take two, a mailbox of 254), RFC 1035's labels of 63 octets at most (in
// the grammar above), and the decision (a) that a domain name has at
// least two labels.
func refIsEmail(s string) bool {
	g := rfc5321Mailbox.FindStringSubmatch(s)
	if g == nil || len(g[1]) > 64 || len(s) > 254 {
		return false
	}
	if g[2] != "" && !strings.Contains(g[2], ".") {
		return false // narrowing (a)
	}
	return true
}

// refCheckFormat is CheckFormat with the oracles.
func refCheckFormat(format, s string) bool {
	switch format {
	case "uuid":
		return refIsUUID(s)
	case "email":
		return refIsEmail(s)
	case "uri":
		return refIsURI(s)
	case "date-time":
		return refIsDateTime(s)
	case "date":
		return refIsDate(s)
	case "time":
		return refIsTime(s)
	}
	panic("no oracle for " + format)
}

var oracleFormats = []string{"uuid", "email", "uri", "date-time", "date", "time"}

// everyByteBases are valid values whose every byte the every-byte tests
// replace with each of the 256 byte values.
var everyByteBases = map[string][]string{
	"uuid": {"6b8f3a52-1C9D-4e27-8f41-0d2c7a9b5e13"},
	"email": {"jane.doe@example.com", "a@b.c", "x@sub-1.example.org", `"q"@h.io`, `"a\"b c"@x.io`,
		"a@[127.0.0.1]", "a@[IPv6:::1]", "a@[IPv6:1:2:3:4:5:6:7:8]", "a@[IPv6:::ffff:1.2.3.4]", "j+t@[IPv6:1::2]"},
	"uri": {"https://u:p@example.com:8080/a/b?q=1#f", "urn:isbn:0451450523", "http://[::1]/", "x:",
		"http://[v1.x:y]/", "s://[1:2:3:4:5:6:7::]", "m:a@b/c?d#e", "h://1.2.3.4:/%41"},
	"date-time": {"2024-02-29T23:59:60-00:00", "2025-03-01T09:00:00.123+05:30", "1998-12-31t23:59:60z"},
	"date":      {"2024-02-29", "2023-12-31"},
	"time":      {"23:59:60Z", "14:00:00", "09:30:00.5-05:00", "09:29:60+09:30"},
}

// TestFormatsEveryByte changes each byte of valid values to every byte
// value and holds the checks to the RFC oracles.
func TestFormatsEveryByte(t *testing.T) {
	for _, format := range oracleFormats {
		for _, base := range everyByteBases[format] {
			if !CheckFormat(format, base) || !refCheckFormat(format, base) {
				t.Errorf("%s %q: ours %v, oracle %v, want both valid", format, base, CheckFormat(format, base), refCheckFormat(format, base))
			}
			b := []byte(base)
			for i := range b {
				for c := range 256 {
					b[i] = byte(c)
					s := string(b)
					if got, want := CheckFormat(format, s), refCheckFormat(format, s); got != want {
						t.Errorf("%s %q: got %v, want %v", format, s, got, want)
					}
				}
				b[i] = base[i]
			}
		}
	}
}

// TestFormatsInsertDelete removes each byte and inserts each byte
// value at each position, which reaches lengths the replacement test does
// not.
func TestFormatsInsertDelete(t *testing.T) {
	for _, format := range oracleFormats {
		for _, base := range everyByteBases[format] {
			for i := 0; i <= len(base); i++ {
				if i < len(base) {
					s := base[:i] + base[i+1:]
					if got, want := CheckFormat(format, s), refCheckFormat(format, s); got != want {
						t.Errorf("%s %q: got %v, want %v", format, s, got, want)
					}
				}
				for c := range 256 {
					s := base[:i] + string(rune(0) + rune(c))[:1] + base[i:]
					if c >= 0x80 {
						s = base[:i] + string([]byte{byte(c)}) + base[i:]
					}
					if got, want := CheckFormat(format, s), refCheckFormat(format, s); got != want {
						t.Errorf("%s %q: got %v, want %v", format, s, got, want)
					}
				}
			}
		}
	}
}

func FuzzFormatChecks(f *testing.F) {
	for _, bases := range everyByteBases {
		for _, s := range bases {
			f.Add(s)
		}
	}
	for _, s := range []string{"", "a-.b", "é@ü.de", `"\"a` + "\r\n" + `Bcc: evil@x.com\"@example.com`, "a@[IPv6:1:2:3:4:5:6::7]", "http://[1::2::3]/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, format := range oracleFormats {
			if got, want := CheckFormat(format, s), refCheckFormat(format, s); got != want {
				t.Errorf("%s %q: got %v, want %v", format, s, got, want)
			}
		}
	})
}

// TestEmailOracleLimitsDomainLabels is the regression test of the oracle
// that FuzzFormatChecks found taking "0@<64 zeros>.0" for an email: a
// domain label is 63 octets at most (RFC 1035 section 2.3.4), and the
// oracle and CheckFormat agree on both sides of the limit, in the first
// label, a middle one and the last.
func TestEmailOracleLimitsDomainLabels(t *testing.T) {
	for _, n := range []int{1, 62, 63, 64, 65, 200} {
		label := strings.Repeat("0", n)
		hyphened := "a" + strings.Repeat("-", max(n-2, 0)) + "b"
		for _, s := range []string{"0@" + label + ".0", "0@a." + label + ".b", "0@a." + label, "0@" + hyphened + ".io"} {
			want := n <= 63
			if s == "0@"+hyphened+".io" && n == 1 {
				want = true // "ab"
			}
			if got := refIsEmail(s); got != want {
				t.Errorf("oracle %q (label of %d): got %v, want %v", s, n, got, want)
			}
			if got := CheckFormat("email", s); got != want {
				t.Errorf("CheckFormat %q (label of %d): got %v, want %v", s, n, got, want)
			}
		}
	}
}
