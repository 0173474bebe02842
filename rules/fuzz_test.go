package rules

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// FuzzLint checks that no input makes a rule fail or panic, and that every
// diagnostic lies inside the input with a valid pointer.
func FuzzLint(f *testing.F) {
	eachArchiveFile(f, "testdata/*/*.txtar", func(_ string, af txtar.File) {
		if af.Name != "want" {
			f.Add(af.Data)
		}
	})
	for _, r := range All() {
		f.Add([]byte(r.Doc.Bad))
	}
	if src, err := os.ReadFile("../testdata/schemas/order-20.json"); err == nil {
		f.Add(src)
	}
	sel, err := lint.Select(All(), lint.SelectOptions{Toggles: []lint.Toggle{{Pattern: "all", On: true}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, _ := schema.Load("fuzz.json", src)
		diags, err := lint.Run(doc, sel)
		if err != nil {
			t.Fatalf("internal error: %v\ninput: %q", err, src)
		}
		for _, d := range diags {
			if d.Span.Start < 0 || d.Span.End > len(src) || d.Span.Start > d.Span.End {
				t.Fatalf("%s: span %v outside input of %d bytes", d.Rule, d.Span, len(src))
			}
			if !d.Pointer.Valid() || d.Message == "" || d.Severity < lint.Info || d.Severity > lint.Error {
				t.Fatalf("%s: bad diagnostic %+v", d.Rule, d)
			}
			f := lint.NewFinding(doc.File, d)
			if f.Line < 1 || f.Column < 1 || f.EndLine < f.Line {
				t.Fatalf("%s: bad position %+v", d.Rule, f)
			}
		}
	})
}

// FuzzLinterReuse lints a with one Linter, kept from input to input, just
// after b, then overwrites a's bytes and lints b again: a's findings,
// fixes and positions included, are those of a fresh schema.Load and
// lint.Run, and do not change when the Linter reuses its memory or the
// bytes change.
func FuzzLinterReuse(f *testing.F) {
	var seeds [][]byte
	eachArchiveFile(f, "testdata/*/*.txtar", func(_ string, af txtar.File) {
		if af.Name != "want" {
			seeds = append(seeds, af.Data)
		}
	})
	if src, err := os.ReadFile("../testdata/schemas/order-20.json"); err == nil {
		seeds = append(seeds, src)
	}
	for i, a := range seeds {
		f.Add(a, seeds[(i+7)%len(seeds)])
	}
	opts := lint.SelectOptions{Toggles: []lint.Toggle{{Pattern: "all", On: true}}}
	sel, err := lint.Select(All(), opts)
	if err != nil {
		f.Fatal(err)
	}
	l, err := lint.New(lint.Options{Rules: All(), Select: opts})
	if err != nil {
		f.Fatal(err)
	}
	show := func(fs []lint.Finding) string { return fmt.Sprintf("%+v", fs) }
	f.Fuzz(func(t *testing.T, a, b []byte) {
		doc, _ := schema.Load("a.json", a)
		diags, werr := lint.Run(doc, sel)
		want := make([]lint.Finding, len(diags))
		for i, d := range diags {
			want[i] = lint.NewFinding(doc.File, d)
		}
		l.Bytes("b.json", b)
		buf := slices.Clone(a)
		res, err := l.Bytes("a.json", buf)
		got := show(res.Findings)
		if got != show(want) || (err == nil) != (werr == nil) {
			t.Fatalf("a reused Linter found\n %s (%v)\nwant\n %s (%v)", got, err, show(want), werr)
		}
		for i := range buf {
			buf[i] ^= 0x5a
		}
		l.Bytes("b.json", b)
		if again := show(res.Findings); again != got {
			t.Fatalf("the findings changed after the bytes linted and the Linter's memory were reused:\n %s\nwant\n %s", again, got)
		}
	})
}
