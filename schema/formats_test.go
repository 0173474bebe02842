package schema

import "testing"

func TestCheckFormat(t *testing.T) {
	tests := []struct {
		format string
		valid  []string
		bad    []string
	}{
		{"uuid", []string{"3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", "3F1C2A9E-8D4B-4C1E-9A7F-2B6D5E8C1A03"},
			[]string{"", "ca6385a-4fb6-bca0-ba0b286b6b75", "3f1c2a9e8d4b4c1e9a7f2b6d5e8c1a03", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a0g", "{3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03}"}},
		{"date-time", []string{"2025-03-01T09:00:00Z", "2025-03-01t09:00:00z", "2024-02-29T05:29:60.123456789+05:30", "2016-12-31T23:59:60Z", "2025-03-01T09:00:00-00:00"},
			[]string{"2025-03-01T09:00:00", "2025-03-01 09:00:00Z", "2025-03-01T09:00:00Z ", "2023-02-29T09:00:00Z", "2025-13-01T09:00:00Z", "2025-03-01T24:00:00Z", "2025-03-01T09:00:00.Z", "2025-03-01T09:00:00+2:00", "2025-03-01", "2024-02-29T23:59:60+05:30", "2025-03-01T09:59:60Z", "2025-03-01T+1:00:00Z"}},
		{"date", []string{"2025-03-01", "2000-02-29"}, []string{"2025-3-1", "1900-02-29", "2025-03-01T00:00:00Z", "01/03/2025"}},
		{"time", []string{"14:00:00", "14:00:00Z", "14:00:00.5-05:00"}, []string{"14:00", "9am", "25:00:00", "14:00:00+24:00", "14:00:00 Z"}},
		{"email", []string{"jane@example.com", "jane.doe+tag@mail.example.co.uk", "x@[127.0.0.1]"},
			[]string{"jane", "@example.com", "jane@", "jane@localhost", "jane..doe@example.com", "jane doe@example.com", "jane@exa mple.com", "jane@-example.com"}},
		{"uri", []string{"https://example.com/a?b=c#d", "mailto:jane@example.com", "urn:isbn:0451450523", "http://[::1]:8080/", "https://user:pw@example.com:443/a%20b;c=d?x=1&y=%2F#frag", "ftp://ftp.example.com/pub/"},
			[]string{"http: host/x", "/relative/path", "example.com", "https://", "https://exa mple.com", "http://host/\x01", "https://example.com/a b", "https://example.com/%zz", "http://[::1", "http://[fe80::1%25eth0]/", "https://example.com:80a/", "https://exämple.com/", "1http://x", "https://example.com/#a#b", "http:/x", "http:"}},
		{"regex", []string{"^[a-z]+$", ""}, []string{"(unclosed", "[z-a]"}},
		{"number", []string{"0", "-3", "1234.56", "007"}, []string{"", "1e3", "+1", "1.", ".5", "1,234", "NaN", "-"}},
		{"DECIMAL_VALUE", []string{"20.50"}, []string{"$5"}},
		{"hostname", []string{"anything at all"}, nil},
	}
	for _, tt := range tests {
		for _, v := range tt.valid {
			if !CheckFormat(tt.format, v) {
				t.Errorf("%s: %q should be valid", tt.format, v)
			}
		}
		for _, v := range tt.bad {
			if CheckFormat(tt.format, v) {
				t.Errorf("%s: %q should be invalid", tt.format, v)
			}
		}
	}
}

// TestEmailLooserThanRFC5321 holds the e-mail check to RFC 5321 on the
// addresses issue 12 found it accepting or refusing wrongly: the quoted
// local part and the address literal were never checked, non-ASCII bytes
// passed in the domain, and so did a final dot.
func TestEmailLooserThanRFC5321(t *testing.T) {
	for _, s := range []string{
		"\"a\r\nBcc: evil@x.com\"@example.com",                                   // CR LF in a quoted local part
		"\"\\\"a\r\nBcc: evil@x.com\\\"\"@example.com",                           // the same, inner quotes escaped
		`"a"b"@example.com`,                                                      // an unescaped quote
		`"\"@example.com`,                                                        // the closing quote escaped
		`""@example.com`,                                                         // empty
		"\"a\tb\"@example.com", "\"a\\\tb\"@example.com", "\"\x7f\"@example.com", // control characters, quoted or escaped
		"a@[not-an-ip]", "a@[300.1.1.1]", "a@[IPv6:zz]", "joe.bloggs@[127.0.0.300]", "a@[127.0.0.01]",
		"a@[1.2.3]", "a@[IPv6:1.2.3.4]", "a@[IPv6:1::2::3]", "a@[IPv6:1:2:3:4:5:6::7]", "a@[IPv6:fe80::1%eth0]",
		"a@[x:abc]", "a@[]", "a@[127.0.0.1", "a@127.0.0.1]",
		"a@exa\u00a0mple.com", "a@exa\u202emple.com", "a@exämple.com", "a@example.com.", "a@example..com",
		"a@x.-y.com", "a@x.y-.com", "a@[ipv6:::1]",
	} {
		if IsEmail(s) {
			t.Errorf("IsEmail(%q) = true, want false", s)
		}
	}
	for _, s := range []string{
		`"joe..bloggs"@example.com`, `"joe@bloggs"@example.com`, `"a\"b\\c"@example.com`, `" "@example.com`,
		"a@[127.0.0.1]", "a@[IPv6:::1]", "a@[IPv6:1:2:3:4:5:6:7:8]", "a@[IPv6:1:2:3::4:5:6]", "a@[IPv6:::ffff:192.0.2.1]",
		"a@[IPv6:1:2:3:4:5:6:192.0.2.1]", "a@1.2.3.4", "a@x--y.example",
	} {
		if !IsEmail(s) {
			t.Errorf("IsEmail(%q) = false, want true", s)
		}
	}
}

// TestURIEmptyPath: "x:" is an absolute URI under RFC 3986 (path-empty) and
// under v5, and was refused without a reason. Schemes that need a host still
// need one.
func TestURIEmptyPath(t *testing.T) {
	for s, want := range map[string]bool{"x:": true, "mailto:": true, "x:?q#f": true, "http:": false, "https:?q": false, "ws:": false} {
		if got := IsURI(s); got != want {
			t.Errorf("IsURI(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestURIIPLiteral checks IP literals without net/netip, which allocated.
func TestURIIPLiteral(t *testing.T) {
	for s, want := range map[string]bool{
		"http://[::1]/": true, "http://[1:2:3:4:5:6:7::]/": true, "http://[::ffff:1.2.3.4]:80/": true, "http://[v1.a:b]/": true,
		"http://[V1F.x]/": true, "http://[1::2::3]/": false, "http://[::1.2.3.04]/": false, "http://[v.x]/": false,
		"http://[v1.]/": false, "http://[foo]/": false, "http://[]/": false, "http://[::1]x/": false,
	} {
		if got := IsURI(s); got != want {
			t.Errorf("IsURI(%q) = %v, want %v", s, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { IsURI("http://[2001:db8::1]:8080/") }); n != 0 {
		t.Errorf("IsURI allocates %v times, want 0", n)
	}
}

// TestEmailNonASCIILocalPart names a deviation from santhosh-tekuri/
// jsonschema v5, which accepts ü@example.com through net/mail's RFC 6532
// support: JSON Schema's email format is RFC 5321's Mailbox, which is ASCII;
// internationalised addresses are the idn-email format.
func TestEmailNonASCIILocalPart(t *testing.T) {
	for _, s := range []string{"ü@example.com", "\"ü\"@example.com", "jöe.bloggs@example.com"} {
		if IsEmail(s) {
			t.Errorf("IsEmail(%q) = true, want false", s)
		}
	}
}

// TestFormatChecksDoNotAllocate: validate calls the checks on its hot path.
func TestFormatChecksDoNotAllocate(t *testing.T) {
	for _, base := range everyByteBases {
		for _, s := range base {
			for _, f := range oracleFormats {
				if n := testing.AllocsPerRun(10, func() { CheckFormat(f, s) }); n != 0 {
					t.Errorf("CheckFormat(%q, %q) allocates %v times", f, s, n)
				}
			}
		}
	}
}
