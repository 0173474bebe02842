package validate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTruncationKeepsRunesWhole is the regression test of messages that
// quote a long value cut inside a UTF-8 sequence ("éééé…\xc3" in a TK9005
// message).
func TestTruncationKeepsRunesWhole(t *testing.T) {
	v, err := New([]byte(`{"type": "object", "properties": {
  "email": {"type": "string", "format": "email", "title": "E-mail", "examples": ["a@example.com"]},
  "kind": {"type": "string", "title": "Kind", "examples": ["a"], "oneOf": [{"const": "a", "title": "A"}]},
  "tags": {"type": "array", "title": "Tags", "items": {"type": "object", "properties": {
    "t": {"type": "string", "title": "T", "const": "ok"}}}}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{strings.Repeat("é", 40), "a" + strings.Repeat("日", 30), strings.Repeat("😀", 20)} {
		res := v.Validate([]byte(`{"email": "` + s + `", "kind": "` + s + `", "tags": [{"t": "` + s + `"}]}`))
		if len(res.Violations) == 0 {
			t.Fatalf("%q: no violation", s)
		}
		for _, x := range res.Violations {
			// strconv.Quote shows a split sequence as \xc3: valid UTF-8,
			// but a character the value does not have.
			if !utf8.ValidString(x.Message) || strings.Contains(x.Message, `\x`) {
				t.Errorf("%s message splits a character: %q", x.Rule, x.Message)
			}
		}
	}
}
