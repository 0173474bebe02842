package generate_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/lint/linttest"
)

// TestGolden runs each testdata/golden/*.txtar: its sample*.json files
// (and samples.ndjson lines) in name order, with the options of its
// "flags" file (contact-id=KEY, future-date=KEY, root=PATH, no-contact-id,
// keep-json-strings) and its hints.json. It compares the schema, the notes
// and the transformed samples with the archive's "schema.json", "notes"
// and "transformed", and checks that the schema lints without errors and
// the transformed samples validate. With an "allowed" file (rule IDs, or
// empty), the schema has no finding but TK3003, TK3004 and those.
func TestGolden(t *testing.T) {
	linttest.Golden(t, "testdata/golden/*.txtar", func(t *testing.T, ar *txtar.Archive) []txtar.File {
		var err error
		var samples [][]byte
		var opts generate.Options
		var allowed []string
		for _, f := range ar.Files {
			switch {
			case strings.HasPrefix(f.Name, "sample") && strings.HasSuffix(f.Name, ".json"):
				samples = append(samples, f.Data)
			case f.Name == "samples.ndjson":
				samples = append(samples, bytes.Split(bytes.TrimSpace(f.Data), []byte("\n"))...)
			case f.Name == "allowed":
				allowed = strings.Fields(string(f.Data))
				if allowed == nil {
					allowed = []string{}
				}
			case f.Name == "hints.json":
				if opts.Hints, err = generate.ParseHints(f.Data); err != nil {
					t.Fatal(err)
				}
			case f.Name == "flags":
				opts = parseFlags(t, string(f.Data), opts)
			}
		}
		res := checkClean(t, opts, allowed, samples...)
		var notes strings.Builder
		for _, n := range res.Notes {
			notes.WriteString(n.String() + "\n")
		}
		tr, err := generate.NewTransformerFor(res.JSON, opts)
		if err != nil {
			t.Fatal(err)
		}
		var transformed bytes.Buffer
		for _, s := range samples {
			out, err := tr.Transform(s)
			if err != nil {
				t.Fatal(err)
			}
			transformed.Write(out)
			transformed.WriteByte('\n')
		}
		return []txtar.File{
			{Name: "schema.json", Data: res.JSON},
			{Name: "notes", Data: []byte(notes.String())},
			{Name: "transformed", Data: transformed.Bytes()},
		}
	})
}

// parseFlags reads the options of a golden archive's "flags" file:
// contact-id=KEY, future-date=KEY, root=PATH, no-contact-id,
// keep-json-strings.
func parseFlags(t *testing.T, flags string, opts generate.Options) generate.Options {
	t.Helper()
	for _, kv := range strings.Fields(flags) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "contact-id":
			opts.ContactID = v
		case "future-date":
			opts.FutureDate = v
		case "root":
			opts.Root = v
		case "no-contact-id":
			opts.NoContactID = true
		case "keep-json-strings":
			opts.KeepJSONStrings = true
		default:
			t.Fatalf("unknown flag %q", k)
		}
	}
	return opts
}
