package diff

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// encodingJSON is how the package wrote strings before appendJSONString:
// encoding/json with HTML escaping off.
func encodingJSON(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// TestAppendJSONStringMatchesEncodingJSON checks every byte, and the
// runes encoding/json treats specially, against encoding/json.
func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{"", "plain", `quote " and \ backslash`, "<html> & 'x'", "\u2028\u2029", "\u007f", "é€😀", "\xff\xfe", "a\xc3", "\xed\xa0\x80"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"y")
	}
	for r := rune(0x80); r < 0x3000; r += 7 {
		cases = append(cases, string(r))
	}
	for _, s := range cases {
		if got, want := string(appendJSONString(nil, s)), encodingJSON(s); got != want {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("a\"b\\c\n\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), encodingJSON(s); got != want {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
		if !utf8.ValidString(string(appendJSONString(nil, s))) {
			t.Fatalf("%q: invalid UTF-8 out", s)
		}
	})
}
