package rules

import "github.com/triggerkit/triggerkit/lint"

// KeyDuplicate reports keys that occur twice in one object.
var KeyDuplicate = &lint.Rule{
	ID:       "TK2004",
	Name:     "key-duplicate",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "No key occurs twice in one object",
		Text: `JSON decoders disagree about duplicate keys: Go's and JavaScript's keep the last value silently,
others keep the first or refuse the document. Whichever wins, one of the two definitions is lost. This holds
for every object in the file, keywords included.`,
		Bad:    `{"type": "object", "properties": {"total": {"type": "number", "title": "Total", "type": "string"}}}`,
		Good:   `{"type": "object", "properties": {"total": {"type": "number", "title": "Total"}}}`,
		Source: "spec rule 16",
	},
	RunDespiteErrors: true,
	Run: func(pass *lint.Pass) error {
		f := pass.File()
		for _, d := range f.Duplicates {
			first := f.Position(d.First.KeySpan.Start)
			pass.ReportKey(d.Again, "duplicate key %q (first at %d:%d)", cut(d.Again.Name, 60), first.Line, first.Column)
		}
		return nil
	},
}
