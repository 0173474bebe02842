package rules

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// caseKeys are keys that collide, or nearly, when lower-cased: ASCII, the
// Kelvin sign and the dotted capital I (which lower-case to ASCII letters),
// a sharp s, and bytes that are not UTF-8.
var caseKeys = []string{
	"orderId", "OrderID", "orderid", "orderId", "key", "\u212Aey", "KEY", "\u0130d", "id", "ID",
	"stra\u00dfe", "STRASSE", "Stra\u00dfe", "\xff", "\xfe", "\ufffd", "a\xffb", "A\xffB", "x", "X_",
}

// TestLowerEqual checks lowerEqual against comparing lower-cased copies.
func TestLowerEqual(t *testing.T) {
	for _, a := range caseKeys {
		for _, b := range caseKeys {
			la, lb := strings.ToLower(a), strings.ToLower(b)
			if got, want := lowerEqual(a, b), la == lb; got != want {
				t.Errorf("lowerEqual(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { lowerEqual("orderId", "OrderID") }); n != 0 {
		t.Errorf("lowerEqual of ASCII keys allocates %v times, want 0", n)
	}
}

// TestNormKeyHasSuffix checks normKeyHasSuffix against normKey.
func TestNormKeyHasSuffix(t *testing.T) {
	keys := append([]string{
		"", "_", "contactId", "contact_id", "CONTACT_ID_", "_contact__id", "myContactID", "contactI", "ontactid",
		"\u212Aontactid", "conta\u212At_id", "\u0130mage", "imageUrl", "image_url", "IMAGE", "cover_image",
		"orderId", "order\xffId", "\xffid", "\u00e9orderid",
	}, caseKeys...)
	for _, k := range keys {
		for _, suffix := range []string{"contactid", "image", "imageurl", "orderid", "id", "d", ""} {
			if got, want := normKeyHasSuffix(k, suffix), strings.HasSuffix(normKey(k), suffix); got != want {
				t.Errorf("normKeyHasSuffix(%q, %q) = %v, want %v", k, suffix, got, want)
			}
		}
	}
	var hasSuffix bool
	if n := testing.AllocsPerRun(100, func() { hasSuffix = normKeyHasSuffix("billing_contact_Id", "contactid") }); n != 0 || !hasSuffix {
		t.Errorf("normKeyHasSuffix of an ASCII key allocates %v times, want 0", n)
	}
}

// TestScanAndHashAgree is the regression test for the two ways TK2005,
// TK1006, TK6007 and TK3010 find a repeated key: a list of at most scanMax
// entries is scanned, a longer one hashed. The same repeats, with and
// without enough distinct filler entries after them to pass scanMax, give
// the same findings.
func TestScanAndHashAgree(t *testing.T) {
	for _, tt := range []struct {
		rule *lint.Rule
		src  func(fill int) string
	}{
		{KeyCaseCollision, func(fill int) string {
			var props []string
			for i, k := range caseKeys {
				props = append(props, fmt.Sprintf(`%s: {"type": "string", "title": "P%d"}`, schema.Quote(k), i))
			}
			for i := range fill {
				props = append(props, fmt.Sprintf(`"fill%d": {"type": "string", "title": "F"}`, i))
			}
			return `{"type": "object", "properties": {` + strings.Join(props, ", ") + `}}`
		}},
		{RequiredArrayShape, func(fill int) string {
			req := []string{`"a"`, `"b"`, `"a"`, `""`, `"a"`, `1`, `"b"`, `""`, `"B"`, `null`, `"b"`}
			for i := range fill {
				req = append(req, fmt.Sprintf(`"fill%d"`, i))
			}
			return `{"type": "object", "properties": {"a": {"type": "string"}}, "required": [` + strings.Join(req, ", ") + `]}`
		}},
		{OneOfConstUnique, func(fill int) string {
			return `{"type": "object", "properties": {"p": {"type": "string", "oneOf": [` + options(fill) + `]}}}`
		}},
		{ExamplesMatchOneOf, func(fill int) string {
			return `{"type": "object", "properties": {"p": {"type": "string", "examples": ["x", "1", 1.0, 4, null, "y", {"a": 1}, [1], false], "oneOf": [` + options(fill) + `]}}}`
		}},
	} {
		small := messages(t, tt.rule, tt.src(0))
		large := messages(t, tt.rule, tt.src(scanMax+4))
		if len(small) == 0 {
			t.Errorf("%s: no findings for the repeats; the test checks nothing", tt.rule.ID)
		}
		if !slices.Equal(small, large) {
			t.Errorf("%s: findings differ between a scanned and a hashed list:\nscanned: %q\nhashed:  %q", tt.rule.ID, small, large)
		}
	}
}

// options is a oneOf with repeated consts and titles, then fill options of
// distinct ones.
func options(fill int) string {
	opts := []string{
		`{"title": "A", "const": 1}`, `{"title": "B", "const": 1.0}`, `{"title": "A", "const": "1"}`,
		`{"title": "C", "const": "x"}`, `{"title": "c", "const": "x"}`, `{"title": "D", "const": true}`,
		`{"title": "E", "const": null}`, `{"title": "F", "const": null}`, `{"title": "", "const": 1e0}`,
		`{"title": "", "const": {"a": 1}}`, `{"title": "G", "const": {"a": 1}}`, `{"title": "G"}`,
		`{"title": "H", "const": -0}`, `{"title": "I", "const": 0}`, `{"title": "J", "const": 1e400}`, `{"title": "K", "const": 1e400}`,
	}
	for i := range fill {
		opts = append(opts, fmt.Sprintf(`{"title": "Fill %d", "const": "fill%d"}`, i, i))
	}
	return strings.Join(opts, ", ")
}

// messages runs one rule over src and returns its findings as pointer and
// message.
func messages(t *testing.T, r *lint.Rule, src string) []string {
	t.Helper()
	doc, err := schema.Load("s.json", []byte(src))
	if err != nil {
		t.Fatalf("%s: %v\n%s", r.ID, err, src)
	}
	sel, err := lint.Select([]*lint.Rule{r}, lint.SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	diags, err := lint.Run(doc, sel)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range diags {
		out = append(out, string(d.Pointer)+" "+d.Message)
	}
	return out
}

// TestCaseCollisionsHashCollision checks that TK2005's hashed search finds
// what comparing every pair of keys finds, and finds it also when every key
// has the same hash or one of a few, so that a collision of the 64-bit hash
// of two keys that differ lower-cased changes nothing. (A hash must be a
// function of the lower-cased key.)
func TestCaseCollisionsHashCollision(t *testing.T) {
	var props []*schema.Property
	for _, k := range append(slices.Clone(caseKeys), caseKeys...) {
		props = append(props, &schema.Property{Member: &schema.Member{Name: k}})
	}
	if len(props) <= scanMax {
		t.Fatalf("%d keys are scanned, not hashed", len(props))
	}
	// Every pair: the first earlier key equal lower-cased.
	var want []string
	for i, p := range props {
		for _, q := range props[:i] {
			if lq, lp := strings.ToLower(q.Name), strings.ToLower(p.Name); lq == lp {
				if q.Name != p.Name {
					want = append(want, fmt.Sprintf("%d %q %q", i, p.Name, q.Name))
				}
				break
			}
		}
	}
	for name, hash := range map[string]func(string) uint64{
		"lowerHash": lowerHash,
		"constant":  func(string) uint64 { return 7 },
		"length":    func(s string) uint64 { return uint64(len(strings.ToLower(s)) % 3) },
	} {
		var got []string
		caseCollisions(props, hash, func(p *schema.Property, first string) {
			got = append(got, fmt.Sprintf("%d %q %q", slices.Index(props, p), p.Name, first))
		})
		if !slices.Equal(got, want) {
			t.Errorf("%s: found\n%q\nwant\n%q", name, got, want)
		}
	}
}

// TestLowerMark checks that keys equal lower-cased have equal marks.
func TestLowerMark(t *testing.T) {
	for _, a := range caseKeys {
		for _, b := range caseKeys {
			if la, lb := strings.ToLower(a), strings.ToLower(b); la == lb && lowerMark(a) != lowerMark(b) {
				t.Errorf("%q and %q are equal lower-cased but have marks %x and %x", a, b, lowerMark(a), lowerMark(b))
			}
		}
	}
	if lowerMark("orderId") == lowerMark("orderAt") {
		t.Error("orderId and orderAt have one mark")
	}
}

// TestLowerHash checks lowerHash against hash/fnv over the lower-cased key,
// and that it does not allocate for an ASCII key.
func TestLowerHash(t *testing.T) {
	for _, k := range caseKeys {
		h := fnv.New64a()
		h.Write([]byte(strings.ToLower(k)))
		if got, want := lowerHash(k), h.Sum64(); got != want {
			t.Errorf("lowerHash(%q) = %x, want %x", k, got, want)
		}
	}
	var hash uint64
	if n := testing.AllocsPerRun(100, func() { hash = lowerHash("billingContactId") }); n != 0 || hash != lowerHash("BILLINGCONTACTID") {
		t.Errorf("lowerHash of an ASCII key allocates %v times, want 0", n)
	}
}

// TestIsBlank checks isBlank's shortcut for a visible ASCII first character
// against strings.TrimSpace.
func TestIsBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\v\f\r ", "\u0085", "\u00a0", "\u3000x", " x", "x", "!", "~ ", "\x7f", "\x00", "\xff", "\u00e9"} {
		if got, want := isBlank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("isBlank(%q) = %v, want %v", s, got, want)
		}
	}
}
