package findings

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The golden files of the writers are rewritten by go test -update. The flag
// is registered here unless another test file of the package registered it
// first, so that any of them can define it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files instead of comparing them")
	}
}

// updating reports whether the tests run with -update.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// golden compares got with testdata/golden/name, or rewrites the file with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update and check the diff)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// goldenTool is the tool of the golden files.
var goldenTool = Tool{Name: "triggerlint", Version: "v1.2.3", InformationURI: "https://github.com/triggerkit/triggerkit"}

// goldenEntries is a small catalogue: a schema rule, an optional schema
// rule with labels, a payload rule and a change kind.
func goldenEntries() []Entry {
	return []Entry{
		{ID: "TK3008", Name: "example-type", Category: SchemaRule, Severity: Error, Since: "v0.1.0",
			Title: "Example does not match its type", Text: "An example must be a value of the declared type.\n\nTools show examples to users.",
			Bad: `{"type": "number", "examples": ["1"]}`, Good: `{"type": "number", "examples": [1]}`, Labels: []string{"JSON Schema"},
			Source: "the specification's rules", URL: URL("TK3008")},
		{ID: "TK1011", Name: "unknown-keyword", Category: SchemaRule, Severity: Warning, Optional: true,
			Title: "Unknown keyword", Text: "A keyword that the dialect does not define is ignored by Wix.", URL: URL("TK1011")},
		{ID: "TK9004", Name: "undeclared-key", Category: PayloadRule, Severity: Warning,
			Title: "Payload key not in the schema", Text: "A payload key that the schema does not declare is dropped.", URL: URL("TK9004")},
		{ID: "TKD301", Name: "option-removed", Category: Change, Severity: Error, Class: "breaking",
			Title: "Option removed", Text: "Removing an enum option refuses payloads that the app sends today.", URL: URL("TKD301")},
		{ID: "TK1001", Name: "root-type", Category: SchemaRule, Severity: Info,
			Title: "Root is not an object", Text: "The root of a trigger schema is an object.", URL: URL("TK1001")},
	}
}

// goldenFindings is the fixed set of findings of the golden files: a lint
// finding, a payload finding with control and bidirectional characters and
// "%", ":" and "," in its message and file name, a diff finding with an
// example, a suppressed finding, a finding at the document root and one
// whose rule is not in the catalogue.
func goldenFindings() []Finding {
	return []Finding{
		{File: "examples/order-paid.json", Line: 12, Column: 21, EndLine: 12, EndColumn: 26, Pointer: "/properties/total/examples/0",
			Rule: "TK3008", Severity: Error, Message: `example "12.5" is a string, want a number <b>&c</b>`, URL: URL("TK3008")},
		{File: "payloads/we,ird:na%me 1.ndjson", Line: 3, Column: 1, EndLine: 3, EndColumn: 40, Pointer: "/items/0/a~1b",
			Rule: "TK9004", Severity: Warning, Message: "key \"x\" is not declared: 100% sure, see a:b,c\r\nnext \x1b[31mred\u202e", URL: URL("TK9004")},
		{File: "schemas/order.json", Line: 4, Column: 5, EndLine: 6, EndColumn: 7, Pointer: "/properties/status/enum",
			Rule: "TKD301", Severity: Error, Message: `option "refunded" removed`, URL: URL("TKD301"),
			Example: &Example{Payload: json.RawMessage(`{"status": "refunded", "note": "a<b` + "```" + `"}`), Side: "app",
				Old: "accepted", New: "refused: /status: not one of the options (TK9006)"}},
		{File: "./examples/legacy.json", Line: 2, Column: 3, EndLine: 2, EndColumn: 18, Pointer: "/x-owner",
			Rule: "TK1011", Severity: Warning, Message: `unknown keyword "x-owner"`, URL: URL("TK1011"),
			Suppressed: &Suppression{Kind: Ignored, Reason: "owned by team a, see #12: kept until 2.0"}},
		{File: "examples/list.json", Line: 1, Column: 1, EndLine: 1, EndColumn: 3, Rule: "TK1001", Severity: Info,
			Message: `root is "array", want "object"`, URL: URL("TK1001")},
		{File: "examples/order-paid.json", Line: 20, Column: 9, EndLine: 20, EndColumn: 20, Pointer: "/properties/orderId",
			Rule: "ACME1001", Severity: Warning, Message: "key \"orderId\" duplicates order_id (first at 9:5)"},
	}
}

func goldenSummary(fs []Finding) Summary {
	files := map[string]bool{}
	sum := Summary{}
	for _, f := range fs {
		files[f.File] = true
		if f.Suppressed == nil {
			sum.Add(f)
		}
	}
	sum.Files = len(files)
	return sum
}

// TestSARIFGolden holds the SARIF writer to its golden logs: every finding
// of the fixed set, no finding, and a root directory given.
func TestSARIFGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		fs   []Finding
		opt  SARIFOptions
	}{
		{"findings.sarif", goldenFindings(), SARIFOptions{}},
		{"empty.sarif", nil, SARIFOptions{}},
		{"root.sarif", []Finding{
			goldenFindings()[0],
			{File: "/work/repo/schemas/a.json", Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "TK1001", Severity: Info, Message: "inside the root"},
			{File: "/elsewhere/b.json", Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "TK1001", Severity: Info, Message: "outside the root"},
			{File: "../up/c.json", Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Rule: "TK1001", Severity: Info, Message: "above the root"},
		}, SARIFOptions{Root: "/work/repo"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSARIF(&b, tc.fs, goldenSummary(tc.fs), goldenTool, goldenEntries(), tc.opt); err != nil {
				t.Fatal(err)
			}
			if !json.Valid(b.Bytes()) {
				t.Fatalf("not JSON:\n%s", b.String())
			}
			if i := firstUnsafe(strings.ReplaceAll(b.String(), "\n", "")); i >= 0 {
				t.Errorf("raw unsafe character at %d", i)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}

// TestSARIFStructure decodes the SARIF log and checks what consumers rely
// on: rule indexes that point at the rule of the result, levels, relative
// URIs with the root's base ID, regions, the fingerprint, the suppression
// and the example.
func TestSARIFStructure(t *testing.T) {
	fs := goldenFindings()
	var b bytes.Buffer
	if err := WriteSARIF(&b, fs, goldenSummary(fs), goldenTool, goldenEntries(), SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID                   string `json:"id"`
						DefaultConfiguration struct {
							Level   string `json:"level"`
							Enabled *bool  `json:"enabled"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
					} `json:"physicalLocation"`
					LogicalLocations []struct{ Name, FullyQualifiedName, Kind string } `json:"logicalLocations"`
				}
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Suppressions        []struct{ Kind, Status, Justification string }
				Properties          struct{ Example *Example }
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if log.Version != "2.1.0" || run.ColumnKind != "unicodeCodePoints" || run.Tool.Driver.Version != "1.2.3" {
		t.Errorf("got version %q, columnKind %q, tool version %q", log.Version, run.ColumnKind, run.Tool.Driver.Version)
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != len(goldenEntries()) || rules[1].DefaultConfiguration.Enabled == nil || *rules[1].DefaultConfiguration.Enabled {
		t.Errorf("got rules %+v, want every entry, the optional one disabled", rules)
	}
	levels := map[Severity]string{Error: "error", Warning: "warning", Info: "note"}
	prints := Fingerprints(fs)
	for i, r := range run.Results {
		f := fs[i]
		if f.Rule == "ACME1001" {
			if r.RuleIndex != nil {
				t.Errorf("result %d: got ruleIndex %d for a rule outside the catalogue", i, *r.RuleIndex)
			}
		} else if r.RuleIndex == nil || rules[*r.RuleIndex].ID != f.Rule {
			t.Errorf("result %d: ruleIndex does not name %s", i, f.Rule)
		}
		if r.Level != levels[f.Severity] {
			t.Errorf("result %d: got level %q, want %q", i, r.Level, levels[f.Severity])
		}
		loc := r.Locations[0]
		if loc.PhysicalLocation.ArtifactLocation.URIBaseID != SARIFRootID || strings.HasPrefix(loc.PhysicalLocation.ArtifactLocation.URI, ".") {
			t.Errorf("result %d: got artifact %+v, want a clean relative URI under %s", i, loc.PhysicalLocation.ArtifactLocation, SARIFRootID)
		}
		reg := loc.PhysicalLocation.Region
		if reg.StartLine != f.Line || reg.StartColumn != f.Column || reg.EndLine != f.EndLine || reg.EndColumn != f.EndColumn {
			t.Errorf("result %d: got region %+v, want %d:%d-%d:%d", i, reg, f.Line, f.Column, f.EndLine, f.EndColumn)
		}
		if f.Pointer != "" && (len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].FullyQualifiedName != f.Pointer) {
			t.Errorf("result %d: got logical locations %+v, want the pointer %s", i, loc.LogicalLocations, f.Pointer)
		}
		if got := r.PartialFingerprints[FingerprintKey]; got != prints[i] {
			t.Errorf("result %d: got fingerprint %q, want %q", i, got, prints[i])
		}
		if (f.Suppressed != nil) != (len(r.Suppressions) == 1) ||
			(f.Suppressed != nil && (r.Suppressions[0].Kind != "external" || r.Suppressions[0].Justification != f.Suppressed.Reason)) {
			t.Errorf("result %d: got suppressions %+v, want %+v", i, r.Suppressions, f.Suppressed)
		}
		if (f.Example != nil) != (r.Properties.Example != nil) {
			t.Errorf("result %d: got example %+v, want %+v", i, r.Properties.Example, f.Example)
		}
	}
	if got := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "payloads/we%2Cird%3Ana%25me%201.ndjson" {
		t.Errorf("got URI %q, want every reserved character percent-encoded", got)
	}
	if got := run.Results[1].Locations[0].LogicalLocations[0].Name; got != "a/b" {
		t.Errorf("got logical name %q, want the last pointer token unescaped", got)
	}
}

// TestSARIFWriterReportsWriteErrors checks that a failing output surfaces
// as an error of Finish.
func TestSARIFWriterReportsWriteErrors(t *testing.T) {
	w := NewSARIFWriter(failWriter{}, goldenTool, goldenEntries(), SARIFOptions{})
	for _, f := range goldenFindings() {
		w.Write(f)
	}
	if err := w.Finish(Summary{}); err == nil {
		t.Error("got no error from a failing writer")
	}
}
