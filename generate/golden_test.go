package generate_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/generate"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden runs each testdata/golden/*.txtar: its sample*.json files
// (and samples.ndjson lines) in name order, with the options of its
// "flags" file (contact-id=KEY, future-date=KEY) and its hints.json. It
// compares the schema, the notes and the transformed samples with the
// archive's "schema.json", "notes" and "transformed", and checks that the
// schema lints without errors and the transformed samples validate.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var samples [][]byte
			var opts generate.Options
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "sample") && strings.HasSuffix(f.Name, ".json"):
					samples = append(samples, f.Data)
				case f.Name == "samples.ndjson":
					samples = append(samples, bytes.Split(bytes.TrimSpace(f.Data), []byte("\n"))...)
				case f.Name == "hints.json":
					if opts.Hints, err = generate.ParseHints(f.Data); err != nil {
						t.Fatal(err)
					}
				case f.Name == "flags":
					for _, kv := range strings.Fields(string(f.Data)) {
						k, v, _ := strings.Cut(kv, "=")
						switch k {
						case "contact-id":
							opts.ContactID = v
						case "future-date":
							opts.FutureDate = v
						default:
							t.Fatalf("unknown flag %q", k)
						}
					}
				}
			}
			res := checkRoundTrip(t, opts, samples...)
			var notes strings.Builder
			for _, n := range res.Notes {
				notes.WriteString(n.String() + "\n")
			}
			tr, err := generate.NewTransformer(res.JSON)
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
			got := map[string][]byte{"schema.json": res.JSON, "notes": []byte(notes.String()), "transformed": transformed.Bytes()}
			compareGolden(t, file, ar, got)
		})
	}
}

// compareGolden compares the archive's files named in got, or rewrites
// them with -update.
func compareGolden(t *testing.T, file string, ar *txtar.Archive, got map[string][]byte) {
	t.Helper()
	changed := false
	for _, name := range []string{"schema.json", "notes", "transformed"} {
		data, ok := got[name]
		if !ok {
			continue
		}
		found := false
		for i := range ar.Files {
			if ar.Files[i].Name != name {
				continue
			}
			found = true
			if !bytes.Equal(ar.Files[i].Data, data) {
				if *update {
					ar.Files[i].Data = data
					changed = true
				} else {
					t.Errorf("%s differs (run go test ./generate -run TestGolden -update)\ngot:\n%s\nwant:\n%s", name, data, ar.Files[i].Data)
				}
			}
		}
		if !found {
			if !*update {
				t.Errorf("%s: no %q section (run with -update)", file, name)
				continue
			}
			ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
			changed = true
		}
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
