package generate_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/lint/linttest"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// TestUpdateIdempotent: updating a generated schema with the samples it
// was made from changes nothing, byte for byte, and notes nothing.
func TestUpdateIdempotent(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/samples/*.json")
	if len(paths) == 0 {
		t.Fatal("no samples")
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, opts := range []generate.Options{{}, {KeepJSONStrings: true}} {
			res := checkClean(t, opts, nil, src)
			up, err := generate.Update(res.JSON, opts, src)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if !bytes.Equal(up.JSON, res.JSON) {
				t.Errorf("%s: the update changed the schema:\n%s\nwant\n%s", p, up.JSON, res.JSON)
			}
			if len(up.Notes) != 0 {
				t.Errorf("%s: notes %v, want none", p, up.Notes)
			}
		}
	}
}

// TestUpdateGolden runs each testdata/update/*.txtar: it updates the
// archive's "schema.json" with its sample*.json files, with the options of
// its "flags" and "hints.json" as TestGolden reads them, and compares the
// result, the notes and the changes diff.Compare classifies (old to new)
// with "updated.json", "notes" and "changes". The transformed samples must
// validate against the updated schema, unless the archive has a
// "refused" file (a property no sample holds is still required).
func TestUpdateGolden(t *testing.T) {
	linttest.Golden(t, "testdata/update/*.txtar", func(t *testing.T, ar *txtar.Archive) []txtar.File {
		var old []byte
		var samples [][]byte
		var opts generate.Options
		refused := false
		for _, f := range ar.Files {
			switch {
			case f.Name == "schema.json":
				old = f.Data
			case strings.HasPrefix(f.Name, "sample") && strings.HasSuffix(f.Name, ".json"):
				samples = append(samples, f.Data)
			case f.Name == "refused":
				refused = true
			case f.Name == "hints.json":
				h, err := generate.ParseHints(f.Data)
				if err != nil {
					t.Fatal(err)
				}
				opts.Hints = h
			case f.Name == "flags":
				opts = parseFlags(t, string(f.Data), opts)
			}
		}
		res, err := generate.Update(old, opts, samples...)
		if err != nil {
			t.Fatal(err)
		}
		if errs := lintErrors(t, res.JSON); errs != "" {
			t.Errorf("lint errors:\n%s", errs)
		}
		if !refused {
			tr, err := generate.NewTransformerFor(res.JSON, opts)
			if err != nil {
				t.Fatal(err)
			}
			v, err := validate.New(res.JSON, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range samples {
				out, err := tr.Transform(s)
				if err != nil {
					t.Fatal(err)
				}
				if r := v.Validate(out); !r.Valid() {
					t.Errorf("transformed sample %d does not validate: %v", i, r.Errors())
				}
			}
		}
		var notes strings.Builder
		for _, n := range res.Notes {
			notes.WriteString(n.String() + "\n")
		}
		od, err := schema.Load("old", old)
		if err != nil {
			t.Fatal(err)
		}
		nd, err := schema.Load("new", res.JSON)
		if err != nil {
			t.Fatal(err)
		}
		changes, err := diff.Compare(od, nd)
		if err != nil {
			t.Fatal(err)
		}
		var cs strings.Builder
		for _, c := range changes {
			fmt.Fprintf(&cs, "%s %s %s: %s\n", c.Kind.ID, c.Kind.Class, c.Pointer, c.Message)
		}
		return []txtar.File{
			{Name: "updated.json", Data: res.JSON},
			{Name: "notes", Data: []byte(notes.String())},
			{Name: "changes", Data: []byte(cs.String())},
		}
	})
}
