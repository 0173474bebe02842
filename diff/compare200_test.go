package diff

import (
	"os"
	"testing"

	"github.com/triggerkit/triggerkit/internal/testschemas"
	"github.com/triggerkit/triggerkit/lint/linttest"
	"github.com/triggerkit/triggerkit/schema"
)

// TestCompare200Golden pins, byte for byte, every change, message and
// example payload of the pair that BenchmarkCompare200 times, so that work
// on the speed of the example search cannot change what it finds.
// go test -update rewrites testdata/compare200.want.
func TestCompare200Golden(t *testing.T) {
	od, err := schema.Load("old.json", []byte(testschemas.Schema200(false)))
	if err != nil {
		t.Fatal(err)
	}
	nd, err := schema.Load("new.json", []byte(testschemas.Schema200(true)))
	if err != nil {
		t.Fatal(err)
	}
	changes, err := Compare(od, nd)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		checkExample(t, od, nd, c)
	}
	got := render(od, nd, changes)
	const file = "testdata/compare200.want"
	if linttest.Update() {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("got changes\n%s\nwant\n%s", got, want)
	}
}
