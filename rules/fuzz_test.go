package rules

import (
	"os"
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
