package rules

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// TestCleanSchemasAreDraft07 checks, over the examples, the shared fixtures
// and every golden input, that whenever the reference validator refuses a
// schema as draft-07, the linter reports at least one error: the linter
// never blesses what JSON Schema rejects.
func TestCleanSchemasAreDraft07(t *testing.T) {
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type input struct {
		name string
		src  []byte
	}
	var inputs []input
	for _, pattern := range []string{"../examples/*.json", "../testdata/schemas/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, input{f, src})
		}
	}
	eachArchiveFile(t, "testdata/*/*.txtar", func(archive string, f txtar.File) {
		if f.Name != "want" {
			inputs = append(inputs, input{archive + ":" + f.Name, f.Data})
		}
	})
	checked, refused := 0, 0
	for _, in := range inputs {
		doc, perr := schema.Load(in.name, in.src)
		if perr != nil {
			continue
		}
		diags, err := lint.Run(doc, sel)
		if err != nil {
			t.Fatal(err)
		}
		hasError := false
		for _, d := range diags {
			hasError = hasError || d.Severity == lint.Error
		}
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft7
		c.LoadURL = func(string) (io.ReadCloser, error) { return nil, errNoLoading }
		err = c.AddResource("schema.json", bytes.NewReader(in.src))
		if err == nil {
			_, err = c.Compile("schema.json")
		}
		checked++
		if err != nil {
			refused++
			if !hasError {
				t.Errorf("%s: the reference validator refuses it as draft-07 but the linter reports no error: %v", in.name, err)
			}
		}
	}
	t.Logf("%d schemas checked, %d refused by the reference validator", checked, refused)
	if checked < 100 || refused == 0 {
		t.Errorf("%d schemas checked, %d refused: the corpus is too small to mean anything", checked, refused)
	}
}

var errNoLoading = errors.New("loading schemas from URLs is disabled")
