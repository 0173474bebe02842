package generate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/validate"
)

// FuzzGenerate checks that no input panics, and that whenever a sample is
// accepted the schema parses, has no lint finding but the placeholder
// descriptions (TK3003, TK3004), and the transformed sample validates
// against it without errors; and that updating the schema with the same
// sample changes nothing (generate.Update).
func FuzzGenerate(f *testing.F) {
	files, _ := filepath.Glob("../testdata/samples/*.json")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{}`, `{"a":null}`, `{"a":{}}`, `{"a":[[]]}`, `{"a":[null,1,"x",{"b":[1]}]}`,
		`{"p":{"value":1,"currency":"EUR"}}`, `{"p":{"value":"x","currency":"EUR"}}`,
		`{"f":{"fileName":"a","downloadUrl":"https://x.com/a"}}`, `{"a b":1,"a_b":2,"a":{"b":3}}`,
		`{"":1,"_":2,"$":3}`, `{"a":1,"A":"x"}`, `{"createdEvent":{"entityAsJson":"{\\"id\\":1}"},"id":"x"}`,
		`{"data":{"data":{"contactId":"6232fddc-9b3f-48c0-a921-dc0f158451d3"}}}`, `{"s":"","t":"  x"}`, `{"x":[{"value":{"value":1,"currency":"X"}}]}`, `{"t":"12:00:00"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, sample []byte) {
		g := generate.New(generate.Options{})
		if g.Add(sample) != nil {
			return
		}
		res, err := g.Schema()
		if err != nil {
			return // nothing to describe
		}
		// A sample whose every key holds null has nothing to require.
		if fs := lintFindings(t, res.JSON, "TK1005"); fs != "" {
			t.Fatalf("lint findings other than TK3003/TK3004:\n%s\nschema:\n%s", fs, res.JSON)
		}
		tr, err := generate.NewTransformer(res.JSON)
		if err != nil {
			t.Fatal(err)
		}
		out, err := tr.Transform(sample)
		if err != nil {
			t.Fatalf("Transform: %v", err)
		}
		v, err := validate.New(res.JSON, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r := v.Validate(out); !r.Valid() {
			t.Fatalf("transformed sample does not validate: %v\n%s\nschema:\n%s", r.Errors(), out, res.JSON)
		}
		up, err := generate.Update(res.JSON, generate.Options{}, sample)
		if err != nil {
			t.Fatalf("Update: %v", err)
		}
		if !bytes.Equal(up.JSON, res.JSON) || len(up.Notes) != 0 {
			t.Fatalf("updating the schema with its own sample changed it:\n%s\nnotes %v\nschema:\n%s", up.JSON, up.Notes, res.JSON)
		}
	})
}
