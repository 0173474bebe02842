package schema

import "testing"

// BenchmarkFormats times each format check on a typical valid value, as
// validate's hot path meets them.
func BenchmarkFormats(b *testing.B) {
	for _, bc := range []struct{ name, format, value string }{
		{"uuid", "uuid", "6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"},
		{"email", "email", "jane.doe+orders@mail.example.co.uk"},
		{"email-quoted", "email", `"jane doe"@example.com`},
		{"email-ipv4", "email", "jane@[192.168.100.254]"},
		{"email-ipv6", "email", "jane@[IPv6:2001:db8:85a3::8a2e:370:7334]"},
		{"date-time", "date-time", "2024-05-01T14:00:00.123+02:00"},
		{"date", "date", "2024-02-29"},
		{"time", "time", "14:00:00Z"},
		{"uri", "uri", "https://user@example.com:8443/a/b%20c?x=1&y=2#frag"},
		{"uri-ipv6", "uri", "http://[2001:db8::1]:8080/index.html"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if !CheckFormat(bc.format, bc.value) {
				b.Fatalf("%s %q is invalid", bc.format, bc.value)
			}
			b.ReportAllocs()
			for b.Loop() {
				if !CheckFormat(bc.format, bc.value) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
