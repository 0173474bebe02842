package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemagenHintsContradicted is the defect where hints that the
// samples or the dialect contradict gave exit 0 and a schema with lint
// errors: they are usage errors (exit 2) naming the key, and nothing is
// written.
func TestSchemagenHintsContradicted(t *testing.T) {
	dir := t.TempDir()
	sample := writeTemp(t, dir, "s.json", `{"first_name": "Ada", "n": 1}`, 0o644)
	out := filepath.Join(dir, "schema.json")
	for hints, want := range map[string]string{
		`{"first_name": {"format": "uuid"}}`:         `hint for first_name: format "uuid", but not every value seen is one`,
		`{"first_name": {"wixCustomType": "MONEY"}}`: "hint for first_name: wixCustomType MONEY, but the values seen are strings",
		`{"first_name": {"format": "bogus"}}`:        `hint for first_name: unknown format "bogus"`,
		`{"last_name": {"title": "Last"}}`:           "hint for last_name: no such property in the samples",
	} {
		h := writeTemp(t, dir, "hints.json", hints, 0o644)
		stdout, errOut, code := runSchemagen(t, "", "-o", out, "--hints", h, sample)
		if code != ExitError || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", hints, code, errOut, want)
		}
		if stdout != "" {
			t.Errorf("%s: wrote %q", hints, stdout)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: the schema was written", hints)
		}
		_, errOut, code = runSchemagen(t, "", "--transform", "--hints", h, sample)
		if code != ExitError || !strings.Contains(errOut, want) {
			t.Errorf("--transform %s: exit %d, stderr %q; want 2 and %q", hints, code, errOut, want)
		}
	}
	h := writeTemp(t, dir, "hints.json", `{"first_name": {"title": "First"}}`, 0o644)
	if _, errOut, code := runSchemagen(t, "", "-q", "-o", out, "--hints", h, sample); code != ExitOK {
		t.Errorf("a hint that fits: exit %d: %s", code, errOut)
	}
}

// TestSchemagenTransformKeyOrder is the defect where --transform, with and
// without --schema, named a key by the order of the keys: the key that
// follows the key rules keeps its name in both orders.
func TestSchemagenTransformKeyOrder(t *testing.T) {
	dir := t.TempDir()
	ab := writeTemp(t, dir, "ab.json", `{"first_name":"REAL","first name":"SANITISED"}`, 0o644)
	ba := writeTemp(t, dir, "ba.json", `{"first name":"SANITISED","first_name":"REAL"}`, 0o644)
	schemaOut := filepath.Join(dir, "schema.json")
	if _, errOut, code := runSchemagen(t, "", "-q", "-o", schemaOut, ab); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{"--transform", ab}, {"--transform", ba},
		{"--transform", "--schema", schemaOut, ab}, {"--transform", "--schema", schemaOut, ba},
	} {
		stdout, errOut, code := runSchemagen(t, "", append([]string{"-q"}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if !strings.Contains(stdout, `"first_name":"REAL"`) || !strings.Contains(stdout, `"first_name_2":"SANITISED"`) {
			t.Errorf("%v: got %s, want first_name REAL and first_name_2 SANITISED", args, stdout)
		}
	}
}
