package findings

import (
	"bytes"
	"strings"
	"testing"
)

// TestMarkdownGolden holds the Markdown report to its golden files: the
// fixed set of findings, no finding, and a report cut by MaxBytes.
func TestMarkdownGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		fs   []Finding
		opt  MarkdownOptions
	}{
		{"findings.md", goldenFindings(), MarkdownOptions{}},
		{"empty.md", nil, MarkdownOptions{Title: "Schema changes"}},
		{"capped.md", goldenFindings(), MarkdownOptions{Fail: None, MaxBytes: 400}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteMarkdownReport(&b, tc.fs, goldenSummary(tc.fs), goldenTool, goldenEntries(), tc.opt); err != nil {
				t.Fatal(err)
			}
			if i := firstUnsafe(strings.ReplaceAll(b.String(), "\n", "")); i >= 0 {
				t.Errorf("raw unsafe character at %d", i)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}

// TestMarkdownInputIsLiteral checks that text from the input cannot add
// markup: HTML, links, mentions and code spans come out escaped.
func TestMarkdownInputIsLiteral(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<b>x</b>", `\<b\>x\<\/b\>`},
		{"[a](https://x)", `\[a\]\(https\:\/\/x\)`},
		{"@team #12", `\@team \#12`},
		{"a\nb", `a\\u000ab`},
	} {
		if got := markdownText(tc.in); got != tc.want {
			t.Errorf("markdownText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"/a", "`/a`"},
		{"a`b", "``a`b``"},
		{"`a", "`` `a ``"},
		{"", "` `"},
	} {
		if got := markdownCode(tc.in); got != tc.want {
			t.Errorf("markdownCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
