package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action is what the test reads of action.yml.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			If    string            `yaml:"if"`
			Uses  string            `yaml:"uses"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
			Run   string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var (
	inputExpr = regexp.MustCompile(`\$\{\{\s*inputs\.([a-z-]+)\s*\}\}`)
	condExpr  = regexp.MustCompile(`^inputs\.([a-z-]+) (==|!=) '([^']*)'$`)
)

// runAction runs the composite action's steps the way the runner does:
// inputs with their defaults, `if:` conditions, the steps' env, bash with
// the GITHUB_* files in a temporary folder, and GITHUB_PATH added to PATH
// for the steps after the one that wrote it. Steps that use other actions
// (actions/setup-go) are skipped: Go is here already. It returns each run
// step's output and exit code, and stops at the first failing step.
func runAction(t *testing.T, repo, workdir string, with map[string]string) (outputs []string, code int, summary string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repo, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(src, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", a.Runs.Using)
	}
	inputs := map[string]string{}
	for k, v := range a.Inputs {
		inputs[k] = v.Default
	}
	for k, v := range with {
		if _, ok := a.Inputs[k]; !ok {
			t.Fatalf("the action has no input %q", k)
		}
		inputs[k] = v
	}
	tmp := t.TempDir()
	files := map[string]string{
		"GITHUB_PATH":         filepath.Join(tmp, "path"),
		"GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary.md"),
		"GITHUB_ENV":          filepath.Join(tmp, "env"),
		"GITHUB_OUTPUT":       filepath.Join(tmp, "output"),
	}
	for _, f := range files {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	expand := func(s string) string {
		return inputExpr.ReplaceAllStringFunc(s, func(m string) string {
			name := inputExpr.FindStringSubmatch(m)[1]
			if _, ok := inputs[name]; !ok {
				t.Fatalf("action.yml uses an undeclared input %q", name)
			}
			return inputs[name]
		})
	}
	for _, step := range a.Runs.Steps {
		if step.If != "" {
			m := condExpr.FindStringSubmatch(step.If)
			if m == nil {
				t.Fatalf("step %q: the test cannot evaluate the condition %q", step.Name, step.If)
			}
			if (inputs[m[1]] == m[3]) != (m[2] == "==") {
				continue
			}
		}
		if step.Uses != "" {
			continue
		}
		if step.Shell != "bash" {
			t.Fatalf("step %q: shell %q, want bash", step.Name, step.Shell)
		}
		if strings.Contains(step.Run, "${{") {
			t.Fatalf("step %q: an expression inside run: inputs reach scripts through env only", step.Name)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
		cmd.Dir = workdir
		path := os.Getenv("PATH")
		if b, _ := os.ReadFile(files["GITHUB_PATH"]); len(b) > 0 {
			for _, dir := range strings.Fields(string(b)) {
				path = dir + string(os.PathListSeparator) + path
			}
		}
		cmd.Env = append(os.Environ(), "PATH="+path, "RUNNER_TEMP="+tmp, "GITHUB_ACTION_PATH="+repo,
			"GITHUB_ACTIONS=true", "CI=true")
		for k, f := range files {
			cmd.Env = append(cmd.Env, k+"="+f)
		}
		for k, v := range step.Env {
			cmd.Env = append(cmd.Env, k+"="+expand(v))
		}
		out, err := cmd.CombinedOutput()
		outputs = append(outputs, string(out))
		if err != nil {
			code = cmd.ProcessState.ExitCode()
			if code <= 0 {
				t.Fatalf("step %q: %v\n%s", step.Name, err, out)
			}
			break
		}
	}
	b, _ := os.ReadFile(files["GITHUB_STEP_SUMMARY"])
	return outputs, code, string(b)
}

// TestAction runs the GitHub Action's own steps on a scratch repository: a
// clean schema passes; a broken one fails the lint step with workflow
// annotations, a step summary and a SARIF file; a breaking change against
// the base fails the diff step; fail-severity none lets findings through.
func TestAction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds triggerlint with go install")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	clean, err := os.ReadFile("../../examples/order-paid.json")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(work, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("triggers/order-paid.json", clean)
	git("add", ".")
	git("commit", "-q", "-m", "base")

	out, code, summary := runAction(t, repo, work, map[string]string{"paths": "triggers/", "diff-base": "main"})
	if code != 0 {
		t.Fatalf("clean schema: exit %d\n%s", code, strings.Join(out, "\n"))
	}
	if !strings.Contains(out[0], "triggerlint ") {
		t.Errorf("install step: %q, want the version line", out[0])
	}
	if !strings.Contains(summary, "triggerlint") {
		t.Errorf("clean schema: step summary %q", summary)
	}

	// A broken schema in the pull request: an example of the wrong type,
	// and a property the base had, removed.
	var doc map[string]any
	if err := json.Unmarshal(clean, &doc); err != nil {
		t.Fatal(err)
	}
	props := doc["properties"].(map[string]any)
	var removed string
	for k := range props {
		if k != "orderId" && k != "contactId" {
			removed = k
			break
		}
	}
	delete(props, removed)
	broken, _ := json.MarshalIndent(doc, "", "  ")
	broken = []byte(strings.Replace(string(broken), `"type": "object"`, `"type": "object", "examples": "nope"`, 1))
	write("triggers/order-paid.json", broken)
	sarif := filepath.Join(work, "out.sarif")

	out, code, summary = runAction(t, repo, work, map[string]string{"paths": "triggers/", "diff-base": "main", "sarif-file": sarif})
	if code != 1 {
		t.Fatalf("broken schema: exit %d, want 1\n%s", code, strings.Join(out, "\n"))
	}
	lintOut := out[len(out)-1]
	if !regexp.MustCompile(`(?m)^::error file=triggers/order-paid\.json,line=\d+,col=\d+`).MatchString(lintOut) {
		t.Errorf("lint step: no error annotation in\n%s", lintOut)
	}
	if !strings.Contains(summary, "order-paid.json") {
		t.Errorf("broken schema: step summary lacks the file:\n%s", summary)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if b, err := os.ReadFile(sarif); err != nil || json.Unmarshal(b, &log) != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Errorf("SARIF file: %v, %+v", err, log)
	}

	// With lint off and fail-severity none, the diff step runs, annotates
	// the removed property and lets the run pass.
	out, code, _ = runAction(t, repo, work, map[string]string{"paths": "triggers/", "diff-base": "main", "lint": "false", "fail-severity": "none"})
	if code != 0 {
		t.Fatalf("diff with fail-severity none: exit %d\n%s", code, strings.Join(out, "\n"))
	}
	if diffOut := out[len(out)-1]; !strings.Contains(diffOut, fmt.Sprintf("%q", removed)) || !strings.Contains(diffOut, "::error file=") {
		t.Errorf("diff step: no annotation of the removed property %q in\n%s", removed, diffOut)
	}
	// The same diff with the default fail-severity fails the step.
	if _, code, _ = runAction(t, repo, work, map[string]string{"paths": "triggers/", "diff-base": "main", "lint": "false"}); code != 1 {
		t.Errorf("diff with a breaking change: exit %d, want 1", code)
	}
}
