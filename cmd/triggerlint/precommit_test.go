package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPreCommitScratchRepository runs pre-commit itself in a scratch git
// repository whose .pre-commit-config.yaml is the README's snippet as
// written, its repo pointing at a clone of this repository and its rev
// pinned by `pre-commit autoupdate --freeze` as the README says. The hook
// builds the clone's committed HEAD (uncommitted changes are not tested).
// It checks that a commit touching package.json and tsconfig.json passes
// and leaves them untouched, that a broken trigger schema is blocked, and
// that the same schema passes once the config ignores its finding with a
// reason. It skips only when pre-commit or git is not installed; .ci/run
// installs pre-commit.
func TestPreCommitScratchRepository(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the hook with Go")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home")
	env := append(os.Environ(),
		"HOME="+home, "GIT_CONFIG_NOSYSTEM=1", "PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-cache"),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	// The hook's build uses the module cache that exists, not one of its
	// own under pre-commit's GOPATH.
	if out, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE").Output(); err == nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) == 2 {
			env = append(env, "GOMODCACHE="+lines[0], "GOCACHE="+lines[1])
		}
	}
	run := func(dir string, name string, args ...string) (string, error) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(dir string, name string, args ...string) string {
		t.Helper()
		out, err := run(dir, name, args...)
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return out
	}

	top := strings.TrimSpace(must(".", "git", "rev-parse", "--show-toplevel"))
	hookRepo := filepath.Join(tmp, "triggerkit")
	must(tmp, "git", "clone", "-q", top, hookRepo)

	readme, err := os.ReadFile(filepath.Join(top, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	snippet := regexp.MustCompile("(?s)<!-- pre-commit snippet:[^\n]*\n```yaml\n(.*?)```\n<!-- end of the pre-commit snippet -->").FindSubmatch(readme)
	if snippet == nil {
		t.Fatal("README.md has no pre-commit snippet between its markers")
	}
	config := strings.Replace(string(snippet[1]), "https://github.com/triggerkit/triggerkit", hookRepo, 1)
	if config == string(snippet[1]) {
		t.Fatal("the README's snippet does not name https://github.com/triggerkit/triggerkit")
	}

	repo := filepath.Join(tmp, "app")
	os.MkdirAll(filepath.Join(repo, "triggers"), 0o755)
	must(repo, "git", "init", "-q", "-b", "main")
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".pre-commit-config.yaml", config)
	must(repo, "pre-commit", "autoupdate", "--freeze")
	frozen, _ := os.ReadFile(filepath.Join(repo, ".pre-commit-config.yaml"))
	head := strings.TrimSpace(must(hookRepo, "git", "rev-parse", "HEAD"))
	if !strings.Contains(string(frozen), "rev: "+head) {
		t.Fatalf("autoupdate --freeze did not pin %s:\n%s", head, frozen)
	}
	must(repo, "pre-commit", "install")

	// package.json and tsconfig.json (with comments) are no trigger
	// schemas: the hook neither blocks nor changes them.
	pkg := `{"name": "app", "version": "1.0.0", "private": true}` + "\n"
	tsconfig := "{\n  // the compiler\n  \"compilerOptions\": {\"strict\": true},\n}\n"
	write("package.json", pkg)
	write("tsconfig.json", tsconfig)
	must(repo, "git", "add", ".")
	if out, err := run(repo, "git", "commit", "-q", "-m", "app"); err != nil {
		t.Fatalf("the commit of package.json and tsconfig.json was blocked: %v\n%s", err, out)
	}
	for name, want := range map[string]string{"package.json": pkg, "tsconfig.json": tsconfig} {
		if got, _ := os.ReadFile(filepath.Join(repo, name)); string(got) != want {
			t.Errorf("%s changed:\n%s", name, got)
		}
	}

	// A broken trigger schema is blocked.
	write("triggers/order-paid.json", `{
  "type": "object",
  "required": ["orderId"],
  "properties": {
    "orderId": {"type": "string", "title": "Order ID", "description": "The order.", "examples": [1042]}
  }
}
`)
	must(repo, "git", "add", ".")
	out, err := run(repo, "git", "commit", "-q", "-m", "schema")
	if err == nil || !strings.Contains(out, "triggers/order-paid.json:5:98: error: /properties/orderId/examples/0: example 1042 is an integer, want a string (TK3008)") {
		t.Fatalf("the broken schema was not blocked as expected: %v\n%s", err, out)
	}

	// Ignored with a reason, it passes.
	write(".triggerlint.yaml", `ignore:
  - rule: TK3008
    file: triggers/order-paid.json
    pointer: /properties/orderId/examples/0
    reason: the app sends numeric IDs until v2
`)
	must(repo, "git", "add", ".")
	if out, err := run(repo, "git", "commit", "-q", "-m", "schema, its finding accepted"); err != nil {
		t.Fatalf("the ignored finding still blocks: %v\n%s", err, out)
	}

	// The fix and fmt hooks: package.json again untouched; a schema with a
	// fixable mistake is fixed and laid out, the commit stopped so that the
	// change is reviewed, and the next commit of the fixed file passes.
	cfg, err := os.ReadFile(filepath.Join(repo, ".pre-commit-config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	withFix := strings.Replace(string(cfg), "      - id: triggerlint\n", "      - id: triggerlint\n      - id: triggerlint-fix\n      - id: triggerlint-fmt\n", 1)
	if withFix == string(cfg) {
		t.Fatalf("cannot add the fix and fmt hooks to:\n%s", cfg)
	}
	write(".pre-commit-config.yaml", withFix)
	write("package.json", `{"name": "app", "version": "1.0.1", "private": true}`+"\n")
	must(repo, "git", "add", ".")
	if out, err := run(repo, "git", "commit", "-q", "-m", "fix and fmt hooks"); err != nil {
		t.Fatalf("package.json blocked by the fix or fmt hook: %v\n%s", err, out)
	}
	write("triggers/invoice.json", `{"type": "object", "properties": {"invoiceId": {"type": "string", "format": "UUID", "title": "Invoice ID", "description": "The invoice.", "examples": ["3b241101-e2bb-4255-8caf-4136c566a962"]}}, "required": ["invoiceId"]}`+"\n")
	must(repo, "git", "add", ".")
	if out, err := run(repo, "git", "commit", "-q", "-m", "invoice"); err == nil || !strings.Contains(out, "files were modified by this hook") {
		t.Fatalf("the fix hook did not stop the commit: %v\n%s", err, out)
	}
	fixed, _ := os.ReadFile(filepath.Join(repo, "triggers", "invoice.json"))
	if !strings.Contains(string(fixed), `"format": "uuid"`) || !strings.HasPrefix(string(fixed), "{\n  \"type\": \"object\",\n") {
		t.Errorf("the hooks did not fix and lay out the schema:\n%s", fixed)
	}
	must(repo, "git", "add", ".")
	if out, err := run(repo, "git", "commit", "-q", "-m", "invoice, fixed"); err != nil {
		t.Fatalf("the fixed schema is still blocked: %v\n%s", err, out)
	}
}
