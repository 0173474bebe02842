package format_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/format"
	"github.com/triggerkit/triggerkit/generate"
)

// generated returns schemagen's output for every sample of the repository:
// testdata/samples, the payloads and the samples of generate's golden
// cases, keyed by the sample's name.
func generated(t *testing.T) map[string][]byte {
	t.Helper()
	samples := map[string][]byte{}
	for _, glob := range []string{"../testdata/samples/*.json", "../payloads/*.json", "../testdata/payloads/*.json"} {
		names, _ := filepath.Glob(glob)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			samples[name] = b
		}
	}
	for name, doc := range corpus(t) {
		if strings.HasPrefix(name, "../generate/testdata/golden/") && strings.Contains(name, ":sample") {
			samples[name] = doc
		}
	}
	out := map[string][]byte{}
	for name, src := range samples {
		g := generate.New(generate.Options{})
		if g.Add(src) != nil {
			continue // not a sample: a hints file, say
		}
		res, err := g.Schema()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = res.JSON
	}
	if len(out) < 10 {
		t.Fatalf("only %d schemas generated; the samples were not found", len(out))
	}
	return out
}

// compact returns a JSON text without insignificant white space.
func compact(t *testing.T, src []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, src); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSchemagenKeyOrder checks that schemagen writes keys in the canonical
// order: formatting its output, for every sample of the repository and the
// schemas of generate's golden cases, changes white space only, never the
// order of a key or the bytes of a value.
func TestSchemagenKeyOrder(t *testing.T) {
	schemas := generated(t)
	for name, doc := range corpus(t) {
		if strings.HasPrefix(name, "../generate/testdata/golden/") && strings.HasSuffix(name, ":schema.json") {
			schemas[name] = doc
		}
	}
	for name, src := range schemas {
		out, err := format.Source(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, want := compact(t, out), compact(t, src); !bytes.Equal(got, want) {
			t.Errorf("%s: formatting changed more than white space\n--- schemagen\n%s--- formatted\n%s", name, src, out)
		}
	}
}

// TestSchemagenFormatted checks that schemagen's output is a fixed point of
// Source byte for byte where schemagen lays out what it writes as Source
// does: examples that are primitives, and lines within Width columns.
func TestSchemagenFormatted(t *testing.T) {
	sample := []byte(`{"formId": "60d2cd50-1047-4164-884d-8c24fbda84bb", "submittedAt": "2026-03-01T09:30:00Z",
		"email": "jane@example.com", "count": 3, "ratio": 0.5, "flag": true, "note": null}`)
	g := generate.New(generate.Options{ContactID: "formId", FutureDate: "submittedAt"})
	if err := g.Add(sample); err != nil {
		t.Fatal(err)
	}
	res, err := g.Schema()
	if err != nil {
		t.Fatal(err)
	}
	out, err := format.Source(res.JSON)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, res.JSON) {
		t.Fatalf("schemagen output is not formatted\n--- schemagen\n%s--- formatted\n%s", res.JSON, out)
	}
	if !bytes.Contains(out, []byte(`"identityType": "contact"`)) || !bytes.Contains(out, []byte(`"futureDate": true`)) {
		t.Fatalf("the sample did not exercise identityType and futureDate:\n%s", out)
	}
}
