package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/findings"
)

// TestWriteBaselineNeverOverwritesAnInput is the regression test of
// --write-baseline replacing the schema it linted (or a payload it
// validated, or a side of a diff) with baseline JSON: like -o, it refuses
// a target that is an input of the run, with exit 2, and leaves it as it
// was.
func TestWriteBaselineNeverOverwritesAnInput(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.json": flaggedSchema, "b.json": cleanSchema, "p.json": `{"orderId": 1}`}
	writeFiles(t, dir, files)
	if err := os.Symlink("a.json", filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		target string
		args   []string
	}{
		{"a.json", []string{"lint", "a.json"}},
		{"link.json", []string{"lint", "a.json"}},
		{"b.json", []string{"validate", "--schema", "b.json", "p.json"}},
		{"p.json", []string{"validate", "--schema", "b.json", "p.json"}},
		{"a.json", []string{"diff", "b.json", "a.json"}},
		{"b.json", []string{"diff", "b.json", "a.json"}},
	} {
		args := append(tc.args, "--no-config", "--write-baseline", tc.target)
		r := cmdIn(t, dir, "", args...)
		if r.code != ExitError || !strings.Contains(r.stderr, tc.target+" is") || !strings.Contains(r.stderr, "refusing to overwrite it") {
			t.Errorf("%v: exit %d, want %d and a refusal\n%s%s", args, r.code, ExitError, r.stdout, r.stderr)
		}
		for name, want := range files {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != want {
				t.Fatalf("%v: %s was overwritten: %v\n%s", args, name, err, b)
			}
		}
	}
	// diff --base names its files by repository path: run from a
	// subfolder, the working tree's file is still recognised.
	repo, _ := gitRepo(t, map[string]string{"schemas/a.json": cleanSchema})
	writeFiles(t, repo, map[string]string{"schemas/a.json": flaggedSchema})
	for _, out := range []string{"--write-baseline", "-o"} {
		r := cmdIn(t, filepath.Join(repo, "schemas"), "", "diff", "--base", "v1", ".", "--no-config", out, "a.json")
		if b, _ := os.ReadFile(filepath.Join(repo, "schemas", "a.json")); r.code != ExitError || string(b) != flaggedSchema {
			t.Errorf("diff --base %s the changed schema: exit %d\n%s%s", out, r.code, r.stdout, r.stderr)
		}
	}
	// A baseline that is no input is written as before.
	if r := cmdIn(t, dir, "", "lint", "a.json", "--no-config", "--write-baseline", "base.json"); r.code != ExitOK {
		t.Errorf("--write-baseline base.json: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "base.json")); err != nil {
		t.Error(err)
	}
}

// TestSchemagenHintsMistakesAtFileLineCol is the regression test of
// `hints.json: 1:17:  is number, want generate.Hint`: a mistake in a hints
// file is reported as FILE:LINE:COL: message, exit 2.
func TestSchemagenHintsMistakesAtFileLineCol(t *testing.T) {
	dir := t.TempDir()
	sample := writeTemp(t, dir, "s.json", `{"first_name": "Ada"}`, 0o644)
	for hints, want := range map[string]string{
		`{"first_name": 5}`:                   `hints.json:1:16: hint for "first_name" is a number, want an object` + "\n",
		`{"first_name": {"type": "string"}}`:  `hints.json:1:17: unknown field "type" in the hint for "first_name"; want title, description, format, required or wixCustomType` + "\n",
		`{"first_name": {"title": "First",}}`: "hints.json:1:33: trailing comma before }\n",
	} {
		h := writeTemp(t, dir, "hints.json", hints, 0o644)
		stdout, errOut, code := runSchemagen(t, "", "--hints", h, sample)
		want = filepath.Join(dir, want)
		if code != ExitError || errOut != want || stdout != "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", hints, code, errOut, want)
		}
	}
}

// TestTK1001SpanCoversTheNoBreakSpace is the regression test of the JSON
// report giving endColumn 2 for the no-break space at 2:1 of
// examples/invoice-due-pasted.json: the span ends after its two bytes.
func TestTK1001SpanCoversTheNoBreakSpace(t *testing.T) {
	r := cmdIn(t, "", "", "lint", "--no-config", "--format", "json", filepath.Join("..", "..", "examples", "invoice-due-pasted.json"))
	var rep findings.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Findings) == 0 {
		t.Fatalf("exit %d: %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	f := rep.Findings[0]
	if f.Rule != "TK1001" || f.Line != 2 || f.Column != 1 || f.EndLine != 2 || f.EndColumn != 3 {
		t.Errorf("got %s %d:%d-%d:%d, want TK1001 2:1-2:3", f.Rule, f.Line, f.Column, f.EndLine, f.EndColumn)
	}
}

// TestValidateFileWithoutPayloadIsAnError is the regression test of an
// NDJSON file of blank lines passing validate with exit 0 and no output,
// while a .json file of one newline got "the payload is empty": a file
// with no payload at all is an error naming it, exit 2, for JSON and
// NDJSON alike, and the other files are still validated.
func TestValidateFileWithoutPayloadIsAnError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"s.json": cleanSchema, "ok.json": `{"orderId": "a"}`,
		"b.ndjson": "\n\n", "e.json": "\n", "z.json": "", "z.ndjson": "", "w.jsonl": " \r\n\t\n", "w.txt": "  \n\t\n"})
	for _, name := range []string{"b.ndjson", "e.json", "z.json", "z.ndjson", "w.jsonl", "w.txt", "-"} {
		r := cmdIn(t, dir, "", "validate", "--no-config", "--schema", "s.json", "--format", "json", name, "ok.json")
		display := name
		if name == "-" {
			display = "<stdin>"
		}
		want := "triggerlint: " + display + ": no payload: the file is empty or holds only white space\n"
		if r.code != ExitError || r.stderr != want || !strings.Contains(r.stdout, `"files": 1,`) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q, with ok.json validated\n%s", name, r.code, r.stderr, ExitError, want, r.stdout)
		}
	}
	// A blank line between NDJSON records is no error.
	writeFiles(t, dir, map[string]string{"p.ndjson": "\n{\"orderId\": \"a\"}\n\n{\"orderId\": \"b\"}\n\n"})
	if r := cmdIn(t, dir, "", "validate", "--no-config", "--schema", "s.json", "p.ndjson"); r.code != ExitOK || r.stderr != "" {
		t.Errorf("blank lines between records: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestValidateSchemaLintErrorsCountedInTheSingular is the regression test
// of "the schema has 1 lint errors": one error is counted in the singular,
// two in the plural.
func TestValidateSchemaLintErrorsCountedInTheSingular(t *testing.T) {
	dir := t.TempDir()
	two := strings.Replace(flaggedSchema, `"examples": [1]}`, `"examples": [1]},
    "n": {"type": "integer", "title": "N", "description": "A number.", "examples": ["x"]}`, 1)
	writeFiles(t, dir, map[string]string{"one.json": flaggedSchema, "two.json": two, "p.json": `{}`})
	for schema, want := range map[string]string{
		"one.json": "triggerlint: one.json: the schema has 1 lint error; fix it before validating payloads\n",
		"two.json": "triggerlint: two.json: the schema has 2 lint errors; fix them before validating payloads\n",
	} {
		r := cmdIn(t, dir, "", "validate", "--no-config", "--schema", schema, "p.json")
		if r.code != ExitError || !strings.HasSuffix(r.stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want it to end %q", schema, r.code, r.stderr, want)
		}
	}
}

// TestValidateMaxViolations checks --max-violations (issue 12 item 11): N
// caps the violations listed per payload, with one TK9029 counting the
// rest; 0 is the default of 100; a negative N lists every one; anything
// but a whole number is a usage error.
func TestValidateMaxViolations(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"orderId": "a"`)
	for i := range 150 {
		fmt.Fprintf(&b, `, "k%d": 1`, i)
	}
	b.WriteString("}")
	writeFiles(t, dir, map[string]string{"s.json": cleanSchema, "p.json": b.String(), "p.ndjson": b.String() + "\n" + b.String() + "\n"})
	for _, tc := range []struct {
		args     []string
		listed   int // TK9010 findings per payload
		limitMsg string
	}{
		{nil, 100, "and 50 more violations, not listed: the limit is 100 per payload"},
		{[]string{"--max-violations", "0"}, 100, "and 50 more violations, not listed: the limit is 100 per payload"},
		{[]string{"--max-violations", "5"}, 5, "and 145 more violations, not listed: the limit is 5 per payload"},
		{[]string{"--max-violations=-1"}, 150, ""},
		{[]string{"--max-violations", "150"}, 150, ""},
	} {
		for _, file := range []string{"p.json", "p.ndjson"} {
			payloads := map[string]int{"p.json": 1, "p.ndjson": 2}[file]
			args := append([]string{"validate", "--no-config", "--schema", "s.json", "--format", "json", file}, tc.args...)
			r := cmdIn(t, dir, "", args...)
			var rep findings.Report
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != ExitOK {
				t.Fatalf("%v: exit %d: %v\n%s%s", args, r.code, err, r.stdout, r.stderr)
			}
			listed, limits := 0, 0
			for _, f := range rep.Findings {
				switch f.Rule {
				case "TK9010":
					listed++
				case "TK9029":
					limits++
					if f.Message != tc.limitMsg {
						t.Errorf("%v: TK9029 %q, want %q", args, f.Message, tc.limitMsg)
					}
				}
			}
			wantLimits := 0
			if tc.limitMsg != "" {
				wantLimits = payloads
			}
			if listed != tc.listed*payloads || limits != wantLimits {
				t.Errorf("%v: %d TK9010 and %d TK9029, want %d and %d", args, listed, limits, tc.listed*payloads, wantLimits)
			}
		}
	}
	r := cmdIn(t, dir, "", "validate", "--no-config", "--schema", "s.json", "p.json", "--max-violations", "many")
	if r.code != ExitError || !strings.Contains(r.stderr, `invalid argument "many" for "--max-violations" flag: want a whole number`) {
		t.Errorf("--max-violations many: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := cmdIn(t, dir, "", "validate", "--help"); !strings.Contains(r.stdout, "--max-violations N") || !strings.Contains(r.stdout, "0 is the default of 100, a negative N lists") {
		t.Errorf("help:\n%s", r.stdout)
	}
}

// TestSARIFColumnsCountCodePoints: the SARIF run declares columnKind
// unicodeCodePoints, but its columns used to be the JSON report's byte
// columns, wrong after any non-ASCII character on the line. Lint and
// validate findings after "é" and an emoji now sit 4 columns left of
// their byte column.
func TestSARIFColumnsCountCodePoints(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"schema.json": "{\n  \"type\": \"object\",\n  \"required\": [\"orderId\"],\n  \"properties\": {\n" +
			"    \"orderId\": {\"type\": \"string\", \"title\": \"Numéro 🎉\", \"description\": \"The order.\", \"examples\": [1]}\n  }\n}\n",
		"ok.json":      "{\n  \"type\": \"object\",\n  \"required\": [\"orderId\"],\n  \"properties\": {\n    \"orderId\": {\"type\": \"string\", \"title\": \"Order\", \"description\": \"The order.\", \"examples\": [\"a\"]}\n  }\n}\n",
		"payload.json": "{\"note\": \"café 🎉\", \"orderId\": 7}\n",
	})
	type region struct{ StartColumn, EndColumn int }
	sarifRegions := func(args ...string) []region {
		t.Helper()
		r := cmdIn(t, dir, "", append([]string{args[0], "--format", "sarif", "--no-config"}, args[1:]...)...)
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation struct{ Region region } `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
			t.Fatalf("%v: %v\n%s%s", args, err, r.stdout, r.stderr)
		}
		var out []region
		for _, res := range log.Runs[0].Results {
			out = append(out, res.Locations[0].PhysicalLocation.Region)
		}
		return out
	}
	jsonColumns := func(args ...string) []region {
		t.Helper()
		r := cmdIn(t, dir, "", append([]string{args[0], "--format", "json", "--no-config"}, args[1:]...)...)
		var rep struct {
			Findings []struct{ Column, EndColumn int } `json:"findings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, r.stdout)
		}
		var out []region
		for _, f := range rep.Findings {
			out = append(out, region{f.Column, f.EndColumn})
		}
		return out
	}
	for _, args := range [][]string{
		{"lint", "--disable", "all", "--enable", "TK3008", "schema.json"},
		{"validate", "--schema", "ok.json", "payload.json"},
	} {
		got, bytes := sarifRegions(args...), jsonColumns(args...)
		if len(got) != len(bytes) || len(got) == 0 {
			t.Fatalf("%v: %d SARIF results, %d JSON findings", args, len(got), len(bytes))
		}
		last := len(got) - 1
		if got[last].StartColumn != bytes[last].StartColumn-4 || got[last].EndColumn != bytes[last].EndColumn-4 {
			t.Errorf("%v: SARIF columns %+v, byte columns %+v: want 4 fewer (é is 2 bytes, 🎉 4)", args, got[last], bytes[last])
		}
	}
}
