package findings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/schema"
)

func sample() []Finding {
	return []Finding{
		{File: "a.json", Line: 1, Column: 2, EndLine: 1, EndColumn: 9, Pointer: "/x", Rule: "TK3008",
			Severity: Error, Message: `example "<b>&c" is a string, want a number`, URL: URL("TK3008")},
		{File: "p.ndjson", Line: 3, Column: 1, EndLine: 3, EndColumn: 4, Rule: "TK9004", Severity: Warning,
			Message: "é \u202e \x1b", URL: URL("TK9004")},
		{File: "new.json", Line: 4, Column: 5, EndLine: 6, EndColumn: 7, Pointer: "/properties/s", Rule: "TKD301",
			Severity: Info, Message: "option removed", URL: URL("TKD301"),
			Example: &Example{Payload: json.RawMessage(`{"s": "a<b", "n": [1, {"k": true}]}`), Side: "app",
				Old: "accepted", New: "refused: /s: not one of the options (TK9006)"}},
	}
}

// TestJSONWriterMatchesEncoder holds the streaming writer to the JSON
// contract: byte for byte what encoding/json writes for the whole report,
// but for the bidirectional override of the sample, which it escapes.
func TestJSONWriterMatchesEncoder(t *testing.T) {
	for n := 0; n <= len(sample()); n++ {
		fs := sample()[:n]
		sum := Summary{Files: 2}
		for _, f := range fs {
			sum.Add(f)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(Report{Findings: append([]Finding{}, fs...), Summary: sum}); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteJSON(&got, fs, sum); err != nil {
			t.Fatal(err)
		}
		if w := strings.ReplaceAll(want.String(), "\u202e", `\u202e`); got.String() != w {
			t.Errorf("%d findings:\ngot:\n%s\nwant:\n%s", n, got.String(), w)
		}
		if !json.Valid(got.Bytes()) {
			t.Errorf("%d findings: output is not JSON", n)
		}
	}
}

// TestJSONReportHasNoRawControlCharacters checks that the JSON report
// escapes what the text writer escapes: encoding/json escapes the C0
// controls, and the writer the DEL, C1 and bidirectional characters that
// encoding/json leaves raw. The values decode unchanged.
func TestJSONReportHasNoRawControlCharacters(t *testing.T) {
	f := Finding{File: "a\nb\x1b.json", Pointer: "/\x1b[2J\r\u009b\x7f", Rule: "TK9010", Severity: Warning,
		Message: "key \u202e\u2066 é", Example: &Example{Payload: json.RawMessage(`{"\u202e":"\u0085"}`), Old: "\u200f"}}
	var b bytes.Buffer
	if err := WriteJSON(&b, []Finding{f}, Summary{}); err != nil {
		t.Fatal(err)
	}
	if i := firstUnsafe(strings.ReplaceAll(b.String(), "\n", "")); i >= 0 {
		t.Errorf("raw unsafe character at %d in %q", i, b.String())
	}
	var rep Report
	if err := json.Unmarshal(b.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	g := rep.Findings[0]
	var payload bytes.Buffer
	json.Compact(&payload, g.Example.Payload)
	if g.File != f.File || g.Pointer != f.Pointer || g.Message != f.Message || g.Example.Old != f.Example.Old ||
		payload.String() != `{"\u202e":"\u0085"}` {
		t.Errorf("decoded %+v %+v, want %+v %+v", g, g.Example, f, f.Example)
	}
}

// firstUnsafe returns the index of the first character Escape would escape,
// or -1.
func firstUnsafe(s string) int {
	for i, r := range s {
		if mustEscape(r, utf8.RuneLen(r)) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return i
		}
	}
	return -1
}

func TestTextWriter(t *testing.T) {
	fs := sample()
	var sum Summary
	for _, f := range fs {
		sum.Add(f)
	}
	sum.Files = 3
	var b bytes.Buffer
	if err := WriteText(&b, fs, sum, TextStyle{}); err != nil {
		t.Fatal(err)
	}
	want := `a.json:1:2: error: /x: example "<b>&c" is a string, want a number (TK3008)
p.ndjson:3:1: warning: é \u202e \u001b (TK9004)
new.json:4:5: info: /properties/s: option removed (TKD301)
    example (app): {"s": "a<b", "n": [1, {"k": true}]}
      old: accepted
      new: refused: /s: not one of the options (TK9006)
3 findings (1 error, 1 warning, 1 info) in 3 files
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := FormatText(fs[1]); got != `p.ndjson:3:1: warning: é \u202e \u001b (TK9004)` {
		t.Errorf("FormatText = %q", got)
	}

	b.Reset()
	if err := WriteText(&b, nil, Summary{Files: 4}, TextStyle{}); err != nil || b.Len() != 0 {
		t.Errorf("no findings: %q, %v", b.String(), err)
	}

	b.Reset()
	if err := WriteText(&b, fs[:1], Summary{Findings: 1, Errors: 1, Files: 1}, TextStyle{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[") || !strings.Contains(b.String(), "1 finding (1 error, 0 warnings, 0 info) in 1 file") {
		t.Errorf("colour output: %q", b.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWritersReportWriteErrors(t *testing.T) {
	for _, w := range []Writer{NewTextWriter(failWriter{}, TextStyle{}), NewJSONWriter(failWriter{})} {
		for _, f := range sample() {
			w.Write(f)
		}
		if err := w.Finish(Summary{Findings: 3}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%T: Finish = %v, want the write error", w, err)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain /a/b~1c: é ü 日本 \\ \"", "plain /a/b~1c: é ü 日本 \\ \""},
		{"\x1b[2J", `\u001b[2J`},
		{"a\r\nb\tc", `a\u000d\u000ab\u0009c`},
		{"\x00\x7f", `\u0000\u007f`},
		{"\u0085\u009b", `\u0085\u009b`},
		{"abc\u202edef", `abc\u202edef`},
		{"\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029",
			`\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029`},
		{"bad \x9b[31m \xff", `bad \x9b[31m \xff`},
		{"\u200d\ufeff\u00a0", "\u200d\ufeff\u00a0"}, // joiners and spaces are no threat
	}
	for _, tt := range tests {
		got := Escape(tt.in)
		if got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if i := firstUnsafe(got); i >= 0 {
			t.Errorf("Escape(%q) = %q keeps an unsafe character at %d", tt.in, got, i)
		}
		if Escape(got) != got {
			t.Errorf("Escape(%q) is not stable under a second Escape", tt.in)
		}
	}
	clean := "/properties/order_id: property key \"order id\" has a space"
	if n := testing.AllocsPerRun(100, func() { Escape(clean) }); n != 0 {
		t.Errorf("Escape of a clean text allocates %v times", n)
	}
}

// TestTruncationKeepsRunesWhole is the regression test of messages cut
// inside a UTF-8 sequence ("éééé…\xc3").
func TestTruncationKeepsRunesWhole(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc"},
		{"éééé", 3, "é"},                     // byte 3 is inside the second é
		{"éééé", 4, "éé"},                    // on a boundary
		{"a日本", 2, "a"},                      // inside a three-byte rune
		{"a日本", 3, "a"},                      // still inside it
		{"a日本", 4, "a日"},                     // after it
		{"a😀b", 4, "a"},                      // inside a four-byte rune
		{"\x80\x80\x80\x80x", 2, "\x80\x80"}, // not UTF-8: cut where asked
		{"é", 0, ""},
	}
	for _, tt := range tests {
		got := Truncate(tt.s, tt.n)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
		if utf8.ValidString(tt.s) && !utf8.ValidString(got) {
			t.Errorf("Truncate(%q, %d) = %q is not valid UTF-8", tt.s, tt.n, got)
		}
	}
	long := strings.Repeat("é", 30)
	for n := 0; n <= len(long); n++ {
		if got := Truncate(long, n); !utf8.ValidString(got) || len(got) > n || len(got) < n-1 {
			t.Errorf("Truncate(30×é, %d) = %q", n, got)
		}
	}
}

func TestValidateEdits(t *testing.T) {
	tests := []struct {
		edits []Edit
		want  string // "" for valid
	}{
		{nil, ""},
		{[]Edit{{0, 3, "x"}, {5, 5, "y"}, {3, 5, ""}}, ""},
		{[]Edit{{2, 2, "a"}, {2, 2, "b"}, {2, 4, "c"}}, ""}, // insertions touch the replacement
		{[]Edit{{2, 6, "a"}, {4, 8, "b"}}, "edit [4,8) overlaps edit [2,6)"},
		{[]Edit{{4, 8, "b"}, {2, 6, "a"}}, "edit [4,8) overlaps edit [2,6)"},
		{[]Edit{{2, 4, "a"}, {2, 4, "b"}}, "edit [2,4) overlaps edit [2,4)"},
		{[]Edit{{5, 3, ""}}, "edit [5,3) ends before it starts"},
		{[]Edit{{8, 11, ""}}, "edit [8,11) is outside the text, got end 11, want at most 10"},
		{[]Edit{{-1, 2, ""}}, "is outside the text"},
	}
	for _, tt := range tests {
		before := fmt.Sprint(tt.edits)
		err := ValidateEdits(tt.edits, 10)
		if fmt.Sprint(tt.edits) != before {
			t.Errorf("ValidateEdits modified its input: %v", tt.edits)
		}
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("ValidateEdits(%v) = %v, want nil", tt.edits, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("ValidateEdits(%v) = %v, want %q", tt.edits, err, tt.want)
		}
		var ee *EditError
		if err != nil && !errors.As(err, &ee) {
			t.Errorf("error %T is not an *EditError", err)
		}
	}
}

func TestURLAndCategory(t *testing.T) {
	tests := []struct {
		id   string
		cat  Category
		page string
	}{
		{"TK3008", SchemaRule, "rules.md#tk3008"},
		{"TK1001", SchemaRule, "rules.md#tk1001"},
		{"TK9004", PayloadRule, "payload-rules.md#tk9004"},
		{"tk9101", PayloadRule, "payload-rules.md#tk9101"},
		{"TKD301", Change, "changes.md#tkd301"},
		{"ACME1001", Other, ""},
		{"TK30", Other, ""},
		{"TKDX01", Other, ""},
	}
	for _, tt := range tests {
		if got := Categorize(tt.id); got != tt.cat {
			t.Errorf("Categorize(%q) = %v, want %v", tt.id, got, tt.cat)
		}
		want := ""
		if tt.page != "" {
			want = DocsBase + tt.page
		}
		if got := URL(tt.id); got != want {
			t.Errorf("URL(%q) = %q, want %q", tt.id, got, want)
		}
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error, None} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%v: round trip gave %v, %v", s, back, err)
		}
	}
	_, err := ParseSeverity("fatal")
	var se *SeverityError
	if !errors.As(err, &se) || se.Name != "fatal" {
		t.Errorf("ParseSeverity(fatal) = %v", err)
	}
	if _, err := Severity(0).MarshalText(); err == nil {
		t.Error("severity 0 marshals")
	}
	sum := Summary{}
	if sum.Worst() != 0 {
		t.Error("empty summary has a worst severity")
	}
	sum.Add(Finding{Severity: Info})
	sum.Add(Finding{Severity: Warning})
	if sum.Worst() != Warning || sum.Findings != 2 {
		t.Errorf("summary %+v, worst %v", sum, sum.Worst())
	}
}

func TestAt(t *testing.T) {
	f, _ := schema.Parse("s.json", []byte("{\n  \"a\": 1\n}"))
	got := At(f, schema.Span{Start: 4, End: 7})
	if got.File != "s.json" || got.Line != 2 || got.Column != 3 || got.EndLine != 2 || got.EndColumn != 6 {
		t.Errorf("At = %+v", got)
	}
}

func TestCatalogueDocs(t *testing.T) {
	entries := []Entry{
		{ID: "TK1001", Name: "one", Category: SchemaRule, Severity: Error, Since: "v0.1.0", Title: "First rule",
			Text: "Text one.", Bad: `{"a": 1}`, Good: `{}`, Source: "spec rule 1", URL: URL("TK1001")},
		{ID: "TK1002", Name: "two", Category: SchemaRule, Severity: Warning, Optional: true, Since: "v0.1.0",
			Title: "Second rule", Text: "Text two.", Bad: "{}", Good: "{}", URL: URL("TK1002")},
		{ID: "TK9004", Name: "payload-types", Category: PayloadRule, Severity: Error, Title: "Types",
			Text: "Types text.", Labels: []string{"JSON Schema"}, URL: URL("TK9004")},
		{ID: "TKD301", Name: "option-removed", Category: Change, Severity: Error, Class: "breaking",
			Title: "Option removed", Text: "Breaks.", URL: URL("TKD301")},
	}
	if e, ok := Lookup(entries, "tkd301"); !ok || e.Name != "option-removed" {
		t.Errorf("Lookup by ID: %v %v", e, ok)
	}
	if e, ok := Lookup(entries, "payload-types"); !ok || e.ID != "TK9004" {
		t.Errorf("Lookup by name: %v %v", e, ok)
	}
	if _, ok := Lookup(entries, "TK0000"); ok {
		t.Error("Lookup found TK0000")
	}

	var b bytes.Buffer
	WriteExplain(&b, entries[0])
	want := "TK1001 (one): First rule\n\nSeverity: error. Since v0.1.0.\n\nText one.\n\nFlagged:\n\n    {\"a\": 1}\n\nClean:\n\n    {}\n\nSource: spec rule 1\n\nOnline: " + URL("TK1001") + "\n"
	if b.String() != want {
		t.Errorf("explain:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	WriteExplain(&b, entries[3])
	want = "TKD301 (option-removed): Option removed\n\nSeverity: breaking (error).\n\nBreaks.\n\nOnline: " + URL("TKD301") + "\n"
	if b.String() != want {
		t.Errorf("explain:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	err := WriteMarkdown(&b, Page{Header: "# Page\n\n", Entries: entries, Group: func(e Entry) string { return e.Category.String() }})
	if err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, s := range []string{
		"# Page\n\n| ID | name | severity | title |\n",
		"| [TK1002](#tk1002) | `two` | warning (optional) | Second rule |\n",
		"| [TKD301](#tkd301) | `option-removed` | breaking (error) | Option removed |\n",
		"\n## schema-rule\n\n<a id=\"tk1001\"></a>\n### TK1001: First rule\n\n`one` · error · since v0.1.0\n\nText one.\n\nFlagged:\n\n```json\n{\"a\": 1}\n```\n",
		"`two` · warning, optional: runs only when enabled · since v0.1.0",
		"## payload-rule\n\n<a id=\"tk9004\"></a>\n### TK9004: Types\n\n`payload-types` · error · JSON Schema\n\nTypes text.\n",
		"<a id=\"tkd301\"></a>\n### TKD301: Option removed\n\n`option-removed` · breaking (error)\n\nBreaks.\n",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("page lacks %q:\n%s", s, md)
		}
	}
	b.Reset()
	WriteIndex(&b, entries[3:], "docs/changes.md")
	if !strings.Contains(b.String(), "[TKD301](docs/changes.md#tkd301)") {
		t.Errorf("index: %s", b.String())
	}
}

func benchmarkEscape(b *testing.B, n int, unsafe bool) {
	unit := "/properties/order_id é "
	if unsafe {
		unit = "key \x1b[2J \u202e "
	}
	s := strings.Repeat(unit, n/len(unit)+1)[:n]
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Escape(s)
	}
}

// BenchmarkEscape shows linear cost at three sizes a factor of 10 apart,
// for clean text (no allocation) and text full of escapes.
func BenchmarkEscape(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("clean-%d", n), func(b *testing.B) { benchmarkEscape(b, n, false) })
		b.Run(fmt.Sprintf("unsafe-%d", n), func(b *testing.B) { benchmarkEscape(b, n, true) })
	}
}

// BenchmarkJSONWriter shows that the report costs the same per finding at
// three sizes a factor of 10 apart.
func BenchmarkJSONWriter(b *testing.B) {
	f := sample()[0]
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := NewJSONWriter(io.Discard)
				for range n {
					w.Write(f)
				}
				w.Finish(Summary{Findings: n})
			}
		})
	}
}
