package fix_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/fix"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/schema"
)

func edit(start, end int, text string) findings.Edit {
	return findings.Edit{Start: start, End: end, NewText: text}
}

func TestApplySkipsConflictingAndInvalidFixes(t *testing.T) {
	src := []byte("0123456789")
	fixes := []findings.Fix{
		{Message: "a", Edits: []findings.Edit{edit(2, 4, "ab")}},
		{Message: "overlaps a", Edits: []findings.Edit{edit(3, 5, "X")}},
		{Message: "inserts at the end of a", Edits: []findings.Edit{edit(4, 4, "Y")}},
		{Message: "touches a without inserting", Edits: []findings.Edit{edit(4, 5, "c")}},
		{Message: "outside", Edits: []findings.Edit{edit(9, 11, "")}},
		{Message: "overlapping itself", Edits: []findings.Edit{edit(6, 8, ""), edit(7, 9, "")}},
		{Message: "two edits", Edits: []findings.Edit{edit(0, 0, "<"), edit(10, 10, ">")}},
		{Message: "inserts where two edits does", Edits: []findings.Edit{edit(10, 10, "!")}},
	}
	out, applied, skipped := fix.Apply(src, fixes)
	if string(out) != "<01abc56789>" || applied != 3 || skipped != 5 {
		t.Errorf("got %q, %d applied, %d skipped; want \"<01abc56789>\", 3, 5", out, applied, skipped)
	}
	if string(src) != "0123456789" {
		t.Errorf("src modified: %q", src)
	}
}

func TestApplyKeepsInsertionOrderWithinAFix(t *testing.T) {
	out, _, _ := fix.Apply([]byte("ab"), []findings.Fix{{Message: "m", Edits: []findings.Edit{edit(1, 1, "x"), edit(1, 1, "y"), edit(1, 2, "B")}}})
	if string(out) != "axyB" {
		t.Errorf("got %q, want axyB", out)
	}
}

// TestApplyChangesOnlyEditedBytes applies the first round of fixes of every
// corpus file and checks that the bytes between the applied edits are the
// input's, in order, each at its shifted offset: the output is the input
// with the edits spliced in and nothing else moved.
func TestApplyChangesOnlyEditedBytes(t *testing.T) {
	l, err := lint.New(lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	names, srcs := corpus(t)
	for i, name := range names {
		res, _ := l.Bytes(name, srcs[i])
		var fixes []findings.Fix
		for _, f := range res.Findings {
			if len(f.Fixes) > 0 {
				fixes = append(fixes, f.Fixes[0])
			}
		}
		out, applied, _ := fix.Apply(srcs[i], fixes)
		if applied == 0 {
			continue
		}
		// Take the fixes Apply took, one at a time: each is applied alone
		// to the output of the ones before, at offsets shifted by them.
		var edits []findings.Edit
		for _, f := range fixes {
			if _, n, _ := fix.Apply(srcs[i], append(fixesOf(edits), f)); n == len(fixesOf(edits))+1 {
				edits = append(edits, f.Edits...)
			}
		}
		want := splice(srcs[i], edits)
		if !bytes.Equal(out, want) {
			t.Errorf("%s: the output is not the input with the edits spliced in:\n%s", name, fix.Unified(name, want, out))
		}
		// Every byte outside the edits is the input's.
		covered := make([]bool, len(srcs[i]))
		for _, e := range edits {
			for k := e.Start; k < e.End; k++ {
				covered[k] = true
			}
		}
		var kept, outside []byte
		for k, c := range srcs[i] {
			if !covered[k] {
				kept = append(kept, c)
			}
		}
		outside = removeInserted(out, edits, srcs[i])
		if !bytes.Equal(kept, outside) {
			t.Errorf("%s: bytes outside the edits changed", name)
		}
	}
}

func fixesOf(edits []findings.Edit) []findings.Fix {
	out := make([]findings.Fix, len(edits))
	for i, e := range edits {
		out[i] = findings.Fix{Message: "e", Edits: []findings.Edit{e}}
	}
	return out
}

// splice is a naive Apply of non-conflicting edits: sort by start, copy.
func splice(src []byte, edits []findings.Edit) []byte {
	sorted := append([]findings.Edit(nil), edits...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].Start < sorted[j-1].Start; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	var out []byte
	last := 0
	for _, e := range sorted {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	return append(out, src[last:]...)
}

// removeInserted returns out without the text each edit inserted, walking
// the edits in order over the shifted offsets.
func removeInserted(out []byte, edits []findings.Edit, src []byte) []byte {
	var kept []byte
	srcPos, outPos := 0, 0
	sorted := append([]findings.Edit(nil), edits...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].Start < sorted[j-1].Start; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	for _, e := range sorted {
		n := e.Start - srcPos
		kept = append(kept, out[outPos:outPos+n]...)
		outPos += n + len(e.NewText)
		srcPos = e.End
	}
	return append(kept, out[outPos:]...)
}

// breaker is a rule whose fix deletes the root's closing brace: File must
// drop that round.
var breaker = &lint.Rule{
	ID: "XFIX1001", Name: "breaker", Severity: lint.Error, Since: "v0",
	Doc: lint.Doc{Title: "Breaks", Text: "t", Bad: "{}", Good: "{}"},
	Run: func(p *lint.Pass) error {
		n := p.Doc.Root.Node
		p.ReportFix(n.Span, "", lint.Replace("delete the brace", schema.Span{Start: n.Span.End - 1, End: n.Span.End}, ""), "always")
		return nil
	},
}

func TestFileDropsARoundThatBreaksParsing(t *testing.T) {
	l, err := lint.New(lint.Options{Rules: []*lint.Rule{breaker}})
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(`{"type": "object"}`)
	res, err := fix.File("b.json", src, l, fix.Options{})
	if err != nil || !res.Reverted || res.Changed || !bytes.Equal(res.Src, src) || res.Total() != 0 || len(res.Findings) != 1 {
		t.Errorf("got %+v, %v; want the round dropped, the input kept and its finding", res, err)
	}
}

// grower's fix appends a space after the root every time: File must stop
// after its rounds.
var grower = &lint.Rule{
	ID: "XFIX1002", Name: "grower", Severity: lint.Error, Since: "v0",
	Doc: lint.Doc{Title: "Grows", Text: "t", Bad: "{}", Good: "{}"},
	Run: func(p *lint.Pass) error {
		end := p.Doc.Root.Node.Span.End
		p.ReportFix(p.Doc.Root.Node.Span, "", lint.Replace("append a space", schema.Span{Start: end, End: end}, " "), "always")
		return nil
	},
}

func TestFileStopsAfterItsRounds(t *testing.T) {
	l, err := lint.New(lint.Options{Rules: []*lint.Rule{grower}})
	if err != nil {
		t.Fatal(err)
	}
	res, _ := fix.File("g.json", []byte(`{}`), l, fix.Options{Rounds: 3})
	if res.Rounds != 3 || string(res.Src) != "{}   " || res.Applied["XFIX1002"] != 3 {
		t.Errorf("got %d rounds, %q, %v; want 3 rounds and three spaces", res.Rounds, res.Src, res.Applied)
	}
}

func TestFileAppliesUnsafeFixesOnlyWhenAsked(t *testing.T) {
	l, err := lint.New(lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(`{"type": "object", "properties": {"site": {"type": "string", "title": "Site", "description": "d", "examples": ["https://a.example"], "format": "url"}}, "required": ["site"]}`)
	safe, _ := fix.File("u.json", src, l, fix.Options{})
	if safe.Changed {
		t.Errorf("an unsafe fix was applied without Unsafe:\n%s", fix.Unified("u.json", src, safe.Src))
	}
	unsafe, _ := fix.File("u.json", src, l, fix.Options{Unsafe: true})
	if !bytes.Contains(unsafe.Src, []byte(`"format": "uri"`)) || unsafe.Applied["TK5002"] != 1 {
		t.Errorf("got %s, %v; want format uri by TK5002", unsafe.Src, unsafe.Applied)
	}
}

// TestLintRejectsABadFix checks that a fix whose edits overlap is an
// internal error of its rule, and the diagnostic is kept without it.
func TestLintRejectsABadFix(t *testing.T) {
	bad := &lint.Rule{
		ID: "XFIX1003", Name: "bad-fix", Severity: lint.Error, Since: "v0",
		Doc: lint.Doc{Title: "Bad fix", Text: "t", Bad: "{}", Good: "{}"},
		Run: func(p *lint.Pass) error {
			p.Report(lint.Diagnostic{Span: schema.Span{Start: 0, End: 1}, Message: "m", Fixes: []findings.Fix{
				{Message: "overlapping", Edits: []findings.Edit{edit(0, 2, ""), edit(1, 2, "")}},
			}})
			return nil
		},
	}
	res, err := lint.Bytes("x.json", []byte(`{}`), lint.Options{Rules: []*lint.Rule{bad}})
	var fe *lint.FixError
	if !errorsAs(err, &fe) || len(res.Findings) != 1 || res.Findings[0].Fixes != nil {
		t.Errorf("got %v, %+v; want a FixError and the finding without fixes", err, res.Findings)
	}
}

func TestUnifiedMatchesDiff(t *testing.T) {
	diff, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("no diff on this system")
	}
	cases := []struct{ a, b string }{
		{"a\nb\nc\n", "a\nB\nc\n"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\n2\nx\n4\n5\n6\n7\n8\n9\n10\ny\n12\n13\n"},
		{"a\nb", "a\nc"},
		{"", "new\n"},
		{"old\n", ""},
		{"a\nb\nc\nd\n", "d\nc\nb\na\n"},
	}
	dir := t.TempDir()
	for i, c := range cases {
		pa, pb := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		os.WriteFile(pa, []byte(c.a), 0o600)
		os.WriteFile(pb, []byte(c.b), 0o600)
		want, _ := exec.Command(diff, "-u", pa, pb).Output()
		got := fix.Unified("f.json", []byte(c.a), []byte(c.b))
		// Compare the hunks; the headers differ (paths and times).
		hunks := func(s string) string {
			if i := strings.Index(s, "@@"); i >= 0 {
				return s[i:]
			}
			return ""
		}
		if hunks(got) != hunks(string(want)) {
			t.Errorf("case %d: got\n%s\nwant\n%s", i, got, want)
		}
		if c.a != c.b && !strings.HasPrefix(got, "--- a/f.json\n+++ b/f.json\n") {
			t.Errorf("case %d: header %q", i, got)
		}
	}
	if fix.Unified("f", []byte("x"), []byte("x")) != "" {
		t.Error("equal texts have a diff")
	}
}

// BenchmarkFile fixes a schema of n properties, each with a format in the
// wrong case, a boolean example in quotes and no title: three fixes per
// property, applied in one round.
func BenchmarkFile(b *testing.B) {
	l, err := lint.New(lint.Options{Rules: rules.All()})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000} {
		var sb strings.Builder
		sb.WriteString("{\n  \"type\": \"object\",\n  \"properties\": {\n")
		for i := range n {
			if i > 0 {
				sb.WriteString(",\n")
			}
			fmt.Fprintf(&sb, "    \"p%d\": {\n      \"type\": \"string\",\n      \"description\": \"d\",\n      \"format\": \"UUID\",\n      \"examples\": [\"3b241101-e2bb-4255-8caf-4136c566a962\"]\n    },\n", i)
			fmt.Fprintf(&sb, "    \"b%d\": {\n      \"type\": \"boolean\",\n      \"title\": \"B\",\n      \"description\": \"d\",\n      \"examples\": [\"true\"]\n    }", i)
		}
		sb.WriteString("\n  }\n}\n")
		src := []byte(sb.String())
		b.Run(fmt.Sprintf("props=%d", 2*n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				res, err := fix.File("bench.json", src, l, fix.Options{})
				if err != nil || res.Total() != 3*n {
					b.Fatalf("%v: %d fixes, want %d", err, res.Total(), 3*n)
				}
			}
		})
	}
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
