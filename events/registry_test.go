package events_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/validate"
)

func TestLoadFSKeysFromFileNames(t *testing.T) {
	reg := registry(t)
	if got := reg.TriggerKeys(); !slices.Equal(got, []string{"form-submitted", "order-paid"}) {
		t.Errorf("keys %q", got)
	}
	if _, ok := reg.Validator("order-paid"); !ok {
		t.Errorf("order-paid missing")
	}
	reg, err := events.LoadDir("testdata/schemas", &events.RegistryOptions{Rules: rules.All()})
	if err != nil || len(reg.TriggerKeys()) != 2 {
		t.Fatalf("LoadDir: %v", err)
	}
}

// TestLoadFSReportsEveryProblem: every bad file is reported, by path.
func TestLoadFSReportsEveryProblem(t *testing.T) {
	good := []byte(lenientSchema)
	fsys := fstest.MapFS{
		"a/ok.json":            {Data: good},
		"b/ok.json":            {Data: good},
		"Bad Name.json":        {Data: good},
		"broken.json":          {Data: []byte(`{"type": `)},
		".hidden/skipped.json": {Data: []byte(`nope`)},
		"notes.txt":            {Data: []byte(`nope`)},
	}
	_, err := events.LoadFS(fsys, nil)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{`b/ok.json: trigger key "ok": already served by a/ok.json`, `Bad Name.json: trigger key "Bad Name"`, "broken.json:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "skipped") || strings.Contains(msg, "notes") {
		t.Errorf("hidden folders and other files read:\n%s", msg)
	}
	var le *events.SchemaLoadError
	var ke *events.TriggerKeyError
	if !errors.As(err, &le) || !errors.As(err, &ke) {
		t.Errorf("want a *SchemaLoadError and a *TriggerKeyError in %v", err)
	}
	// With rules, a schema with lint errors is refused with its findings.
	_, err = events.LoadDir("../examples", &events.RegistryOptions{Rules: rules.All()})
	var se *validate.SchemaError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "../examples/appointment-booked.json") {
		t.Errorf("got %v, want a *validate.SchemaError naming the file", err)
	}
	if _, err := events.LoadFS(fstest.MapFS{}, nil); err == nil {
		t.Errorf("empty file system: no error")
	}
	if _, err := events.LoadDir("testdata/schemas/order-paid.json", nil); err == nil {
		t.Errorf("a file given as the directory: no error")
	}
}
