package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/findings"
)

// flaggedSchema has one error: TK3008 at /properties/orderId/examples/0.
const flaggedSchema = `{
  "type": "object",
  "required": ["orderId"],
  "properties": {
    "orderId": {"type": "string", "title": "Order ID", "description": "The order.", "examples": [1]}
  }
}
`

// cleanSchema has no finding.
const cleanSchema = `{
  "type": "object",
  "required": ["orderId"],
  "properties": {
    "orderId": {"type": "string", "title": "Order ID", "description": "The order.", "examples": ["a"]}
  }
}
`

// TestConfigErrorKindsThroughTheCLI checks that each kind of mistake in a
// config file stops lint, validate and diff with exit 2 and the mistake at
// file:line:col on stderr.
func TestConfigErrorKindsThroughTheCLI(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"unknown key", "files: []\nfail_severity: error\n",
			`.triggerlint.yaml:2:1: unknown key "fail_severity" in the config (want files, exclude, fail-severity, rules, overrides, ignore or diff)`},
		{"bad glob", "files:\n  - \"triggers/[a-\"\n",
			`.triggerlint.yaml:2:5: bad glob "triggers/[a-": syntax error in pattern`},
		{"missing reason", "ignore:\n  - rule: TK3003\n    file: a.json\n",
			`.triggerlint.yaml:2:5: ignore entry: missing "reason"; say why it is accepted`},
		{"unknown rule", "rules:\n  disable: [TK3003, TK3999]\n",
			`.triggerlint.yaml:2:21: unknown rule "TK3999" (see 'triggerlint rules')`},
		{"wrong type", "files: \"*.json\"\n",
			`.triggerlint.yaml:1:8: "files": got a string ("*.json"), want a list`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{".triggerlint.yaml": tc.src, "a.json": cleanSchema, "b.json": cleanSchema, "p.json": "{}"})
			for _, args := range [][]string{
				{"lint", "a.json"},
				{"validate", "--schema", "a.json", "p.json"},
				{"diff", "a.json", "b.json"},
				{"config", "print"},
			} {
				r := cmdIn(t, dir, "", args...)
				if r.code != ExitError || r.stderr != tc.want+"\n" || r.stdout != "" {
					t.Errorf("%v: exit %d\nstderr: %q\nwant:   %q\nstdout: %s", args, r.code, r.stderr, tc.want+"\n", r.stdout)
				}
			}
			// --no-config reads none; --config names another file.
			if r := cmdIn(t, dir, "", "lint", "--no-config", "a.json"); r.code != ExitOK {
				t.Errorf("--no-config: exit %d, %s", r.code, r.stderr)
			}
			writeFiles(t, dir, map[string]string{"ci.yaml": "fail-severity: warning\n"})
			if r := cmdIn(t, dir, "", "lint", "--config", "ci.yaml", "a.json"); r.code != ExitOK {
				t.Errorf("--config: exit %d, %s", r.code, r.stderr)
			}
		})
	}
}

// TestConfigFoundUpwardToTheRepositoryRoot checks that the config of the
// nearest folder at or above the working directory applies, and none above
// the repository root.
func TestConfigFoundUpwardToTheRepositoryRoot(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".triggerlint.yaml":      "fail-severity: none\n", // above the repository: not read
		"repo/.git/HEAD":         "ref: refs/heads/main\n",
		"repo/.triggerlint.yaml": "rules:\n  disable: [TK3008]\n",
		"repo/sub/a.json":        flaggedSchema,
		"other/a.json":           flaggedSchema,
	})
	if r := cmdIn(t, filepath.Join(dir, "repo", "sub"), "", "lint", "-v", "a.json"); r.code != ExitOK || !strings.Contains(r.stderr, "config "+filepath.Join("..", ".triggerlint.yaml")) {
		t.Errorf("from a subfolder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := cmdIn(t, filepath.Join(dir, "repo", "sub"), "", "lint", "--enable", "TK3008", "a.json"); r.code != ExitFindings {
		t.Errorf("flags win over the config: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := cmdIn(t, filepath.Join(dir, "repo", ".git"), "", "lint", "../sub/a.json"); r.code != ExitOK {
		t.Errorf("from .git: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Outside the repository the file above applies: nothing fails.
	if r := cmdIn(t, filepath.Join(dir, "other"), "", "lint", "a.json"); r.code != ExitOK || !strings.Contains(r.stdout, "(TK3008)") {
		t.Errorf("outside: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestConfigFilesDecideWhatLintLints checks files and exclude: what lint
// lints with no path, and what --force-exclude leaves out of the files a
// hook names, package.json and tsconfig.json among them.
func TestConfigFilesDecideWhatLintLints(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".triggerlint.yaml":      "files: [\"triggers/**\"]\nexclude: [\"triggers/legacy\"]\n",
		"triggers/a.json":        flaggedSchema,
		"triggers/legacy/.keep":  "",
		"triggers/legacy/b.json": flaggedSchema,
		"other/c.json":           flaggedSchema,
		"package.json":           `{"name": "app", "version": "1.0.0"}`,
		"tsconfig.json":          "{\n  // strict\n  \"compilerOptions\": {\"strict\": true},\n}\n",
	})
	r := cmdIn(t, dir, "", "lint", "-v")
	if r.code != ExitFindings || r.stdout != "triggers/a.json:5:98: error: /properties/orderId/examples/0: example 1 is an integer, want a string (TK3008)\n1 finding (1 error, 0 warnings, 0 info) in 1 file\n" {
		t.Errorf("no paths: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"skipped other/c.json: " + "left out by the config's files and exclude", "skipped package.json: left out", "skipped triggers/legacy/b.json: left out"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-v lacks %q:\n%s", want, r.stderr)
		}
	}
	// From a subfolder, the config's folder is still what is linted.
	if r := cmdIn(t, filepath.Join(dir, "triggers"), "", "lint"); r.code != ExitFindings || !strings.HasPrefix(r.stdout, "../triggers/a.json:5:98:") {
		t.Errorf("from triggers: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Named files are linted, unless --force-exclude.
	hook := []string{"lint", "package.json", "tsconfig.json", "other/c.json", "triggers/a.json"}
	if r := cmdIn(t, dir, "", hook...); r.code != ExitFindings || !strings.Contains(r.stdout, "package.json:1:1") {
		t.Errorf("named: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = cmdIn(t, dir, "", append([]string{"lint", "--force-exclude", "-v"}, hook[1:]...)...)
	if r.code != ExitFindings || strings.Contains(r.stdout, "package.json") || strings.Contains(r.stdout, "other/c.json") || !strings.Contains(r.stdout, "triggers/a.json") {
		t.Errorf("--force-exclude: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Without a config, --force-exclude still leaves out JSON that is no
	// trigger schema: package.json and a tsconfig.json with comments.
	r = cmdIn(t, dir, "", "lint", "--no-config", "--force-exclude", "-v", "package.json", "tsconfig.json")
	if r.code != ExitOK || r.stdout != "" || !strings.Contains(r.stderr, "skipped tsconfig.json: not a trigger schema") {
		t.Errorf("--force-exclude without a config: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestIgnoreSuppressesWithItsReason checks an ignore entry: the finding
// no longer fails the run, --show-ignored shows it with its reason, JSON
// carries it with "suppressed" and counts it, and an entry that matched
// nothing is reported as TK0001.
func TestIgnoreSuppressesWithItsReason(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".triggerlint.yaml": `ignore:
  - rule: TK3008
    file: triggers/a.json
    pointer: /properties/orderId/**
    reason: the app sends numbers until v2
  - rule: TK3003
    file: triggers/*.json
    reason: descriptions come later
`,
		"triggers/a.json": flaggedSchema,
	})
	r := cmdIn(t, dir, "", "lint", "triggers")
	want := ".triggerlint.yaml:6:5: warning: /ignore/1: ignore entry for TK3003 at \"/**\" matched nothing; remove it or correct it (TK0001)\n" +
		"1 finding (0 errors, 1 warning, 0 info) in 1 file; 1 suppressed\n"
	if r.code != ExitOK || r.stdout != want {
		t.Errorf("exit %d\n%s\nwant:\n%s%s", r.code, r.stdout, want, r.stderr)
	}
	if r := cmdIn(t, dir, "", "lint", "--fail-severity", "warn", "triggers"); r.code != ExitFindings {
		t.Errorf("a stale entry is a warning: exit %d", r.code)
	}
	r = cmdIn(t, dir, "", "lint", "--show-ignored", "triggers")
	if !strings.Contains(r.stdout, "triggers/a.json:5:98: error: /properties/orderId/examples/0: example 1 is an integer, want a string (TK3008)\n    ignored: the app sends numbers until v2\n") || r.code != ExitOK {
		t.Errorf("--show-ignored: exit %d\n%s", r.code, r.stdout)
	}
	r = cmdIn(t, dir, "", "lint", "--format", "json", "--show-ignored", "triggers")
	var rep findings.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 2 || rep.Findings[0].Suppressed == nil || rep.Findings[0].Suppressed.Reason != "the app sends numbers until v2" ||
		rep.Findings[0].Suppressed.Kind != findings.Ignored || rep.Summary.Suppressed != 1 || rep.Summary.Errors != 0 || rep.Findings[1].Rule != "TK0001" {
		t.Errorf("json: %+v", rep)
	}
	// Validate applies the ignore entries to payload rules.
	writeFiles(t, dir, map[string]string{
		"triggers/b.json": cleanSchema,
		"p.json":          `{"orderId": "a", "extra": 1}`,
		"ci.yaml":         "ignore:\n  - rule: TK9010\n    file: p.json\n    pointer: /extra\n    reason: sent by old apps\n",
	})
	if r := cmdIn(t, dir, "", "validate", "--config", "ci.yaml", "--fail-severity", "warning", "--schema", "triggers/b.json", "p.json"); r.code != ExitOK || r.stdout != "0 findings (0 errors, 0 warnings, 0 info) in 1 payload from 1 file; 1 suppressed\n" {
		t.Errorf("validate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestDiffAcceptTurnsABreakingChangeIntoInfo checks diff.accept: the
// accepted change does not fail the gate, shows its reason, and a stale
// entry is reported as TK0002.
func TestDiffAcceptTurnsABreakingChangeIntoInfo(t *testing.T) {
	dir := t.TempDir()
	removed := strings.Replace(diffBase, `,
      {"type": "string", "const": "waitlisted", "title": "Waitlisted"}`, "", 1)
	writeFiles(t, dir, map[string]string{
		".triggerlint.yaml": `diff:
  accept:
    - change: TKD301
      file: new.json
      pointer: /properties/status/**
      reason: the waitlist closed in 2024
    - change: TKD101
      reason: nothing removed
`,
		"old.json": diffBase,
		"new.json": removed,
	})
	r := diffIn(t, dir, "old.json", "new.json")
	if r.code != ExitFindings && r.code != ExitOK {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	plain := diffIn(t, dir, "--no-config", "old.json", "new.json")
	if plain.code != ExitFindings || !strings.Contains(plain.stdout, "(TKD") {
		t.Fatalf("without the config: exit %d\n%s%s", plain.code, plain.stdout, plain.stderr)
	}
	id := plain.stdout[strings.Index(plain.stdout, "(TKD")+1 : strings.Index(plain.stdout, "(TKD")+7]
	if id != "TKD301" {
		t.Fatalf("the change is %s, want TKD301:\n%s", id, plain.stdout)
	}
	if r.code != ExitOK || !strings.Contains(r.stdout, "(TK0002)") || strings.Contains(r.stdout, "TKD301") || !strings.Contains(r.stdout, "; 1 suppressed") {
		t.Errorf("accepted: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = diffIn(t, dir, "--show-ignored", "old.json", "new.json")
	if !strings.Contains(r.stdout, "info: /properties/status/oneOf") || !strings.Contains(r.stdout, "accepted: the waitlist closed in 2024 (TKD301)") {
		t.Errorf("--show-ignored: %s", r.stdout)
	}
}

// TestBaselineSurvivesReformattingThroughTheCLI records a baseline, then
// reformats the schema (other indentation, keys reordered, a property
// inserted at the top) and adds one new mistake: lint with the baseline
// reports only the new finding, from the repository root and from a
// subfolder alike, and counts the entries that no longer match.
func TestBaselineSurvivesReformattingThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	old := `{
  "type": "object",
  "properties": {
    "orderId": {"type": "string", "title": "Order ID", "examples": [1]},
    "total": {"type": "number", "title": "Total", "description": "The total.", "examples": ["x"]}
  }
}
`
	writeFiles(t, dir, map[string]string{".git/HEAD": "ref: refs/heads/main\n", "triggers/order.json": old})
	r := cmdIn(t, dir, "", "lint", "--write-baseline", "baseline.json", "triggers")
	if r.code != ExitOK || r.stdout != "" || !strings.Contains(r.stderr, "recorded 4 findings in baseline.json") {
		t.Fatalf("write: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "baseline.json"))
	if err != nil || !strings.Contains(string(b), `"file": "triggers/order.json"`) {
		t.Fatalf("baseline: %v\n%s", err, b)
	}
	if r := cmdIn(t, dir, "", "lint", "--baseline", "baseline.json", "triggers"); r.code != ExitOK || r.stdout != "0 findings (0 errors, 0 warnings, 0 info) in 1 file; 4 in the baseline\n" {
		t.Errorf("unchanged: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	reformatted := `{
    "properties": {
        "added": {"title": "Added", "type": "string", "description": "New.", "examples": [true]},
        "total": {"examples": ["x"], "description": "The total.", "title": "Total", "type": "number"},
        "orderId": {
            "examples": [1],
            "title": "Order ID",
            "type": "string"
        }
    },
    "type": "object"
}
`
	writeFiles(t, dir, map[string]string{"triggers/order.json": reformatted})
	r = cmdIn(t, dir, "", "lint", "--baseline", "baseline.json", "triggers")
	want := "triggers/order.json:3:91: error: /properties/added/examples/0: example true is a boolean, want a string (TK3008)\n" +
		"1 finding (1 error, 0 warnings, 0 info) in 1 file; 4 in the baseline\n"
	if r.code != ExitFindings || r.stdout != want {
		t.Errorf("reformatted: exit %d\n%s\nwant:\n%s%s", r.code, r.stdout, want, r.stderr)
	}
	// From the subfolder, the files are named otherwise but match.
	r = cmdIn(t, filepath.Join(dir, "triggers"), "", "lint", "--baseline", "../baseline.json", "order.json")
	if r.code != ExitFindings || !strings.HasPrefix(r.stdout, "order.json:3:91: error: /properties/added/examples/0") || !strings.HasSuffix(r.stdout, "; 4 in the baseline\n") {
		t.Errorf("from a subfolder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A fixed finding leaves a stale entry, counted in the summary.
	writeFiles(t, dir, map[string]string{"triggers/order.json": strings.Replace(reformatted, `"examples": [1]`, `"examples": ["1"]`, 1)})
	r = cmdIn(t, dir, "", "lint", "--baseline", "baseline.json", "--format", "json", "triggers")
	var rep findings.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Summary.Baselined != 3 || rep.Summary.BaselineStale != 1 {
		t.Errorf("stale: %v %+v", err, rep.Summary)
	}
	if r := cmdIn(t, dir, "", "lint", "--baseline", "baseline.json", "triggers"); !strings.HasSuffix(r.stdout, "; 3 in the baseline; 1 baseline entry stale (refresh it with --write-baseline)\n") {
		t.Errorf("stale in text: %s", r.stdout)
	}
	if r := cmdIn(t, dir, "", "lint", "--baseline", "missing.json", "triggers"); r.code != ExitError || !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("missing baseline: exit %d %s", r.code, r.stderr)
	}
}

// TestOverridesApplyInOrder checks overrides: per-folder rule settings,
// applied after the top-level rules, with flags winning over both.
func TestOverridesApplyInOrder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".triggerlint.yaml": `fail-severity: warning
rules:
  severity: {TK3008: warning}
overrides:
  - files: ["legacy/**"]
    rules:
      severity: {TK3008: info}
  - files: ["legacy/off/**"]
    rules:
      disable: [TK3008]
`,
		"new/a.json":        flaggedSchema,
		"legacy/a.json":     flaggedSchema,
		"legacy/off/a.json": flaggedSchema,
	})
	r := cmdIn(t, dir, "", "lint", ".")
	for _, want := range []string{"legacy/a.json:5:98: info:", "new/a.json:5:98: warning:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != ExitFindings || strings.Contains(r.stdout, "legacy/off") || strings.Index(r.stdout, "legacy/a.json") > strings.Index(r.stdout, "new/a.json") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := cmdIn(t, dir, "", "lint", "--severity", "TK3008=error", "--fail-severity", "error", "legacy"); r.code != ExitFindings || strings.Count(r.stdout, ": error:") != 1 {
		t.Errorf("flags win: exit %d\n%s", r.code, r.stdout)
	}
}

// TestValidateLintsTheSchemaWithTheConfig: validate lints its schema with
// the rules the config selects for it, as lint does, so a finding the team
// made a warning does not refuse the schema (it did, with the default
// rules, whatever the config said).
func TestValidateLintsTheSchemaWithTheConfig(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"schema.json":  flaggedSchema,
		"payload.json": `{}`,
	})
	if r := cmdIn(t, dir, "", "validate", "--schema", "schema.json", "payload.json"); r.code != ExitError || !strings.Contains(r.stderr, "the schema has 1 lint error; fix it before") {
		t.Fatalf("without a config: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	writeFiles(t, dir, map[string]string{".triggerlint.yaml": "rules:\n  severity: {TK3008: warning}\n"})
	if r := cmdIn(t, dir, "", "validate", "--schema", "schema.json", "payload.json"); r.code == ExitError || strings.Contains(r.stderr, "lint error") {
		t.Errorf("with TK3008 a warning: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestConfigCommand checks config init (commented, refuses to overwrite
// without --force), config print and config schema.
func TestConfigCommand(t *testing.T) {
	dir := t.TempDir()
	if r := cmdIn(t, dir, "", "config", "init"); r.code != ExitOK || !strings.Contains(r.stderr, "wrote .triggerlint.yaml") {
		t.Fatalf("init: exit %d %s", r.code, r.stderr)
	}
	written, _ := os.ReadFile(filepath.Join(dir, ".triggerlint.yaml"))
	if !strings.HasPrefix(string(written), "# yaml-language-server: $schema=") || !strings.Contains(string(written), string(config.Init())) {
		t.Errorf("init wrote:\n%s", written)
	}
	if r := cmdIn(t, dir, "", "config", "init"); r.code != ExitError || !strings.Contains(r.stderr, ".triggerlint.yaml exists; --force replaces it") {
		t.Errorf("init again: exit %d %s", r.code, r.stderr)
	}
	writeFiles(t, dir, map[string]string{".triggerlint.yaml": "fail-severity: warn\n"})
	if r := cmdIn(t, dir, "", "config", "init", "--force"); r.code != ExitOK {
		t.Errorf("--force: exit %d %s", r.code, r.stderr)
	}
	r := cmdIn(t, dir, "", "config", "print")
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "# effective settings of .triggerlint.yaml\n") || !strings.Contains(r.stdout, "fail-severity: error\n") {
		t.Errorf("print: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// What print writes reads back to the same settings.
	writeFiles(t, dir, map[string]string{"printed.yaml": r.stdout})
	if r2 := cmdIn(t, dir, "", "config", "print", "--config", "printed.yaml"); r2.code != ExitOK || strings.SplitN(r2.stdout, "\n", 2)[1] != strings.SplitN(r.stdout, "\n", 2)[1] {
		t.Errorf("printed config reads back otherwise:\n%s\n%s", r.stdout, r2.stdout)
	}
	if r := cmdIn(t, dir, "", "config", "print", "--no-config"); !strings.Contains(r.stdout, "no config file, every default") {
		t.Errorf("print --no-config: %s", r.stdout)
	}
	if r := cmdIn(t, dir, "", "config", "schema"); r.code != ExitOK || r.stdout != string(config.Schema()) {
		t.Errorf("schema: exit %d", r.code)
	}
	if r := cmdIn(t, dir, "", "config"); r.code != ExitError || !strings.Contains(r.stderr, "no config command") {
		t.Errorf("config: exit %d %s", r.code, r.stderr)
	}
	if r := cmdIn(t, dir, "", "config", "prnt"); r.code != ExitError || !strings.Contains(r.stderr, `unknown config command "prnt" (did you mean "print"?)`) {
		t.Errorf("config prnt: exit %d %s", r.code, r.stderr)
	}
}

// TestOutputFile checks -o: the report goes to the file, not stdout, and
// an input is never overwritten.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.json": flaggedSchema, "b.json": cleanSchema, "p.json": `{"orderId": 1}`})
	for _, args := range [][]string{
		{"lint", "a.json"},
		{"validate", "--schema", "b.json", "p.json"},
		{"diff", "b.json", "a.json", "--fail-severity", "none"},
	} {
		os.RemoveAll(filepath.Join(dir, "out"))
		r := cmdIn(t, dir, "", append(args, "-o", "out/report.json", "--format", "json")...)
		if r.stdout != "" || r.code != ExitError || !strings.Contains(r.stderr, "no such file or directory") {
			t.Errorf("%v into a missing folder: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		os.MkdirAll(filepath.Join(dir, "out"), 0o755)
		r = cmdIn(t, dir, "", append(args, "-o", "out/report.json", "--format", "json")...)
		b, err := os.ReadFile(filepath.Join(dir, "out", "report.json"))
		var rep findings.Report
		if err != nil || json.Unmarshal(b, &rep) != nil || r.stdout != "" || len(rep.Findings) == 0 {
			t.Errorf("%v: %v\n%s", args, err, b)
		}
	}
	if r := cmdIn(t, dir, "", "lint", "a.json", "-o", "a.json"); r.code != ExitError || !strings.Contains(r.stderr, "a.json is an input; refusing to overwrite it") {
		t.Errorf("-o an input: exit %d %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.json")); string(b) != flaggedSchema {
		t.Error("the input was overwritten")
	}
}

// TestDiffBaseInAShallowCloneSaysHowToFetch checks the message of a base
// revision that a shallow clone lacks.
func TestDiffBaseInAShallowCloneSaysHowToFetch(t *testing.T) {
	dir, git := gitRepo(t, map[string]string{"schemas/form.json": diffBase})
	git("checkout", "-q", "-b", "other")
	git("commit", "-q", "--allow-empty", "-m", "other")
	git("checkout", "-q", "main")
	git("commit", "-q", "--allow-empty", "-m", "second")
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	r := cmdIn(t, clone, "", "diff", "--base", "origin/other")
	want := `triggerlint: unknown revision "origin/other": this clone is shallow and lacks it; fetch the history (actions/checkout with fetch-depth: 0) or the base (git fetch --depth=1 origin other:refs/remotes/origin/other)` + "\n"
	if r.code != ExitError || r.stderr != want {
		t.Errorf("exit %d\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
	// The command it names works.
	cmd := exec.Command("git", "fetch", "-q", "--depth=1", "origin", "other:refs/remotes/origin/other")
	cmd.Dir = clone
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git fetch: %v\n%s", err, out)
	}
	if r := cmdIn(t, clone, "", "diff", "--base", "origin/other"); r.code != ExitOK {
		t.Errorf("after the fetch: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := cmdIn(t, dir, "", "diff", "--base", "nope"); !strings.Contains(r.stderr, `unknown revision "nope" (if it is on a remote, fetch it: git fetch origin nope)`) {
		t.Errorf("full clone: %s", r.stderr)
	}
}
