package format_test

import (
	"testing"

	"github.com/triggerkit/triggerkit/format"
	"github.com/triggerkit/triggerkit/internal/testschemas"
)

// corpus returns every JSON document of the repository: each *.json file
// and each *.json section of a *.txtar archive (rule cases, generate and
// diff goldens, CLI cases), keyed by a readable name.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	docs, err := testschemas.Corpus("..")
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestRepositoryCorpus formats every JSON document of the repository that
// parses cleanly and checks that the meaning, the order of properties and
// the bytes of a second formatting are kept; the others must be refused
// with their problems. It fails if the walk finds too few documents to
// mean anything.
func TestRepositoryCorpus(t *testing.T) {
	docs := corpus(t)
	formatted, refused, changed := 0, 0, 0
	for name, src := range docs {
		if checkFormatted(t, name, src) {
			formatted++
			if out, _ := format.Source(src); string(out) != string(src) {
				changed++
			}
		} else {
			refused++
		}
	}
	t.Logf("%d documents: %d formatted (%d of them changed), %d refused", len(docs), formatted, changed, refused)
	if formatted < 200 {
		t.Fatalf("only %d documents formatted; the walk missed the corpus", formatted)
	}
	for _, want := range []string{"../examples/order-paid.json", "../testdata/schemas/order-20.json"} {
		if _, ok := docs[want]; !ok {
			t.Fatalf("the walk missed %s", want)
		}
	}
}
