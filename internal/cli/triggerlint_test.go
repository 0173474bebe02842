package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

type run struct {
	code           int
	stdout, stderr string
}

func triggerlint(t *testing.T, stdin string, env map[string]string, terminal bool, args ...string) run {
	t.Helper()
	var out, errb bytes.Buffer
	code := Triggerlint(args, Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }, Terminal: terminal,
	}, rules.All())
	return run{code, out.String(), errb.String()}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestLintExamplesText(t *testing.T) {
	r := triggerlint(t, "", nil, false, "lint", "../../examples")
	if r.code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", r.code, ExitFindings, r.stderr)
	}
	golden(t, "lint_examples.txt", r.stdout)
}

func decodeReport(t *testing.T, s string) lint.Report {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	var rep lint.Report
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("output is not one report: %v\n%s", err, s)
	}
	if dec.More() {
		t.Fatal("more than one JSON document on stdout")
	}
	return rep
}

func TestLintJSONContract(t *testing.T) {
	r := triggerlint(t, "", nil, false, "lint", "--format", "json", "../../examples/appointment-booked.json")
	if r.code != ExitFindings {
		t.Fatalf("exit %d", r.code)
	}
	// The field names and order are the contract.
	var raw struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	keys := []string{"file", "line", "column", "endLine", "endColumn", "pointer", "rule", "severity", "message", "url"}
	for _, f := range raw.Findings {
		if len(f) != len(keys) {
			t.Fatalf("finding has %d fields, want %d: %v", len(f), len(keys), f)
		}
		for _, k := range keys {
			if _, ok := f[k]; !ok {
				t.Fatalf("finding lacks %q: %v", k, f)
			}
		}
	}
	rep := decodeReport(t, r.stdout)
	if rep.Summary.Files != 1 || rep.Summary.Findings != len(rep.Findings) || rep.Summary.Errors+rep.Summary.Warnings+rep.Summary.Info != len(rep.Findings) {
		t.Errorf("summary does not add up: %+v", rep.Summary)
	}
	golden(t, "lint_appointment.json", r.stdout)
}

// TestMustShow checks the cases the linter issue names.
func TestMustShow(t *testing.T) {
	schema := `{
  "type": "object",
  "properties": {
    "paid": {"type": "boolean", "title": "Paid", "description": "d", "examples": ["true"]},
    "note": {"type": "string", "title": "Note", "examples": ["x"]}
  },
  "required": ["paid", "ghost"]
}`
	r := triggerlint(t, schema, nil, false, "lint", "--format", "json", "-")
	rep := decodeReport(t, r.stdout)
	find := func(rule string) *lint.Finding {
		for i := range rep.Findings {
			if rep.Findings[i].Rule == rule {
				return &rep.Findings[i]
			}
		}
		t.Fatalf("no %s finding in %+v", rule, rep.Findings)
		return nil
	}
	if f := find("TK3008"); f.Severity != lint.Error || !strings.HasPrefix(f.Pointer, "/properties/paid/examples") {
		t.Errorf("boolean example \"true\": %+v", f)
	}
	if f := find("TK1007"); f.Severity != lint.Error || !strings.HasPrefix(f.Pointer, "/required") || f.File != "<stdin>" {
		t.Errorf("phantom required name: %+v", f)
	}
	if f := find("TK3003"); f.Severity != lint.Warning || f.Pointer != "/properties/note" {
		t.Errorf("missing description: %+v", f)
	}
	// Every feature of the dialect, correctly used, lints clean.
	r = triggerlint(t, "", nil, false, "lint", "../../examples/order-paid.json", "../../examples/form-submitted.json")
	if r.code != ExitOK || r.stdout != "" || r.stderr != "" {
		t.Errorf("clean examples: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	src, _ := os.ReadFile("../../examples/order-paid.json")
	for _, feature := range []string{`"MONEY"`, `"ATTACHMENT"`, `"ORDER_ID"`, `"IMAGE_URL"`, `"identityType"`, `"futureDate"`, `"oneOf"`, `"type": "array"`, `"DECIMAL_VALUE"`} {
		if !bytes.Contains(src, []byte(feature)) {
			t.Errorf("examples/order-paid.json does not use %s", feature)
		}
	}
}

func TestExitCodes(t *testing.T) {
	warnOnly := "../../examples/generated-from-sample.json"
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"warnings pass by default", []string{"lint", warnOnly}, ExitOK},
		{"fail on warnings", []string{"lint", "--fail-severity", "warning", warnOnly}, ExitFindings},
		{"fail on nothing", []string{"lint", "--fail-severity", "none", "../../examples"}, ExitOK},
		{"disabled rule", []string{"lint", "--fail-severity", "warning", "--disable", "TK3003", warnOnly}, ExitOK},
		{"disabled by name glob", []string{"lint", "--fail-severity", "warning", "--disable", "prop-description-*", warnOnly}, ExitOK},
		{"severity raised", []string{"lint", "--severity", "TK3003=error", warnOnly}, ExitFindings},
		{"unknown rule", []string{"lint", "--disable", "TK9999", warnOnly}, ExitError},
		{"bad severity", []string{"lint", "--fail-severity", "fatal", warnOnly}, ExitError},
		{"bad format", []string{"lint", "--format", "xml", warnOnly}, ExitError},
		{"no files", []string{"lint"}, ExitError},
		{"unknown command", []string{"check"}, ExitError},
		{"no command", nil, ExitError},
		{"help", []string{"help"}, ExitOK},
		{"lint help", []string{"lint", "-h"}, ExitOK},
		{"explain", []string{"explain", "TK3008"}, ExitOK},
		{"explain by name", []string{"explain", "examples-match-type"}, ExitOK},
		{"explain unknown", []string{"explain", "TK0000"}, ExitError},
		{"version", []string{"version"}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := triggerlint(t, "", nil, false, tt.args...); r.code != tt.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.want, r.stdout, r.stderr)
			}
		})
	}
}

func TestUnreadableFileDoesNotStopTheOthers(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "missing.json")
	r := triggerlint(t, "", nil, false, "lint", bad, "../../examples/appointment-booked.json")
	if r.code != ExitError {
		t.Errorf("exit %d, want %d", r.code, ExitError)
	}
	if !strings.Contains(r.stderr, "missing.json") || !strings.Contains(r.stdout, "appointment-booked.json") {
		t.Errorf("stderr: %s\nstdout: %s", r.stderr, r.stdout)
	}
}

func TestParseErrorIsAFinding(t *testing.T) {
	r := triggerlint(t, "{\"type\": \"object\",}", nil, false, "lint", "-")
	if r.code != ExitFindings || r.stdout != "<stdin>:1:18: error: trailing comma before } (TK1001)\n1 finding (1 error, 0 warnings, 0 info) in 1 file\n" {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func TestColor(t *testing.T) {
	const file = "../../examples/generated-from-sample.json"
	if r := triggerlint(t, "", nil, true, "lint", file); !strings.Contains(r.stdout, "\x1b[") {
		t.Error("no colour on a terminal")
	}
	if r := triggerlint(t, "", map[string]string{"NO_COLOR": "1"}, true, "lint", file); strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
	if r := triggerlint(t, "", nil, false, "lint", file); strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour when not on a terminal")
	}
	if r := triggerlint(t, "", nil, false, "lint", "--color", "always", file); !strings.Contains(r.stdout, "\x1b[") {
		t.Error("no colour with --color always")
	}
}

func TestRulesList(t *testing.T) {
	r := triggerlint(t, "", nil, false, "rules", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) < 70 {
		t.Fatalf("rules --format json: %v, %d rules", err, len(list))
	}
	r = triggerlint(t, "", nil, false, "explain", "tk3008")
	if !strings.Contains(r.stdout, "TK3008 (examples-match-type): Examples have the property's type") || !strings.Contains(r.stdout, "#tk3008") {
		t.Errorf("explain output:\n%s", r.stdout)
	}
}

func TestDirectoryWalkSkipsHiddenAndNonJSON(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", "{")
	write("notes.txt", "{")
	write(".git/x.json", "{")
	write("node_modules/y.json", "{")
	write("sub/b.json", "[")
	r := triggerlint(t, "", nil, false, "lint", "--format", "json", dir)
	rep := decodeReport(t, r.stdout)
	if rep.Summary.Files != 2 || len(rep.Findings) != 2 {
		t.Errorf("got %+v", rep)
	}
}
