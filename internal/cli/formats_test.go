package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/rules"
)

// formatCommands are the commands of the format golden tests, each over
// inputs with findings of every severity and one suppressed by the config
// of testdata/formats, shown with --show-ignored.
var formatCommands = []struct {
	name string
	args []string
	code int
}{
	{"lint", []string{"lint", "testdata/formats/schema.json"}, ExitFindings},
	{"validate", []string{"validate", "--schema", "../../examples/order-paid.json", "testdata/formats/payloads.ndjson"}, ExitFindings},
	{"diff", []string{"diff", "testdata/formats/old.json", "testdata/formats/new.json"}, ExitFindings},
}

// formatExt is the golden file's extension of each --format.
var formatExt = map[string]string{
	"text": "txt", "json": "json", "sarif": "sarif", "github": "github", "junit": "junit.xml", "markdown": "md",
}

// TestFormatsGolden runs lint, validate and diff in every --format and
// compares the output with testdata/formats/COMMAND.EXT (go test -update
// rewrites them). SARIF's absolute root is written as file:///ROOT/.
func TestFormatsGolden(t *testing.T) {
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range formatCommands {
		for _, format := range formatNames() {
			t.Run(cmd.name+"/"+format, func(t *testing.T) {
				args := append([]string{cmd.args[0], "--config", "testdata/formats/config.yaml", "--show-ignored", "--format", format}, cmd.args[1:]...)
				r := triggerlint(t, "", nil, false, args...)
				if r.code != cmd.code || r.stderr != "" {
					t.Fatalf("exit %d, want %d\nstderr: %s", r.code, cmd.code, r.stderr)
				}
				out := strings.ReplaceAll(r.stdout, "file://"+filepath.ToSlash(root)+"/", "file:///ROOT/")
				checkWellFormed(t, format, out)
				golden(t, filepath.Join("formats", cmd.name+"."+formatExt[format]), out)
			})
		}
	}
}

// checkWellFormed checks that the output parses as its format says.
func checkWellFormed(t *testing.T, format, out string) {
	t.Helper()
	switch format {
	case "json", "sarif":
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("%s output is not one JSON object: %v", format, err)
		}
	case "junit":
		dec := xml.NewDecoder(strings.NewReader(out))
		for {
			if _, err := dec.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Errorf("junit output is not XML: %v", err)
				}
				break
			}
		}
	case "github":
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !strings.HasPrefix(line, "::") && !strings.HasPrefix(line, "triggerlint: ") && line != "" {
				t.Errorf("github output line is no workflow command: %q", line)
			}
		}
	}
}

// TestSARIFMarksSuppressedFindings checks that SARIF carries a suppressed
// finding as a suppressed result with its reason as justification, also
// without --show-ignored.
func TestSARIFMarksSuppressedFindings(t *testing.T) {
	r := triggerlint(t, "", nil, false, "lint", "--config", "testdata/formats/config.yaml", "--format", "sarif", "testdata/formats/schema.json")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind, Justification string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	n := 0
	for _, res := range log.Runs[0].Results {
		if len(res.Suppressions) > 0 {
			n++
			if res.RuleID != "TK3008" || res.Suppressions[0].Justification != `the booking widget sends "true" until v2` {
				t.Errorf("suppressed result: %+v", res)
			}
		}
	}
	if n != 1 || len(log.Runs[0].Results) != 11 {
		t.Errorf("%d suppressed of %d results, want 1 of 11", n, len(log.Runs[0].Results))
	}
}

// TestGitHubFormatWritesTheStepSummary checks that --format github appends
// the Markdown summary to $GITHUB_STEP_SUMMARY when it is set.
func TestGitHubFormatWritesTheStepSummary(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range formatCommands {
		var out, errb bytes.Buffer
		code := Triggerlint(append([]string{cmd.args[0], "--format", "github", "--no-config"}, cmd.args[1:]...), Env{
			Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(k string) string {
				if k == "GITHUB_STEP_SUMMARY" {
					return summary
				}
				return ""
			},
		}, rules.All())
		if code != cmd.code || !strings.Contains(out.String(), "::error file=") {
			t.Errorf("%s: exit %d\n%s%s", cmd.name, code, out.String(), errb.String())
		}
	}
	b, err := os.ReadFile(summary)
	if err != nil || !strings.HasPrefix(string(b), "earlier step\n") || strings.Count(string(b), "| error |") < 3 {
		t.Errorf("step summary: %v\n%s", err, b)
	}
}
