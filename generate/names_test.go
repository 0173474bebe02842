package generate

import (
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

func TestTitle(t *testing.T) {
	for key, want := range map[string]string{
		"formId": "Form ID", "invoiceURL": "Invoice URL", "receipt_url": "Receipt URL", "URLPath": "URL Path",
		"addressLine2": "Address Line 2", "first_name": "First Name", "userIds": "User IDs", "SKU": "SKU",
		"dateAndTimeTbd": "Date And Time TBD", "x": "X", "2fa": "2 Fa",
	} {
		if got := Title(key); got != want {
			t.Errorf("Title(%q) = %q, want %q", key, got, want)
		}
	}
	for key, want := range map[string]string{"formId": "Form Id", "submitterId": "Submitter Id", "formName": "Form Name", "invoiceURL": "Invoice URL"} {
		if got := WixTitle(key); got != want {
			t.Errorf("WixTitle(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	for key, want := range map[string]string{
		"first name": "first_name", "last-name": "last_name", "$ne": "ne", "latitude ": "latitude", "_id": "id",
		"field:multi_choice_5734": "field_multi_choice_5734", "": "key", "é": "key", "ok_key": "ok_key", "a__b": "a__b",
	} {
		if got := Sanitize(key); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestKeptNamesAgree(t *testing.T) {
	for _, src := range []string{
		`{}`,
		`{"a": 1, "b c": 2, "_d": 3, "e\u005ff": "x\"}", "g": {"h": 1}, "i": {}, "j": null, "k": [1, {"l": 2}]}`,
		`{"price": {"value": "1", "currency": "USD"}, "file": {"fileName": "a", "downloadUrl": "b"}, "m": {"value": 1}}`,
		`{"q": {"v\u0061lue": "1", "currency": "USD"}, "r": "\\", "s": "\\\"", "t": -1.5e3, "u": true}`,
		` { "a" : { "value" : 1 , "currency" : "x" } , "b" : [ ] } `,
	} {
		f, err := schema.Parse("s", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		var chk checker
		start, serr := chk.checkSample([]byte(src))
		if serr != nil {
			t.Fatalf("%s: %v", src, serr)
		}
		names := []string{"a", "b", "b c", "b_c", "_d", "e_f", "g", "g_h", "h", "i", "j", "k", "l", "price", "file", "m", "q", "r", "s", "t", "u", "value", "zz"}
		for _, depth := range []int{1, 2} {
			want := keptNames(f.Root, []byte(src), depth)
			sc := scope{src: []byte(src), chk: &chk, start: start, depth: depth}
			for _, name := range names {
				if got := sc.isKept(name); got != want[name] {
					t.Errorf("%s at depth %d: %q kept from the table %v, from the tree %v", src, depth, name, got, want[name])
				}
			}
		}
	}
}

// TestKeyByteTable checks the table of key bytes against the key rules,
// and regexSpecial and isBlank's fast path against the definitions they
// stand for.
func TestKeyByteTable(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		want := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
		if got := validKeyByte(b); got != want {
			t.Errorf("validKeyByte(%#x) = %v, want %v", c, got, want)
		}
		s := string([]byte{b})
		if got, want := regexSpecial(s), strings.ContainsAny(s, `()[]{}\*+?`); got != want {
			t.Errorf("regexSpecial(%q) = %v, want %v", s, got, want)
		}
		for _, x := range []string{s, "a" + s, s + "a", s + s, "a" + s + "b", "\u00a0" + s, s + "\u0085", "\u3000"} {
			if got, want := isBlank(x), strings.TrimSpace(x) == "" || strings.TrimSpace(x) != x; got != want {
				t.Errorf("isBlank(%q) = %v, want %v", x, got, want)
			}
		}
	}
}

// TestKeyOKAndRegexSpecialEveryOffset checks keyOK and regexSpecial,
// which look at eight bytes at a time, with one odd byte at every offset
// of keys and strings up to 20 bytes long.
func TestKeyOKAndRegexSpecialEveryOffset(t *testing.T) {
	for n := 1; n <= 20; n++ {
		for at := -1; at < n; at++ {
			for _, odd := range []byte{' ', '-', '(', '?', '}', 0x80, 0xff, '_'} {
				b := []byte(strings.Repeat("a", n))
				if at >= 0 {
					b[at] = odd
				}
				wantKey := b[0] != '_'
				for _, c := range b {
					wantKey = wantKey && (c >= 'a' && c <= 'z' || c == '_')
				}
				if got := keyOK(b); got != wantKey {
					t.Errorf("keyOK(%q) = %v, want %v", b, got, wantKey)
				}
				if got, want := regexSpecial(string(b)), strings.ContainsAny(string(b), `()[]{}\*+?`); got != want {
					t.Errorf("regexSpecial(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}
