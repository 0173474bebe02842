package lsp

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

// TestNeovim opens a flagged schema in a real Neovim, headless, with the
// README's start_client snippet (editors/nvim/init.lua) and a built
// triggerlint, and reads the diagnostics Neovim received back: they are
// lint's findings, at the same byte columns on a line with a no-break
// space and an emoji, so Neovim's UTF-16 decoding agrees with ours. It is
// skipped only when nvim is not installed (.ci/run installs it).
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (apt-get install -y neovim)")
	}
	if testing.Short() {
		t.Skip("builds triggerlint and starts Neovim")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "triggerlint")
	build := exec.Command("go", "build", "-o", bin, "../cmd/triggerlint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	doc := "{\n  \"type\": \"object\",\n  \"properties\": {\n" +
		"    \"startsAt\": {\"title\": \"Début\u00a0🎉\", \"type\": \"string\", \"format\": \"date-time\", \"futureDate\": \"true\", \"description\": \"d\", \"examples\": [\"2030-01-01T10:00:00Z\"]},\n" +
		"    \"order-id\": {\"type\": \"string\", \"format\": \"UUID\", \"title\": \"Order\", \"description\": \"d\", \"examples\": [\"x\"]}\n" +
		"  },\n  \"required\": [\"startsAt\"]\n}\n"
	schemaPath := filepath.Join(dir, "appointment.json")
	if err := os.WriteFile(schemaPath, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	outPath := filepath.Join(dir, "diagnostics.txt")
	initLua, _ := filepath.Abs("../editors/nvim/init.lua")
	collect, _ := filepath.Abs("testdata/nvim_collect.lua")
	cmd := exec.Command(nvim, "--headless", "-i", "NONE", "-n", "-u", initLua, schemaPath, "-c", "luafile "+collect)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TRIGGERLINT="+bin, "TRIGGERLINT_OUT="+outPath, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	got, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatalf("nvim wrote no diagnostics: %v", err)
	}

	// What lint finds, in the same form: 0-based line and byte column,
	// LSP severity, rule, message.
	res, err := lint.Bytes(schemaPath, []byte(doc), lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range res.Findings {
		want = append(want, fmt.Sprintf("%d:%d %d %s %s", f.Line-1, f.Column-1, severity(f.Severity), f.Rule, f.Message))
	}
	sort.Strings(want)
	if len(want) < 3 {
		t.Fatalf("the schema has %d findings, want at least 3", len(want))
	}
	t.Logf("Neovim received:\n%s", got)
	if g, w := strings.TrimSpace(string(got)), strings.Join(want, "\n"); g != w {
		t.Errorf("Neovim's diagnostics:\n%s\nwant:\n%s", g, w)
	}
}
