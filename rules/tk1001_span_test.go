package rules

import (
	"fmt"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
)

// TestTK1001SpanEndsAfterTheWholeCharacter is the regression test of
// TK1001's span ending inside a character: for the no-break space of
// examples/invoice-due-pasted.json (2:1) the end column was 2, in the
// middle of its two bytes; the span now ends after the whole UTF-8
// character the error is at, one byte for a byte that is not UTF-8, and at
// the end of the input for an error there.
func TestTK1001SpanEndsAfterTheWholeCharacter(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"no-break space", "{\n\u00a0\"type\": \"object\"\n}", "2:1-2:3"},
		{"ideographic space", "{\"a\":\u30001}", "1:6-1:9"},
		{"byte order mark", "\ufeff{}", "1:1-1:4"},
		{"invalid UTF-8", "{\"a\": \"\xe9\"}", "1:8-1:9"},
		{"ascii", `{"a": 1,}`, "1:8-1:9"},
		{"end of input", `{"a": 1`, "1:8-1:8"},
		{"empty", "", "1:1-1:1"},
	} {
		res, err := lint.Bytes("x.json", []byte(tc.src), lint.Options{Rules: All()})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, f := range res.Findings {
			if f.Rule == "TK1001" {
				got = fmt.Sprintf("%d:%d-%d:%d", f.Line, f.Column, f.EndLine, f.EndColumn)
				break
			}
		}
		if got != tc.want {
			t.Errorf("%s: got span %s, want %s", tc.name, got, tc.want)
		}
	}
}
