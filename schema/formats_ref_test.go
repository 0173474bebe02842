package schema

import (
	"strings"
	"testing"
)

// The fast format checks (word-at-a-time UUIDs, table-driven e-mail and host
// names) are held to plain byte-by-byte statements of the same rules.

func refIsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return false
			}
		} else if !isHex(s[i]) {
			return false
		}
	}
	return true
}

func refIsEmail(s string) bool {
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
			if c <= ' ' || c >= 0x7F || strings.IndexByte(`"(),:;<>@[\]`, c) >= 0 || (c == '.' && local[i+1] == '.') {
				return false
			}
		}
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		return len(domain) > 2
	}
	return refIsHostname(domain) && strings.Contains(domain, ".")
}

func refIsHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, l := range strings.Split(s, ".") {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c == '-' || isDigit(c) || isAlpha(c) || c >= 0x80) {
				return false
			}
		}
	}
	return true
}

// TestUUIDEveryByte changes each position of a valid UUID to every byte.
func TestUUIDEveryByte(t *testing.T) {
	const base = "6b8f3a52-1C9D-4e27-8f41-0d2c7a9b5e13"
	for i := range len(base) {
		for c := range 256 {
			b := []byte(base)
			b[i] = byte(c)
			if got, want := IsUUID(string(b)), refIsUUID(string(b)); got != want {
				t.Fatalf("IsUUID(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

func TestEmailAndHostEveryByte(t *testing.T) {
	for _, base := range []string{"jane.doe@example.com", "a@b.c", "x@sub-1.example.org.", "\"q\"@h.io"} {
		for i := range len(base) {
			for c := range 256 {
				b := []byte(base)
				b[i] = byte(c)
				s := string(b)
				if got, want := IsEmail(s), refIsEmail(s); got != want {
					t.Fatalf("IsEmail(%q) = %v, want %v", s, got, want)
				}
				if got, want := isHostname(s), refIsHostname(s); got != want {
					t.Fatalf("isHostname(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}

func FuzzFormatChecks(f *testing.F) {
	for _, s := range []string{"6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13", "jane@example.com", "a-.b", "x@[1.2.3.4]", "é@ü.de", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if IsUUID(s) != refIsUUID(s) {
			t.Errorf("IsUUID(%q) = %v", s, IsUUID(s))
		}
		if IsEmail(s) != refIsEmail(s) {
			t.Errorf("IsEmail(%q) = %v", s, IsEmail(s))
		}
		if isHostname(s) != refIsHostname(s) {
			t.Errorf("isHostname(%q) = %v", s, isHostname(s))
		}
	})
}
