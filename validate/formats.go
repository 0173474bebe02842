package validate

import (
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// format is an asserted format.
type format uint8

const (
	fmtNone format = iota
	fmtDateTime
	fmtDate
	fmtTime
	fmtUUID
	fmtEmail
	fmtURI
	fmtDecimal
	fmtRegex
)

// formatOf returns the check of an asserted format, or fmtNone for a
// format that is not asserted (JSON Schema ignores unknown formats).
func formatOf(name string) format {
	switch name {
	case "date-time":
		return fmtDateTime
	case "date":
		return fmtDate
	case "time":
		return fmtTime
	case "uuid":
		return fmtUUID
	case "email":
		return fmtEmail
	case "uri":
		return fmtURI
	case "number", "DECIMAL_VALUE":
		return fmtDecimal
	case "regex":
		return fmtRegex
	}
	return fmtNone
}

// rawSafe reports whether every valid value of the format is plain ASCII
// without quotes, backslashes or control characters, so that a raw JSON
// string the format accepts needs no other check. E-mail addresses are not:
// a quoted local part and an internationalised domain can hold anything.
func (f format) rawSafe() bool {
	switch f {
	case fmtDateTime, fmtDate, fmtTime, fmtUUID, fmtURI, fmtDecimal:
		return true
	}
	return false
}

// valid reports whether s is a valid value of the format. Direct calls,
// not function values, keep s from escaping, so checking allocates nothing.
func (f format) valid(s string) bool {
	switch f {
	case fmtDateTime:
		return schema.IsDateTime(s)
	case fmtDate:
		return schema.IsDate(s)
	case fmtTime:
		return schema.IsTime(s)
	case fmtUUID:
		return schema.IsUUID(s)
	case fmtEmail:
		return schema.IsEmail(s)
	case fmtURI:
		return uriQuick(s) || schema.IsURI(s)
	case fmtDecimal:
		return schema.IsDecimal(s)
	case fmtRegex:
		// A compiled expression keeps its source, so give it a copy.
		return schema.CheckFormat("regex", strings.Clone(s))
	}
	return true
}

// stringChecks applies format, contact and scheduling checks to a string.
func (s *state) stringChecks(n *node, start, cs, ce int, esc bool) {
	end := s.pos
	if n.check == fmtNone && !n.identity && !n.futureDate && n.role == roleNone {
		return
	}
	text := s.text(cs, ce, esc)
	if !n.check.valid(text) {
		s.report(RuleFormat, start, end, "%s is not a valid %s", quoteText(text), formatNoun(n.format))
		return
	}
	s.annotations(n, start, text)
}

// annotations checks a string that has its format against the dialect's
// annotations: custom types, contact IDs and future dates. The string ends
// at s.pos.
func (s *state) annotations(n *node, start int, text string) {
	end := s.pos
	switch n.role {
	case roleMoneyValue:
		if n.check != fmtDecimal && !schema.IsDecimal(text) {
			s.report(RuleMoney, start, end, "MONEY value %s is not a decimal string such as \"20.50\"", quoteText(text))
		}
	case roleCurrency:
		if !schema.IsCurrencyCode(text) {
			s.report(RuleCurrencyCode, start, end, "currency %s is not an ISO 4217 code such as \"USD\"", quoteText(text))
		}
	case roleDownloadURL:
		if !uriQuick(text) && !schema.IsHTTPURL(text) {
			s.report(RuleAttachment, start, end, "downloadUrl %s is not an absolute http or https URL", quoteText(text))
		}
	}
	if n.identity && n.format != "uuid" && !schema.IsUUID(text) {
		s.report(RuleContactID, start, end, "%s is not a contact ID, want a GUID", quoteText(text))
	}
	if n.futureDate && schema.IsDateTime(text) && !s.silent {
		if s.now.IsZero() {
			s.now = s.v.now()
		}
		if sec, nsec := unixTime(text); sec < s.now.Unix() || (sec == s.now.Unix() && nsec < int64(s.now.Nanosecond())) {
			s.report(RuleFutureDate, start, end, "%s is in the past, want a future date", quoteText(text))
		}
	}
}

// uriQuick reports whether s is an http or https URL of the plainest kind:
// the scheme in lower case, a host of unreserved characters, an optional
// port, and a path, query and fragment of the characters RFC 3986 lets
// them hold as they are, without percent-escapes. schema.IsURI and
// schema.IsHTTPURL accept every such URL (TestURIQuickIsURI); false says
// only that they must decide. It reads each byte once, where IsURI reads
// the host four times.
func uriQuick(s string) bool {
	var rest string
	switch {
	case len(s) > len("https://") && s[:len("https://")] == "https://":
		rest = s[len("https://"):]
	case len(s) > len("http://") && s[:len("http://")] == "http://":
		rest = s[len("http://"):]
	default:
		return false
	}
	i := 0
	for i < len(rest) && inSet(rest[i], uriHost) {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(rest) && rest[i] == ':' {
		for i++; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
		}
	}
	if i < len(rest) && rest[i] != '/' && rest[i] != '?' && rest[i] != '#' {
		return false
	}
	fragment := false
	for ; i < len(rest); i++ {
		if c := rest[i]; !inSet(c, uriPath) {
			if c != '#' || fragment {
				return false
			}
			fragment = true
		}
	}
	return true
}

// uriHost and uriPath mark with "x" the ASCII bytes uriQuick takes as
// they are: in the host, RFC 3986's unreserved characters; in the path,
// query and fragment, those, the sub-delims, ":", "@", "/" and "?".
const (
	uriHost = "................................" + // 0x00-0x1f
		".............xx.xxxxxxxxxx......" + // 0x20-0x3f: "-", ".", digits
		".xxxxxxxxxxxxxxxxxxxxxxxxxx....x" + // 0x40-0x5f: letters, "_"
		".xxxxxxxxxxxxxxxxxxxxxxxxxx...x." // 0x60-0x7f: letters, "~"
	uriPath = "................................" + // 0x00-0x1f
		".x..x.xxxxxxxxxxxxxxxxxxxxxx.x.x" + // 0x20-0x3f: not space, '"', "#", "%", "<", ">"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxx....x" + // 0x40-0x5f: not "[", "\\", "]", "^"
		".xxxxxxxxxxxxxxxxxxxxxxxxxx...x." // 0x60-0x7f: not "`", "{", "|", "}", DEL
)

// inSet reports whether set marks c.
func inSet(c byte, set string) bool { return c < 0x80 && set[c] == 'x' }
