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
			[]string{"http: host/x", "/relative/path", "example.com", "https://", "https://exa mple.com", "http://host/\x01", "https://example.com/a b", "https://example.com/%zz", "http://[::1", "http://[fe80::1%25eth0]/", "https://example.com:80a/", "https://exämple.com/", "1http://x", "x:", "https://example.com/#a#b", "http:/x"}},
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
