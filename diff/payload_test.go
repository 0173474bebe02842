package diff

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/schema"
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

// TestSharedValuesStayUnchanged checks the sharing of example payloads: a
// value parsed once goes into many payloads, and changing one payload with
// set, del or ensure changes neither the value nor the other payloads.
func TestSharedValuesStayUnchanged(t *testing.T) {
	shared := parsed(`{"a":{"b":[{"c":1}],"d":"x"},"e":[1,2]}`)
	want := shared.textOf()
	p, q := shared.shallow(), shared.shallow()
	p.set("/a/b/0/c", parsed(`2`))
	p.set("/a/d", parsed(`"y"`))
	p.del("/e")
	p.set("/a/b/1", parsed(`{"c":3}`))
	p.set("/f", shared)
	p.del("/f/a/d")
	if got := p.textOf(); got != `{"a":{"b":[{"c":2},{"c":3}],"d":"y"},"f":{"a":{"b":[{"c":1}]},"e":[1,2]}}` {
		t.Errorf("changed payload: %s", got)
	}
	if got := shared.textOf(); got != want {
		t.Errorf("the shared value changed: %s, want %s", got, want)
	}
	if got := q.textOf(); got != want {
		t.Errorf("another payload changed: %s, want %s", got, want)
	}
	var x exampler
	x.parsed = map[string]*jv{}
	x.samples = map[*schema.Schema][]string{}
	r := &jv{kind: 'o'}
	r.put("n", x.parse(`{"m":{"k":1}}`))
	x.ensure(r, New, "/n/m/k")
	r.set("/n/m/k", parsed(`5`))
	if got := x.parse(`{"m":{"k":1}}`).textOf(); got != `{"m":{"k":1}}` {
		t.Errorf("ensure and set changed the parsed value: %s", got)
	}
	if got := r.textOf(); got != `{"n":{"m":{"k":5}}}` {
		t.Errorf("payload: %s", got)
	}
}

// parsed is parseJSON's value.
func parsed(text string) *jv {
	v, _ := parseJSON(text)
	return v
}

// TestKnownValuesParseTheSame shows what exampler.known relies on: a value
// written from a parsed node parses back to the same value, whatever its
// escapes, numbers, duplicate keys and broken text (which the parser reads
// as U+FFFD).
func TestKnownValuesParseTheSame(t *testing.T) {
	src := "{\"examples\": [\"plain\", \"line\\u2028sep\", \"tab\\there \\\"q\\\" \\\\\", \"\\ud83d\\ude00\", 1.0, -0, 1E5, 12345678901234567890," +
		" true, null, [], {}, {\"a\": 1, \"b\": [2, {\"c\": \"d\"}], \"a\": 3}, {\"k\\u00e9y\": \"v\", \"\\u0000\": 0}, \"lone \\ud800\", \"bad \xff\"]}"
	f, _ := schema.ParseValue("x.json", []byte(src)) // reports the invalid UTF-8, and reads it
	if f == nil || f.Root == nil {
		t.Fatal("no value")
	}
	es := f.Root.Get("examples").Value.Elems
	if len(es) != 16 {
		t.Fatalf("got %d examples, want 16", len(es))
	}
	for _, e := range es {
		text := nodeValue(e).textOf()
		back, ok := parseJSON(text)
		if !ok {
			t.Errorf("%s does not parse back", text)
			continue
		}
		if got := back.textOf(); got != text {
			t.Errorf("%s parses back as %s", text, got)
		}
	}
}
