package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/rules"
)

// commandNames are the commands of triggerlint, read from its tree.
func commandNames(t *testing.T) []string {
	t.Helper()
	root := TriggerlintCommand(Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}, rules.All())
	// The help command joins the tree when it runs.
	names := []string{"help"}
	for _, c := range root.Commands() {
		names = append(names, c.Name())
	}
	for _, want := range []string{"lint", "validate", "diff", "rules", "explain", "version", "completion", "help"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Fatalf("no %s command in %v", want, names)
		}
	}
	return names
}

// TestFlagsAfterPaths is the regression test of `triggerlint lint
// triggers/ --format json` printing "stat --format: no such file or
// directory": flags go anywhere on the line, for lint, validate and diff.
func TestFlagsAfterPaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"triggers/booking.json": diffBase,
		"old.json":              diffBase,
		"new.json":              variant(t, `"required": ["bookingId", "status"]`, `"required": ["bookingId", "status", "guests"]`),
		"schema.json":           repoFile(t, "examples/order-paid.json"),
		"payload.json":          repoFile(t, "payloads/order-paid.json"),
	})
	for _, args := range [][]string{
		{"lint", "triggers/", "--format", "json"},
		{"lint", "triggers/booking.json", "--format=json", "--fail-severity", "none"},
		{"validate", "payload.json", "--schema", "schema.json", "--format", "json"},
		{"diff", "old.json", "new.json", "--format", "json"},
		{"diff", "old.json", "--format", "json", "new.json"},
	} {
		r := cmdIn(t, dir, "", args...)
		if r.code == ExitError || strings.Contains(r.stderr, "--format") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
			continue
		}
		decodeReport(t, r.stdout)
	}
}

// TestDoubleDashEndsFlags checks that "--" ends the flags: a file named
// like a flag is read as a file.
func TestDoubleDashEndsFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"--format": repoFile(t, "examples/order-paid.json")})
	r := cmdIn(t, dir, "", "lint", "--fail-severity", "none", "--", "--format")
	if r.code != ExitOK || r.stderr != "" {
		t.Errorf("lint -- --format: exit %d, stderr %q", r.code, r.stderr)
	}
	r = cmdIn(t, dir, "", "lint", "--format")
	if r.code != ExitError || !strings.Contains(r.stderr, "flag needs an argument: --format") {
		t.Errorf("lint --format: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestHelpCommand is the regression test of `help lint` printing the
// top-level help: help CMD prints CMD's help, as CMD -h does.
func TestHelpCommand(t *testing.T) {
	t.Parallel()
	for _, name := range commandNames(t) {
		help := triggerlint(t, "", nil, false, "help", name)
		flag := triggerlint(t, "", nil, false, name, "-h")
		if help.code != ExitOK || help.stderr != "" || help.stdout != flag.stdout {
			t.Errorf("help %s: exit %d, stderr %q; same as %s -h: %v", name, help.code, help.stderr, name, help.stdout == flag.stdout)
		}
		if !strings.HasPrefix(help.stdout, "Usage: triggerlint "+name) {
			t.Errorf("help %s:\n%s", name, help.stdout)
		}
	}
	r := triggerlint(t, "", nil, false, "help")
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "Usage: triggerlint <command>") || !strings.Contains(r.stdout, "\nCommands:\n") {
		t.Errorf("help: exit %d\n%s", r.code, r.stdout)
	}
	r = triggerlint(t, "", nil, false, "help", "lintt")
	if r.code != ExitError || r.stderr != "triggerlint: unknown help topic \"lintt\" (did you mean \"lint\"?)\nRun 'triggerlint -h' for usage.\n" {
		t.Errorf("help lintt: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestHelpFlagOnEveryCommand is the regression test of `rules -h`
// printing Go's bare usage and `explain -h` answering `no rule "-h"`:
// -h and --help print the command's help, with its examples and exit
// codes, on every command.
func TestHelpFlagOnEveryCommand(t *testing.T) {
	t.Parallel()
	for _, name := range append(commandNames(t), "") {
		for _, h := range []string{"-h", "--help"} {
			args := []string{name, h}
			if name == "" {
				args = []string{h}
			}
			r := triggerlint(t, "", nil, false, args...)
			if r.code != ExitOK || r.stderr != "" {
				t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
			}
			for _, want := range []string{"Usage: triggerlint", "\nExamples:\n  ", "  triggerlint " + name, "\nExit codes:\n  0  ", "-h, --help"} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("%v: help lacks %q:\n%s", args, want, r.stdout)
				}
			}
		}
	}
	out, errOut, code := runSchemagen(t, "", "-h")
	if code != ExitOK || errOut != "" || !strings.HasPrefix(out, "Usage: schemagen [flags] SAMPLE...") || !strings.Contains(out, "\nExit codes:\n") || !strings.Contains(out, "-o, --output FILE") {
		t.Errorf("schemagen -h: exit %d, stderr %q\n%s", code, errOut, out)
	}
}

// TestExplainHelp is the regression test of `explain -h` answering
// `no rule "-h"`.
func TestExplainHelp(t *testing.T) {
	t.Parallel()
	r := triggerlint(t, "", nil, false, "explain", "-h")
	if r.code != ExitOK || r.stderr != "" || !strings.HasPrefix(r.stdout, "Usage: triggerlint explain ID|NAME") {
		t.Errorf("exit %d, stderr %q\n%s", r.code, r.stderr, r.stdout)
	}
}

// TestUnknownFlagRefusedEverywhere is the regression test of `version
// --bogus` being accepted: every command refuses an unknown flag with one
// line and a hint, and exit code 2.
func TestUnknownFlagRefusedEverywhere(t *testing.T) {
	t.Parallel()
	for _, name := range commandNames(t) {
		r := triggerlint(t, "", nil, false, name, "--bogus")
		want := "triggerlint: unknown flag: --bogus\nRun 'triggerlint " + name + " -h' for usage.\n"
		if r.code != ExitError || r.stderr != want || r.stdout != "" {
			t.Errorf("%s --bogus: exit %d, stderr %q, want %q", name, r.code, r.stderr, want)
		}
	}
	r := triggerlint(t, "", nil, false, "--bogus")
	if r.code != ExitError || r.stderr != "triggerlint: unknown flag: --bogus\nRun 'triggerlint -h' for usage.\n" {
		t.Errorf("--bogus: exit %d, stderr %q", r.code, r.stderr)
	}
	_, errOut, code := runSchemagen(t, "", "--bogus", "x.json")
	if code != ExitError || errOut != "schemagen: unknown flag: --bogus\nRun 'schemagen -h' for usage.\n" {
		t.Errorf("schemagen --bogus: exit %d, stderr %q", code, errOut)
	}
	// A Go-style single-dash long flag is refused with the right spelling.
	r = triggerlint(t, "", nil, false, "lint", "-format", "json", "x.json")
	if r.code != ExitError || !strings.Contains(r.stderr, "(did you mean --format?)") {
		t.Errorf("-format: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestUnexpectedArgumentRefusedEverywhere checks that every command with
// a fixed number of arguments refuses one more, and that a missing one is
// named, each with exit code 2 and the hint.
func TestUnexpectedArgumentRefusedEverywhere(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"rules", "extra"}, `unexpected argument "extra"`},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
		{[]string{"explain", "TK3008", "extra"}, `unexpected argument "extra"`},
		{[]string{"completion", "bash", "extra"}, `unexpected argument "extra"`},
		{[]string{"help", "lint", "extra"}, `unexpected argument "extra"`},
		{[]string{"diff", "a.json", "b.json", "extra"}, "diff needs OLD and NEW, or --base REV; got 3 arguments"},
		{[]string{"lint"}, `no files to lint: name files or folders, or list them under "files" in .triggerlint.yaml`},
		{[]string{"validate", "--schema", "s.json"}, "no files to validate"},
		{[]string{"validate", "p.json"}, "--schema is required"},
		{[]string{"diff", "a.json"}, "diff needs OLD and NEW, or --base REV; got 1 argument"},
		{[]string{"explain"}, "no rule to explain: want an ID or a name"},
		{[]string{"completion"}, "no shell: want bash, zsh, fish or powershell"},
	} {
		r := triggerlint(t, "", nil, false, tc.args...)
		want := "triggerlint: " + tc.msg + "\nRun 'triggerlint " + tc.args[0] + " -h' for usage.\n"
		if r.code != ExitError || r.stderr != want {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, r.code, r.stderr, want)
		}
	}
}

// TestTypoSuggestion checks that a mistyped command names the one meant.
func TestTypoSuggestion(t *testing.T) {
	t.Parallel()
	for typed, meant := range map[string]string{"lintt": "lint", "valdate": "validate", "explian": "explain", "rule": "rules"} {
		r := triggerlint(t, "", nil, false, typed, "x.json")
		want := "triggerlint: unknown command \"" + typed + "\" (did you mean \"" + meant + "\"?)\nRun 'triggerlint -h' for usage.\n"
		if r.code != ExitError || r.stderr != want {
			t.Errorf("%s: exit %d, stderr %q, want %q", typed, r.code, r.stderr, want)
		}
	}
	if r := triggerlint(t, "", nil, false, "check"); r.code != ExitError || r.stderr != "triggerlint: unknown command \"check\"\nRun 'triggerlint -h' for usage.\n" {
		t.Errorf("check: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestCompletion checks that completion writes a script for each shell
// that names the command, and that the completions the scripts ask for
// list the commands, the flags, their values and the rule IDs.
func TestCompletion(t *testing.T) {
	t.Parallel()
	for shell, want := range map[string]string{
		"bash":       "complete -o default -F __start_triggerlint triggerlint",
		"zsh":        "#compdef triggerlint",
		"fish":       "complete -c triggerlint",
		"powershell": "Register-ArgumentCompleter -CommandName 'triggerlint'",
	} {
		r := triggerlint(t, "", nil, false, "completion", shell)
		if r.code != ExitOK || r.stderr != "" || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "__complete") {
			t.Errorf("completion %s: exit %d, stderr %q, script lacks %q (%d bytes)", shell, r.code, r.stderr, want, len(r.stdout))
		}
	}
	complete := func(args ...string) []string {
		t.Helper()
		r := triggerlint(t, "", nil, false, append([]string{"__complete"}, args...)...)
		if r.code != ExitOK {
			t.Fatalf("__complete %q: exit %d, %s", args, r.code, r.stderr)
		}
		var words []string
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if !strings.HasPrefix(line, ":") {
				words = append(words, strings.SplitN(line, "\t", 2)[0])
			}
		}
		return words
	}
	has := func(what string, got []string, want ...string) {
		t.Helper()
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: %q lacks %q", what, got, w)
			}
		}
	}
	has("commands", complete(""), commandNames(t)...)
	has("lint flags", complete("lint", "--f"), "--format", "--fail-severity")
	has("--format values", complete("lint", "--format", ""), formatNames()...)
	has("--fail-severity values", complete("diff", "--fail-severity", ""), "error", "warning", "info", "none")
	has("explain IDs", complete("explain", "TK300"), "TK3008")
	has("completion shells", complete("completion", ""), "bash", "zsh", "fish", "powershell")
}

// TestFailSeverityWarn checks that --fail-severity accepts warn for
// warning, on every command that has the flag.
func TestFailSeverityWarn(t *testing.T) {
	t.Parallel()
	const warnOnly = "../../examples/generated-from-sample.json"
	for _, sev := range []string{"warn", "warning"} {
		if r := triggerlint(t, "", nil, false, "lint", "--fail-severity", sev, warnOnly); r.code != ExitFindings {
			t.Errorf("lint --fail-severity %s: exit %d, stderr %q", sev, r.code, r.stderr)
		}
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"old.json": diffBase,
		"new.json": variant(t, `{"type": "string", "const": "confirmed", "title": "Confirmed"}`, `{"type": "string", "const": "confirmed", "title": "Confirmed"}, {"type": "string", "const": "tentative", "title": "Tentative"}`),
	})
	if r := diffIn(t, dir, "old.json", "new.json"); r.code != ExitOK {
		t.Fatalf("a dangerous change fails by default: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := diffIn(t, dir, "--fail-severity", "warn", "old.json", "new.json"); r.code != ExitFindings || !strings.Contains(r.stdout, "(TKD302)") {
		t.Errorf("diff --fail-severity warn: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := triggerlint(t, "", nil, false, "lint", "--fail-severity", "warnings", warnOnly); r.code != ExitError || !strings.Contains(r.stderr, `unknown severity "warnings"`) {
		t.Errorf("--fail-severity warnings: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestQuietAndVerbose checks -q (findings without the summary line, no
// warnings or notes on stderr) and -v (notes on the files a walk skips).
func TestQuietAndVerbose(t *testing.T) {
	t.Parallel()
	const warnOnly = "../../examples/generated-from-sample.json"
	loud := triggerlint(t, "", nil, false, "lint", warnOnly)
	quiet := triggerlint(t, "", nil, false, "lint", "-q", warnOnly)
	if !strings.HasSuffix(loud.stdout, "3 findings (0 errors, 3 warnings, 0 info) in 1 file\n") ||
		quiet.stdout != strings.TrimSuffix(loud.stdout, "3 findings (0 errors, 3 warnings, 0 info) in 1 file\n") || quiet.code != loud.code {
		t.Errorf("-q:\n%s\nwithout:\n%s", quiet.stdout, loud.stdout)
	}
	// JSON keeps its summary: it is part of the contract.
	if r := triggerlint(t, "", nil, false, "--quiet", "lint", "--format", "json", warnOnly); decodeReport(t, r.stdout).Summary.Findings != 3 {
		t.Errorf("-q --format json: %s", r.stdout)
	}

	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"empty/notes.txt":             "x",
		"tree/a.json":                 repoFile(t, "examples/order-paid.json"),
		"tree/README.md":              "x",
		"tree/.cache/b.json":          "{",
		"tree/node_modules/pkg.json":  "{",
		"tree/sub/form.json":          repoFile(t, "examples/form-submitted.json"),
		"tree/sub/.hidden/skip.json":  "{",
		"tree/sub/node_modules/x.txt": "x",
	})
	if r := cmdIn(t, dir, "", "lint", "empty"); r.stderr != "triggerlint: warning: no *.json files in empty\n" {
		t.Errorf("warning without -q: %q", r.stderr)
	}
	if r := cmdIn(t, dir, "", "lint", "-q", "empty"); r.stderr != "" || r.code != ExitOK {
		t.Errorf("-q: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := cmdIn(t, dir, "", "lint", "-q", "missing.json"); r.code != ExitError || !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("-q hides errors: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := cmdIn(t, dir, "", "lint", "tree"); r.stderr != "" || r.code != ExitOK {
		t.Errorf("notes without -v: exit %d, stderr %q", r.code, r.stderr)
	}
	r := cmdIn(t, dir, "", "lint", "-v", "tree")
	want := strings.Join([]string{
		"triggerlint: note: skipped " + filepath.Join("tree", ".cache") + ": hidden folder",
		"triggerlint: note: skipped " + filepath.Join("tree", "node_modules") + ": node_modules folder",
		"triggerlint: note: skipped " + filepath.Join("tree", "sub", ".hidden") + ": hidden folder",
		"triggerlint: note: skipped " + filepath.Join("tree", "sub", "node_modules") + ": node_modules folder",
	}, "\n") + "\n"
	if r.code != ExitOK || r.stderr != want {
		t.Errorf("-v: exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
	if r := cmdIn(t, dir, "", "lint", "-q", "-v", "tree"); r.code != ExitError || !strings.Contains(r.stderr, "--quiet and --verbose cannot be used together") {
		t.Errorf("-q -v: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestQuietValidateNote checks that -q silences the note validate prints
// about keywords not applied to payloads.
func TestQuietValidateNote(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	schema := replaceOnce(t, repoFile(t, "examples/order-paid.json"), `"type": "object",`, `"type": "object", "x-owner": "payments",`)
	writeFiles(t, dir, map[string]string{"schema.json": schema, "payload.json": repoFile(t, "payloads/order-paid.json")})
	loud := cmdIn(t, dir, "", "validate", "--schema", "schema.json", "payload.json")
	quiet := cmdIn(t, dir, "", "validate", "-q", "--schema", "schema.json", "payload.json")
	if loud.stderr != "triggerlint: note: schema.json: /x-owner: \"x-owner\" is not applied to payloads\n" || quiet.stderr != "" || quiet.code != loud.code {
		t.Errorf("without -q: exit %d, %q; with -q: exit %d, %q", loud.code, loud.stderr, quiet.code, quiet.stderr)
	}
}

// TestVersionFromBuildInfo checks what version makes of the build
// information: the module version, the revision and the dirty state, and
// "(devel)" and "unknown" when the toolchain recorded none.
func TestVersionFromBuildInfo(t *testing.T) {
	t.Parallel()
	stamped := &debug.BuildInfo{
		Main: debug.Module{Path: "github.com/triggerkit/triggerkit", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "6af437c0ffee"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	for _, tc := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{stamped, "triggerlint v1.2.3\nrevision: 6af437c0ffee\ndirty: true\n"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "triggerlint (devel)\nrevision: unknown\ndirty: unknown\n"},
		{&debug.BuildInfo{}, "triggerlint (devel)\nrevision: unknown\ndirty: unknown\n"},
		{nil, "triggerlint (devel)\nrevision: unknown\ndirty: unknown\n"},
	} {
		var out bytes.Buffer
		if err := writeVersion(Env{Stdout: &out}, buildInfoOf(tc.bi)); err != nil || out.String() != tc.want {
			t.Errorf("got %q, %v; want %q", out.String(), err, tc.want)
		}
	}
	// In-process, the version command prints the test binary's.
	r := triggerlint(t, "", nil, false, "version")
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "triggerlint ") || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("version: exit %d\n%s", r.code, r.stdout)
	}
	if v := triggerlint(t, "", nil, false, "--version"); v.stdout != r.stdout {
		t.Errorf("--version %q, version %q", v.stdout, r.stdout)
	}
}

// TestCommandsRunInParallel runs many commands at once, each on its own
// tree: nothing is shared between two runs.
func TestCommandsRunInParallel(t *testing.T) {
	t.Parallel()
	want := triggerlint(t, "", nil, false, "lint", "--format", "json", "../../examples/appointment-booked.json")
	for i := 0; i < 8; i++ {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			got := triggerlint(t, "", nil, false, "lint", "../../examples/appointment-booked.json", "--format", "json")
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
			var v any
			if err := json.Unmarshal([]byte(got.stdout), &v); err != nil {
				t.Error(err)
			}
		})
	}
}
