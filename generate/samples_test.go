package generate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// lintErrors returns the linter's errors on a schema, one per line.
func lintErrors(t testing.TB, src []byte) string {
	t.Helper()
	doc, err := schema.Load("schema.json", src)
	if err != nil {
		return "parse: " + err.Error()
	}
	sel, err := lint.Select(rules.All(), lint.SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	diags, err := lint.Run(doc, sel)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, d := range diags {
		if f := lint.NewFinding(doc.File, d); f.Severity == lint.Error {
			b.WriteString(lint.FormatText(f) + "\n")
		}
	}
	return b.String()
}

// checkRoundTrip generates a schema from samples and checks that it lints
// without errors and that every transformed sample validates without
// errors. It returns the schema.
func checkRoundTrip(t testing.TB, opts generate.Options, samples ...[]byte) *generate.Result {
	t.Helper()
	g := generate.New(opts)
	for _, s := range samples {
		if err := g.Add(s); err != nil {
			t.Fatalf("Add: %v", err)
		}
	}
	res, err := g.Schema()
	if err != nil {
		t.Fatalf("Schema: %v", err)
	}
	if errs := lintErrors(t, res.JSON); errs != "" {
		t.Fatalf("lint errors:\n%s\nschema:\n%s", errs, res.JSON)
	}
	tr, err := generate.NewTransformer(res.JSON)
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
			t.Fatalf("Transform sample %d: %v", i, err)
		}
		if r := v.Validate(out); !r.Valid() {
			t.Fatalf("transformed sample %d does not validate:\n%v\nsample:\n%s\nschema:\n%s", i, r.Errors(), out, res.JSON)
		}
	}
	return res
}

// TestSharedSamples runs every real sample through the generator, alone
// and all together.
func TestSharedSamples(t *testing.T) {
	files, err := filepath.Glob("../testdata/samples/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no samples in ../testdata/samples")
	}
	var all [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, src)
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkRoundTrip(t, generate.Options{}, src)
		})
	}
	t.Run("all together", func(t *testing.T) {
		checkRoundTrip(t, generate.Options{}, all...)
	})
}

// TestFromTypeLintsClean checks the Go type of the example.
func TestFromTypeLintsClean(t *testing.T) {
	res, err := generate.FromType(&OrderPaid{}, generate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if errs := lintErrors(t, res.JSON); errs != "" {
		t.Fatalf("lint errors:\n%s\n%s", errs, res.JSON)
	}
	if _, err := generate.FromType(42, generate.Options{}); err == nil {
		t.Error("FromType(42): no error")
	}
}
