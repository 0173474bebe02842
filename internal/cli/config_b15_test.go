package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestB15ConfigThatIsAFolder: config print, with a folder named
// .triggerlint.yaml, printed every default and exited 0, as did every
// command that looks for the config; each says it is not a regular file
// and exits 2.
func TestB15ConfigThatIsAFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".triggerlint.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "s.json"), []byte(formatted), 0o644); err != nil {
		t.Fatal(err)
	}
	want := ".triggerlint.yaml: not a regular file (a folder)"
	for _, args := range [][]string{
		{"config", "print"},
		{"lint", "s.json"},
		{"fix", "--diff", "s.json"},
		{"fmt", "--check", "s.json"},
		{"diff", "s.json", "s.json"},
		{"validate", "--schema", "s.json", "-"},
	} {
		r := cmdIn(t, dir, "{}", args...)
		if r.code != ExitError || !strings.Contains(r.stderr, want) || strings.Contains(r.stdout, "every default") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(args, " "), r.code, r.stdout, r.stderr, want)
		}
	}
	// --no-config reads none, so the folder is no matter.
	if r := cmdIn(t, dir, "", "config", "print", "--no-config"); r.code != ExitOK {
		t.Errorf("config print --no-config: exit %d, stderr %q", r.code, r.stderr)
	}
}
