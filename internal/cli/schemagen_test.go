package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func runSchemagen(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Schemagen(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
	return out.String(), errOut.String(), code
}

// TestWixCompatDocumentedPair checks the one input/output pair Wix documents.
func TestWixCompatDocumentedPair(t *testing.T) {
	in := `{ "formId": "ca6385a-4fb6-bca0-ba0b286b6b75", "formName": "Contact Form", "submitterId": "66d55169-2bdb-4419-acdd-1883047c" }`
	want := `{ "type": "object",
  "properties": {
    "formId":      { "type": "string", "title": "Form Id",      "examples": ["ca6385a-4fb6-bca0-ba0b286b6b75"] },
    "formName":    { "type": "string", "title": "Form Name",    "examples": ["Contact Form"] },
    "submitterId": { "type": "string", "title": "Submitter Id", "examples": ["66d55169-2bdb-4419-acdd-1883047c"] } },
  "required": ["formId", "formName", "submitterId"] }`
	out, errOut, code := runSchemagen(t, in, "--wix-compat", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got, exp any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// Key order, as the dashboard writes it.
	if i, j := strings.Index(out, `"formId"`), strings.Index(out, `"submitterId"`); i < 0 || i > j {
		t.Errorf("key order lost:\n%s", out)
	}
	if _, _, code := runSchemagen(t, in+"\n"+in, "--wix-compat", "-"); code != ExitError {
		t.Errorf("two samples with --wix-compat: exit %d, want 2", code)
	}
}

func TestSchemagenCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"orderId": "6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13", "n": 1}`)
	ndjson := write("more.ndjson", "{\"orderId\": \"2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6\", \"n\": 2}\n{\"n\": 3,}\n[1]\n{\"orderId\": \"0d2c7a9b-1c9d-4e27-8f41-6b8f3a525e13\", \"n\": 4.5}\n")
	outFile := filepath.Join(dir, "schema.json")

	t.Run("refused records are reported and the others used", func(t *testing.T) {
		_, errOut, code := runSchemagen(t, "", "-q", "-o", outFile, good, ndjson, filepath.Join(dir, "missing.json"))
		if code != ExitError {
			t.Errorf("exit %d, want 2 for a missing file: %s", code, errOut)
		}
		_, errOut, code = runSchemagen(t, "", "-q", "-o", outFile, good, ndjson)
		if code != ExitFindings {
			t.Errorf("exit %d, want 1: %s", code, errOut)
		}
		for _, want := range []string{ndjson + ":2:9: ", ndjson + ":3:1: the sample is an array, want an object"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errOut)
			}
		}
		b, err := os.ReadFile(outFile)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"type": "number"`, `"format": "uuid"`, `"examples": [1, 2, 4.5]`} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("schema lacks %s:\n%s", want, b)
			}
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".schema.json.*")); len(m) != 0 {
			t.Errorf("temporary files left: %v", m)
		}
	})
	t.Run("transform", func(t *testing.T) {
		in := write("deep.json", `{"a": {"b c": 1}, "tags": ["x"], "n": null}`)
		out, errOut, code := runSchemagen(t, "", "--transform", in)
		if code != 0 || out != `{"a_b_c":1,"tags":[{"value":"x"}]}`+"\n" {
			t.Errorf("exit %d, out %q, stderr %s", code, out, errOut)
		}
		out, errOut, code = runSchemagen(t, "", "--transform", "--schema", outFile, good)
		if code != 0 || out != `{"orderId":"6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13","n":1}`+"\n" {
			t.Errorf("exit %d, out %q, stderr %s", code, out, errOut)
		}
	})
	t.Run("flags", func(t *testing.T) {
		_, errOut, code := runSchemagen(t, "", "--contact-id", "n", good)
		if code != ExitError || !strings.Contains(errOut, `contact ID "n": its values are not all UUIDs`) {
			t.Errorf("exit %d: %s", code, errOut)
		}
		hints := write("hints.json", `{"n": {"titel": "x"}}`)
		_, errOut, code = runSchemagen(t, "", "--hints", hints, good)
		if code != ExitError || !strings.Contains(errOut, `unknown field "titel"`) {
			t.Errorf("exit %d: %s", code, errOut)
		}
		if _, _, code := runSchemagen(t, ""); code != ExitError {
			t.Errorf("no samples: exit %d", code)
		}
		if _, _, code := runSchemagen(t, "", "--schema", outFile, good); code != ExitError {
			t.Errorf("--schema without --transform: exit %d", code)
		}
	})
	t.Run("notes on stderr", func(t *testing.T) {
		in := write("key.json", `{"first name": "x"}`)
		out, errOut, code := runSchemagen(t, "", in)
		if code != 0 || !strings.Contains(out, `"first_name"`) || !strings.Contains(errOut, "schemagen: note: /first name -> first_name: key changed to follow the key rules") {
			t.Errorf("exit %d\n%s\n%s", code, out, errOut)
		}
	})
}

// TestSchemagenRefusesRepeatedKeys checks that a sample that repeats a key
// is reported with its file position, the same way with and without
// --transform, and that the other samples are used.
func TestSchemagenRefusesRepeatedKeys(t *testing.T) {
	in := "{\"a\":1,\"b\":2}\n{\"a\":1,\"a\":2}\n"
	for _, args := range [][]string{{"-q", "-"}, {"--transform", "-q", "-"}} {
		if args[0] == "--transform" {
			dir := t.TempDir()
			path := filepath.Join(dir, "s.ndjson")
			if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
				t.Fatal(err)
			}
			args = []string{"--transform", "-q", path}
		}
		_, errOut, code := runSchemagen(t, in, args...)
		if code != ExitFindings || !strings.Contains(errOut, `:2:8: duplicate key "a": its object has it already at offset 1`) {
			t.Errorf("schemagen %v: exit %d, stderr %q", args, code, errOut)
		}
	}
}
