package validate

import (
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// quickAgrees fails when uriQuick accepts s and IsURI or IsHTTPURL does
// not.
func quickAgrees(t testing.TB, s string) bool {
	if !uriQuick(s) {
		return false
	}
	if !schema.IsURI(s) || !schema.IsHTTPURL(s) {
		t.Fatalf("uriQuick accepts %q, IsURI says %v, IsHTTPURL %v", s, schema.IsURI(s), schema.IsHTTPURL(s))
	}
	return true
}

// TestURIQuickIsURI checks that every URL uriQuick accepts is one that
// schema.IsURI and schema.IsHTTPURL accept: every string of up to four
// bytes after each scheme, over an alphabet of the bytes that matter to
// URIs, and every byte in the host and in the path. It also checks that the
// usual URLs do take the quick path.
func TestURIQuickIsURI(t *testing.T) {
	alphabet := []string{"a", "Z", "0", "-", ".", "_", "~", ":", "/", "?", "#", "@", "%", "[", "]", "!", " ", "\"", "é"}
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		quickAgrees(t, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(prefix+c, n-1)
		}
	}
	for _, scheme := range []string{"http://", "https://", "HTTP://", "http:/", "ftp://", "https:"} {
		grow(scheme, 4)
	}
	for c := range 256 {
		b := string(rune(c))
		if c >= 0x80 {
			b = string([]byte{byte(c)})
		}
		for _, s := range []string{"http://h" + b + "h/", "http://h/p" + b + "q", "http://h:8" + b, "https://h?q" + b, "https://h#f" + b} {
			quickAgrees(t, s)
		}
	}
	for _, s := range []string{
		"https://shop.example.com/receipts/10231?lang=en&format=pdf",
		"http://localhost:8080/",
		"https://example.com",
		"https://a.b/c;d=e/f@g:h?i=j&k=l#m/n?o",
		"https://cdn.example.com/files/report_2026-03~v2.pdf",
	} {
		if !quickAgrees(t, s) {
			t.Errorf("uriQuick refuses %q", s)
		}
	}
	for _, s := range []string{"https://", "http://:80/", "https://a b", "https://x/%20", "https://u@h/", "https://[::1]/", "https://h/#a#b", "https://h\\x"} {
		if uriQuick(s) {
			t.Errorf("uriQuick accepts %q", s)
		}
	}
}

// FuzzURIQuick checks on any string that what uriQuick accepts, IsURI and
// IsHTTPURL accept.
func FuzzURIQuick(f *testing.F) {
	for _, s := range []string{"https://shop.example.com/receipts/10231?lang=en&format=pdf", "http://h:1/a#b", "https://x.y/%41", "http://[v1.x]/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		quickAgrees(t, s)
		quickAgrees(t, "https://"+strings.TrimPrefix(s, "https://"))
	})
}
