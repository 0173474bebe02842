package generate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// lintFindings returns the linter's findings on a schema other than the
// placeholder descriptions (TK3003, TK3004) and those allowed, one per
// line.
func lintFindings(t testing.TB, src []byte, allowed ...string) string {
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
		f := lint.NewFinding(doc.File, d)
		if id := f.Rule; id == "TK3003" || id == "TK3004" || slices.Contains(allowed, id) {
			continue
		}
		b.WriteString(lint.FormatText(f) + "\n")
	}
	return b.String()
}

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
	return checkClean(t, opts, nil, samples...)
}

// checkClean is checkRoundTrip with every lint finding checked: a nil
// allowed checks only errors; else the findings other than TK3003,
// TK3004 and allowed fail the test.
func checkClean(t testing.TB, opts generate.Options, allowed []string, samples ...[]byte) *generate.Result {
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
	if allowed != nil {
		if fs := lintFindings(t, res.JSON, allowed...); fs != "" {
			t.Fatalf("lint findings:\n%s", fs)
		}
	}
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
			t.Fatalf("Transform sample %d: %v", i, err)
		}
		for _, line := range bytes.Split(out, []byte("\n")) {
			if r := v.Validate(line); !r.Valid() {
				t.Fatalf("transformed sample %d does not validate:\n%v\nsample:\n%s\nschema:\n%s", i, r.Errors(), line, res.JSON)
			}
		}
	}
	return res
}

// sampleRoots are the parts of the real samples that --root would pick:
// the entity each describes.
var sampleRoots = map[string]string{
	"events-event-object.json":                  "event",
	"events-query-response.json":                "events[]",
	"webhook-event-canceled.json":               "actionEvent.bodyAsJson",
	"webhook-event-created.json":                "createdEvent.entityAsJson",
	"webhook-event-ended.json":                  "actionEvent.bodyAsJson",
	"webhook-event-reminder.json":               "actionEvent.bodyAsJson",
	"wix-bookings-v2-booking-created.json":      "createdEvent.entityAsJson",
	"wix-contacts-contact-created.json":         "createdEvent.entityAsJson",
	"wix-ecom-orders-order-approved.json":       "actionEvent.body.order",
	"wix-forms-form-submitted.json":             "data.data",
	"wix-pricing-plans-order-purchased.json":    "actionEvent.body.order",
	"wix-restaurants-orders-order-created.json": "createdEvent.entityAsJson.order",
}

// TestSharedSamples runs every real sample through the generator, alone
// and all together, with and without a root: the schema's only lint
// findings are the placeholder descriptions, and every transformed sample
// validates. Together, samples of unrelated triggers share no key, so
// nothing can be required (TK1005), and a contact ID that only some of
// them hold cannot be connected (TK7006): those two are allowed there.
func TestSharedSamples(t *testing.T) {
	files, err := filepath.Glob("../testdata/samples/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(sampleRoots) {
		t.Fatalf("%d samples in ../testdata/samples, %d roots", len(files), len(sampleRoots))
	}
	var all [][]byte
	byRoot := map[string][][]byte{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, src)
		root := sampleRoots[filepath.Base(f)]
		byRoot[root] = append(byRoot[root], src)
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkClean(t, generate.Options{}, []string{}, src)
		})
		t.Run(filepath.Base(f)+" root "+root, func(t *testing.T) {
			checkClean(t, generate.Options{Root: root}, []string{}, src)
		})
	}
	t.Run("all together", func(t *testing.T) {
		checkClean(t, generate.Options{}, []string{"TK1005", "TK7006"}, all...)
	})
	for root, srcs := range byRoot {
		t.Run("all together root "+root, func(t *testing.T) {
			checkClean(t, generate.Options{Root: root}, []string{"TK1005", "TK7006"}, srcs...)
		})
	}
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
