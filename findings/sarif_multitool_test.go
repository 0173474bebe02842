package findings_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/validate"
)

// multitool returns the command that runs Microsoft's SARIF Multitool:
// $SARIF_MULTITOOL (the path of the sarif-multitool script of the npm
// package @microsoft/sarif-multitool, or of its platform binary), else
// sarif-multitool on PATH. It skips the test when there is neither.
func multitool(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SARIF_MULTITOOL"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("SARIF_MULTITOOL: %v", err)
		}
		return p
	}
	p, err := exec.LookPath("sarif-multitool")
	if err != nil {
		t.Skip("the SARIF Multitool is not installed (npm install @microsoft/sarif-multitool; set SARIF_MULTITOOL or put sarif-multitool on PATH)")
	}
	return p
}

// multitoolPolicy disables the one rule of the default set that goes to the
// network, SARIF2006 (every URI should answer an HTTP GET): a note, never an
// error or a warning, that costs a timeout per documentation URL where CI
// has no network.
const multitoolPolicy = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`

// validateSARIF runs the Multitool's validate command, with its default
// rule set (the SARIF rules SARIF1001 to SARIF2017) but SARIF2006, on files and returns its
// results of level error or warning (a result without a level is a
// warning), one line each. The Multitool exits 0 whatever it finds, so the
// results are read from its own SARIF output.
func validateSARIF(t *testing.T, tool string, files ...string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "validation.sarif")
	// --output to a new file: --log takes a list and would swallow the
	// file names.
	policy := filepath.Join(filepath.Dir(out), "policy.xml")
	if err := os.WriteFile(policy, []byte(multitoolPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"validate", "--config", policy, "--output", out}, files...)
	cmd := exec.Command(tool, args...)
	var console bytes.Buffer
	cmd.Stdout, cmd.Stderr = &console, &console
	if err := cmd.Run(); err != nil {
		t.Fatalf("sarif-multitool: %v\n%s", err, console.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("sarif-multitool wrote no log: %v\n%s", err, console.String())
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text      string   `json:"text"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("sarif-multitool log: %v", err)
	}
	var problems []string
	for _, run := range log.Runs {
		for _, inv := range run.Invocations {
			if !inv.ExecutionSuccessful {
				t.Errorf("sarif-multitool did not run successfully:\n%s", console.String())
			}
		}
		for _, r := range run.Results {
			level := r.Level
			if level == "" {
				level = "warning"
			}
			if level != "error" && level != "warning" {
				continue
			}
			where := ""
			if len(r.Locations) > 0 {
				where = r.Locations[0].PhysicalLocation.ArtifactLocation.URI
			}
			problems = append(problems, level+" "+r.RuleID+" "+where+" "+strings.Join(r.Message.Arguments, " | "))
		}
	}
	return problems
}

// TestSARIFMultitoolAcceptsOutput runs the SARIF Multitool on the golden
// SARIF logs, on the log of lint over examples/ with every rule and on the
// log of a diff with breaking changes, each with the full catalogues, and
// requires no error and no warning. A broken log is validated first, so the
// test proves that the harness sees the Multitool's complaints.
func TestSARIFMultitoolAcceptsOutput(t *testing.T) {
	tool := multitool(t)
	dir := t.TempDir()

	// The control: a region that ends before it starts (SARIF1007) and a
	// driver without a version (SARIF2005).
	good, err := os.ReadFile(filepath.Join("testdata", "golden", "findings.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(good, []byte(`"endLine": 12`), []byte(`"endLine": 1`), 1)
	broken = bytes.Replace(broken, []byte(`"version": "1.2.3",`), nil, 1)
	brokenPath := filepath.Join(dir, "broken.sarif")
	os.WriteFile(brokenPath, broken, 0o644)
	got := strings.Join(validateSARIF(t, tool, brokenPath), "\n")
	if !strings.Contains(got, "error SARIF1007") || !strings.Contains(got, "warning SARIF2005") {
		t.Fatalf("the Multitool did not report the broken log's region and version:\n%s", got)
	}

	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.sarif"))
	if len(files) == 0 {
		t.Fatal("no golden SARIF logs")
	}
	tool0 := findings.Tool{Name: "triggerlint", Version: "v0.1.0", InformationURI: "https://github.com/triggerkit/triggerkit"}
	catalogue := append(append(findings.Entries(rules.All()), findings.Entries(validate.Rules())...), findings.Entries(diff.Kinds())...)

	// lint over examples/, with every rule enabled.
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.json"))
	res, err := lint.Files(examples, lint.Options{Rules: rules.All(), Select: lint.SelectOptions{Toggles: []lint.Toggle{{Pattern: "all", On: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Findings {
		rel, _ := filepath.Rel("..", res.Findings[i].File)
		res.Findings[i].File = filepath.ToSlash(rel)
	}
	if len(res.Findings) == 0 {
		t.Fatal("lint found nothing in examples/: the log would not show results")
	}
	var lintLog bytes.Buffer
	if err := findings.WriteSARIF(&lintLog, res.Findings, res.Summary, tool0, catalogue, findings.SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	lintPath := filepath.Join(dir, "lint-examples.sarif")
	os.WriteFile(lintPath, lintLog.Bytes(), 0o644)

	// diff of a schema whose new version breaks payloads.
	oldSrc := []byte(`{"type": "object", "properties": {"status": {"type": "string", "enum": ["paid", "refunded"]}, "total": {"type": "number"}}, "required": ["status"]}`)
	newSrc := []byte(`{"type": "object", "properties": {"status": {"type": "string", "enum": ["paid"]}, "total": {"type": "string"}, "currency": {"type": "string"}}, "required": ["status", "currency"]}`)
	results, errs := diff.CompareFiles([]diff.FilePair{{Old: diff.FileVersion{Path: "schemas/order.json", Src: oldSrc}, New: diff.FileVersion{Path: "schemas/order.json", Src: newSrc}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var diffFindings []findings.Finding
	var sum findings.Summary
	for _, r := range results {
		sum.Files++
		for _, c := range r.Changes {
			doc := r.NewDoc
			if c.Side == diff.Old || doc == nil {
				doc = r.OldDoc
			}
			f := c.Finding(doc.File)
			diffFindings = append(diffFindings, f)
			sum.Add(f)
		}
	}
	if sum.Errors == 0 {
		t.Fatalf("the diff found no breaking change: %+v", diffFindings)
	}
	var diffLog bytes.Buffer
	if err := findings.WriteSARIF(&diffLog, diffFindings, sum, tool0, catalogue, findings.SARIFOptions{Root: "/work/repo"}); err != nil {
		t.Fatal(err)
	}
	diffPath := filepath.Join(dir, "diff-breaking.sarif")
	os.WriteFile(diffPath, diffLog.Bytes(), 0o644)

	files = append(files, lintPath, diffPath)
	if problems := validateSARIF(t, tool, files...); len(problems) > 0 {
		t.Errorf("the SARIF Multitool reports %d errors or warnings:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}
