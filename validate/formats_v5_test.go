package validate

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/triggerkit/triggerkit/schema"
)

// TestDifferential judges formats with our checks on both sides, so it
// cannot see where they differ from v5's. This file compares our format
// checks with v5's own (jsonschema.Formats) over the JSON-Schema-Test-Suite's
// strings, the reproducers of issue 12 and a generated corpus. Every
// disagreement must fall in one of the deviations below, each intended and
// given a reason; a disagreement outside them fails the test, and so does a
// deviation that no string shows any more.

// formatDeviation is a class of strings on which our check and v5's disagree
// on purpose: ours gives the verdict ours, v5 the reverse.
type formatDeviation struct {
	format string
	name   string
	why    string
	ours   bool
	// applies reports whether s is in the class. It is written from the
	// class's description, not from our check.
	applies func(s string) bool
	// example is a string of the class, checked even if the corpus changes.
	example string
}

var formatDeviations = []formatDeviation{
	{"time", "no offset", "decision 12: the offset is optional, as in Wix's own examples; JSON Schema's time requires one",
		true, func(s string) bool { return !strings.ContainsAny(s, "Zz+-") }, "14:00:00"},
	{"time", "signed field", "v5 reads each two-digit field with strconv.Atoi, which takes a sign (\"+9:30:00Z\")",
		false, signedField, "09:-0:00Z"},
	{"date-time", "signed field", "v5 reads each two-digit field with strconv.Atoi, which takes a sign",
		false, signedField, "2024-01-01T+1:00:00Z"},

	{"email", "non-ASCII", "JSON Schema's email is RFC 5321's Mailbox, which is ASCII; v5 takes UTF-8 through net/mail's RFC 6532 support; internationalised addresses are the idn-email format",
		false, func(s string) bool { return !isASCII(s) }, "ü@example.com"},
	{"email", "one-label domain", "a domain name needs a dot: in a payload a bare host name is a typo (RFC 5321 and v5 allow it)",
		false, func(s string) bool {
			d := emailDomain(s)
			return !strings.HasPrefix(d, "[") && !strings.Contains(d, ".")
		}, "jane@localhost"},
	{"email", "local part unchecked before an address literal", "v5 returns as soon as the address literal is a valid IP and never looks at the local part",
		false, func(s string) bool {
			return strings.HasPrefix(emailDomain(s), "[") && !jsonschema.Formats["email"](emailLocal(s)+"@example.com")
		}, "a b<c>@[127.0.0.1]"},
	{"email", "IPv4 literal read by strconv.Atoi", "v5 reads the numbers of an IPv4 literal with strconv.Atoi, which takes a sign and \"00\"; RFC 5321's Snum is digits only",
		false, func(s string) bool {
			d := emailDomain(s)
			if !strings.HasPrefix(d, "[") {
				return false
			}
			for g := range strings.SplitSeq(strings.Trim(d, "[]"), ".") {
				if strings.HasPrefix(g, "+") || strings.HasPrefix(g, "-") || (len(g) > 1 && strings.Trim(g, "0") == "") {
					return true
				}
			}
			return false
		}, "a@[127.00.0.1]"},
	{"email", "IPv6 literal with :: and 7 groups", "RFC 5321's \"::\" stands for at least two groups, so at most 6 groups stand beside it; v5 uses net.ParseIP (RFC 4291)",
		false, func(s string) bool {
			ip, ok := strings.CutPrefix(emailDomain(s), "[IPv6:")
			if !ok || !strings.Contains(ip, "::") {
				return false
			}
			groups := 0
			for g := range strings.SplitSeq(strings.TrimSuffix(ip, "]"), ":") {
				if strings.Contains(g, ".") {
					groups += 2
				} else if g != "" {
					groups++
				}
			}
			return groups == 7
		}, "a@[IPv6:1:2:3:4:5:6::7]"},
	{"email", "label starting with a hyphen", "RFC 5321's sub-domain starts with a letter or digit; v5's hostname check tests only the first byte of the whole domain",
		false, func(s string) bool { return strings.Contains(emailDomain(s), ".-") }, "a@x.-y.com"},
	{"email", "leading white space", "net/mail skips RFC 5322's folding white space before an address; RFC 5321's Mailbox has none",
		false, func(s string) bool { return strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t") }, " jane@example.com"},
	{"email", "tab in a quoted local part", "RFC 5321's qtextSMTP and quoted-pairSMTP are printable ASCII and space; net/mail also takes RFC 5322's folding white space, a tab",
		false, func(s string) bool { return strings.HasPrefix(s, `"`) && strings.Contains(emailLocal(s), "\t") }, "\"a\tb\"@example.com"},

	{"uri", "character outside RFC 3986", "RFC 3986 allows only its unreserved, reserved and percent-encoded characters; url.Parse takes spaces, quotes, \"<>\\^`{|}\", non-ASCII and a bare \"%\" in some places",
		false, func(s string) bool { return !rfc3986Chars.MatchString(s) }, "https://example.com/a b"},
	{"uri", "second #", "a fragment cannot hold \"#\" under RFC 3986; url.Parse keeps everything after the first",
		false, func(s string) bool { _, _, _, _, frag, ok := uriParts(s); return ok && strings.Contains(frag, "#") }, "https://example.com/#a#b"},
	{"uri", "bracket outside an IP literal", "\"[\" and \"]\" only delimit an IP literal that is the whole host under RFC 3986; url.Parse takes them elsewhere",
		false, func(s string) bool {
			_, _, auth, rest, frag, ok := uriParts(s)
			if !ok {
				return false
			}
			host := auth[strings.LastIndex(auth, "@")+1:]
			inHost := strings.ContainsAny(host, "[]") && !(strings.HasPrefix(host, "[") && strings.Count(host, "[") == 1 && strings.Count(host, "]") == 1 && regexp.MustCompile(`\](:[0-9]*)?$`).MatchString(host))
			return inHost || strings.ContainsAny(auth[:strings.LastIndex(auth, "@")+1]+rest+frag, "[]")
		}, "https://example.com/a[1]"},
	{"uri", "second @ in the authority", "RFC 3986's userinfo cannot hold \"@\"; url.Parse splits at the last one",
		false, func(s string) bool { _, _, auth, _, _, ok := uriParts(s); return ok && strings.Count(auth, "@") > 1 }, "https://a@b@example.com/"},
	{"uri", "http, https, ftp, ws or wss without a host", "those schemes' own RFCs (9110, 959/1738, 6455) require a host; RFC 3986's generic syntax and url.Parse do not",
		false, func(s string) bool {
			scheme, hasAuth, auth, _, _, ok := uriParts(s)
			switch strings.ToLower(scheme) {
			case "http", "https", "ftp", "ws", "wss":
				host := auth[strings.LastIndex(auth, "@")+1:]
				if i := strings.LastIndex(host, ":"); i >= 0 && !strings.HasSuffix(host, "]") {
					host = host[:i]
				}
				return ok && (!hasAuth || host == "")
			}
			return false
		}, "http:example.com"},
	{"uri", "percent-escaped ASCII in the host", "RFC 3986's reg-name may hold any percent-escape; url.Parse takes only escapes of non-ASCII bytes (and %25) in a host",
		true, func(s string) bool {
			_, _, auth, _, _, _ := uriParts(s)
			return regexp.MustCompile(`%[0-7]`).MatchString(auth[strings.LastIndex(auth, "@")+1:])
		}, "http://ex%61mple.com/"},
	{"uri", "IPvFuture literal", "RFC 3986 allows an IPvFuture literal (\"[v1.x]\") for the host; url.Parse takes only IP addresses in brackets",
		true, func(s string) bool { return regexp.MustCompile(`//([^/?#@]*@)?\[[vV]`).MatchString(s) }, "http://[v1.x]/"},
}

// signedField reports whether a date-time or time string has a "+" or "-"
// where a field of digits starts (at the start, or after a non-digit).
func signedField(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] == '+' || s[i] == '-') && (i == 0 || s[i-1] < '0' || s[i-1] > '9') {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func emailLocal(s string) string  { return s[:max(strings.LastIndex(s, "@"), 0)] }
func emailDomain(s string) string { return s[strings.LastIndex(s, "@")+1:] }

// rfc3986Chars matches strings of the characters RFC 3986 allows in a URI,
// percent-escapes complete.
var rfc3986Chars = regexp.MustCompile(`^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$`)

// uriRegexp is the regular expression of RFC 3986 appendix B, which splits
// a URI reference into its parts.
var uriRegexp = regexp.MustCompile(`^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$`)

// uriParts splits s by RFC 3986 appendix B: scheme, whether there is an
// authority, the authority, path and query, and fragment.
func uriParts(s string) (scheme string, hasAuth bool, auth, rest, frag string, ok bool) {
	m := uriRegexp.FindStringSubmatch(s)
	if m == nil {
		return "", false, "", "", "", false
	}
	return m[2], m[3] != "", m[4], m[5] + m[6], m[9], true
}

// suiteStrings returns the string cases of the vendored JSON-Schema-Test-
// Suite files of format.
func suiteStrings(t *testing.T, format string) []string {
	t.Helper()
	var out []string
	for _, draft := range []string{"draft7", "draft2020-12"} {
		src, err := os.ReadFile(filepath.Join("../testdata/json-schema-test-suite/tests", draft, "optional/format", format+".json"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var groups []struct{ Tests []struct{ Data any } }
		if err := json.Unmarshal(src, &groups); err != nil {
			t.Fatal(err)
		}
		for _, g := range groups {
			for _, tc := range g.Tests {
				if s, ok := tc.Data.(string); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// issue12Reproducers are the strings issue 12 reported, with the verdict
// our check must give.
var issue12Reproducers = []struct {
	format, value string
	ours          bool
}{
	{"email", "\"a\r\nBcc: evil@x.com\"@example.com", false},
	{"email", `"a"b"@example.com`, false},
	{"email", `"\"@example.com`, false},
	{"email", "a@[not-an-ip]", false},
	{"email", "a@[300.1.1.1]", false},
	{"email", "a@[IPv6:zz]", false},
	{"email", "joe.bloggs@[127.0.0.300]", false},
	{"email", "a@exa\u00a0mple.com", false},
	{"email", "a@exa\u202emple.com", false},
	{"email", "a@example.com.", false},
	{"email", `"joe..bloggs"@example.com`, true},
	{"email", "a@[127.0.0.1]", true},
	{"email", "a@[IPv6:::1]", true},
	{"email", "ü@example.com", false},
	{"uri", "x:", true},
}

// formatCorpus is the generated corpus for format: every byte of a few
// valid values deleted, replaced and preceded by each ASCII byte and a few
// non-ASCII characters, and strings of random tokens of the format.
func formatCorpus(format string) []string {
	bases := map[string][]string{
		"uuid": {"6b8f3a52-1C9D-4e27-8f41-0d2c7a9b5e13"},
		"email": {"jane.doe@example.com", "a@b.c", "x@sub-1.example.org", `"q"@h.io`, `"a\"b c"@x.io`,
			"a@[127.0.0.1]", "a@[IPv6:::1]", "a@[IPv6:1:2:3:4:5:6:7:8]", "a@[IPv6:::ffff:1.2.3.4]", "j+t@[IPv6:1::2]"},
		"uri": {"https://u:p@example.com:8080/a/b?q=1#f", "urn:isbn:0451450523", "http://[::1]/", "x:",
			"http://[v1.x:y]/", "s://[1:2:3:4:5:6:7::]", "m:a@b/c?d#e", "h://1.2.3.4:/%41"},
		"date-time": {"2024-02-29T23:59:60-00:00", "2025-03-01T09:00:00.123+05:30", "1998-12-31t23:59:60z"},
		"date":      {"2024-02-29", "2023-12-31"},
		"time":      {"23:59:60Z", "14:00:00", "09:30:00.5-05:00", "09:29:60+09:30"},
	}
	tokens := map[string][]string{
		"uuid":      {"0", "9", "a", "F", "g", "-", "6b8f3a52", "1c9d", "0d2c7a9b5e13", "{", " "},
		"email":     {"a", "Z", "0", "-", ".", "..", "@", `"`, `\`, " ", "\t", "[", "]", "IPv6:", "::", ":", "1", "255", "256", "01", "example", "com", "é", "\u00a0", "(", ")", "<", ">", ",", ";", "+", "~", "ffff", "\r\n"},
		"uri":       {"http", "urn", "x", ":", "//", "/", "?", "#", "@", "[", "]", "::1", "v1.", "%", "%41", "%g", "a", "0", "80", ".", "-", " ", "é", "'", "{", "|", "\\", "u:p@", "1.2.3.4", "*"},
		"date-time": {"2024", "-", "02", "29", "T", "t", " ", "23", ":", "59", "60", "00", ".", "123", "Z", "z", "+", "05", "30", "1", "24", "13"},
		"date":      {"2024", "2023", "1900", "-", "02", "29", "30", "31", "13", "00", "1", "/"},
		"time":      {"23", ":", "59", "60", "00", ".", "5", "Z", "+", "-", "05", "30", "24", "1", " "},
	}
	var out []string
	for _, b := range bases[format] {
		for i := 0; i <= len(b); i++ {
			if i < len(b) {
				out = append(out, b[:i]+b[i+1:])
			}
			for c := range 128 {
				if i < len(b) {
					out = append(out, b[:i]+string(rune(c))+b[i+1:])
				}
				out = append(out, b[:i]+string(rune(c))+b[i:])
			}
			for _, e := range []string{"é", "\u00a0", "\u202e", "ü"} {
				out = append(out, b[:i]+e+b[i:])
			}
		}
	}
	r := rand.New(rand.NewPCG(12, uint64(len(format))))
	tok := tokens[format]
	for range 20000 {
		var sb strings.Builder
		for range 1 + r.IntN(14) {
			sb.WriteString(tok[r.IntN(len(tok))])
		}
		out = append(out, sb.String())
	}
	return out
}

// TestFormatsAgainstV5 compares every format check with v5's.
func TestFormatsAgainstV5(t *testing.T) {
	used := make([]int, len(formatDeviations))
	check := func(format, s, source string) {
		if !utf8.ValidString(s) {
			return // a payload's strings are valid UTF-8
		}
		ours, theirs := schema.CheckFormat(format, s), jsonschema.Formats[format](s)
		if ours == theirs {
			return
		}
		for i, d := range formatDeviations {
			if d.format == format && d.ours == ours && d.applies(s) {
				used[i]++
				return
			}
		}
		t.Errorf("%s: %s %q: ours %v, v5 %v, and no listed deviation covers it", source, format, s, ours, theirs)
	}
	for _, format := range []string{"email", "date-time", "date", "time", "uuid", "uri"} {
		for _, s := range suiteStrings(t, format) {
			check(format, s, "test suite")
		}
		for _, s := range formatCorpus(format) {
			check(format, s, "generated")
		}
	}
	for _, r := range issue12Reproducers {
		if got := schema.CheckFormat(r.format, r.value); got != r.ours {
			t.Errorf("issue 12: %s %q = %v, want %v", r.format, r.value, got, r.ours)
		}
		check(r.format, r.value, "issue 12")
	}
	for i, d := range formatDeviations {
		if ours, theirs := schema.CheckFormat(d.format, d.example), jsonschema.Formats[d.format](d.example); ours != d.ours || theirs == d.ours || !d.applies(d.example) {
			t.Errorf("deviation %s %q: example %q: ours %v, v5 %v, in class %v; want ours %v, v5 %v, in class", d.format, d.name, d.example, ours, theirs, d.applies(d.example), d.ours, !d.ours)
		}
		if used[i] == 0 {
			t.Errorf("deviation %s %q: no string of the corpus shows it", d.format, d.name)
		}
		t.Logf("%-9s %-48s ours %-5v %6d strings: %s", d.format, d.name, d.ours, used[i], d.why)
	}
}
