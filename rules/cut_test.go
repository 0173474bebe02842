package rules

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// TestTruncationKeepsRunesWhole is the regression test of messages that
// quote a long key cut inside a UTF-8 sequence.
func TestTruncationKeepsRunesWhole(t *testing.T) {
	for n := 55; n <= 62; n++ {
		if got := cut(strings.Repeat("é", 40), n); !utf8.ValidString(got) || !strings.HasSuffix(got, "...") {
			t.Errorf("cut(40×é, %d) = %q", n, got)
		}
	}
	key := strings.Repeat("é", 40) + " x"
	doc, _ := schema.Load("s.json", []byte(`{"type": "object", "properties": {"`+key+`": {"type": "string", "title": "T"}}}`))
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	diags, _ := lint.Run(doc, sel)
	found := false
	for _, d := range diags {
		found = found || d.Rule == "TK2001"
		if !utf8.ValidString(d.Message) || strings.Contains(d.Message, `\x`) {
			t.Errorf("%s message splits a character: %q", d.Rule, d.Message)
		}
	}
	if !found {
		t.Errorf("no TK2001 finding for %q", key)
	}
}
