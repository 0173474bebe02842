package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

const unfixed = `{
  "type": "object",
  "properties": {
    "orderId": {
      "type": "string",
      "format": "UUID",
      "title": "Order ID",
      "description": "The order",
      "examples": ["3b241101-e2bb-4255-8caf-4136c566a962"]
    },
    "paid": {"type": "boolean", "title": "Paid", "description": "Paid or not", "examples": ["true"]},
  },
  "required": ["orderId", "paid"]
}
`

const fixed = `{
  "type": "object",
  "properties": {
    "orderId": {
      "type": "string",
      "format": "uuid",
      "title": "Order ID",
      "description": "The order",
      "examples": ["3b241101-e2bb-4255-8caf-4136c566a962"]
    },
    "paid": {"type": "boolean", "title": "Paid", "description": "Paid or not", "examples": [true]}
  },
  "required": ["orderId", "paid"]
}
`

func writeSchema(t *testing.T, src string) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "s.json")
	if err := os.WriteFile(path, []byte(src), 0o640); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFixWritesTheFileAndPrintsWhatIsLeft(t *testing.T) {
	_, path := writeSchema(t, unfixed)
	r := triggerlint(t, "", nil, false, "fix", path)
	if got := readString(t, path); got != fixed {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, fixed)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	if r.code != ExitOK || !strings.Contains(r.stderr, "fixed "+path+": 3 fixes (TK1001 1, TK3008 1, TK5003 1)") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	again := triggerlint(t, "", nil, false, "fix", path)
	if readString(t, path) != fixed || strings.Contains(again.stderr, "fixed") {
		t.Errorf("a second fix changed the file: %q", again.stderr)
	}
}

func TestFixDiffAndDryRunWriteNothing(t *testing.T) {
	_, path := writeSchema(t, unfixed)
	r := triggerlint(t, "", nil, false, "fix", "--diff", path)
	if readString(t, path) != unfixed {
		t.Error("--diff wrote the file")
	}
	for _, want := range []string{"--- a/" + path + "\n", "-      \"format\": \"UUID\",\n", "+      \"format\": \"uuid\",\n", "+    \"paid\": {\"type\": \"boolean\", \"title\": \"Paid\", \"description\": \"Paid or not\", \"examples\": [true]}\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--diff output lacks %q:\n%s", want, r.stdout)
		}
	}
	d := triggerlint(t, "", nil, false, "fix", "--dry-run", path)
	if readString(t, path) != unfixed || !strings.Contains(d.stderr, "would fix "+path) {
		t.Errorf("--dry-run: file changed or no note: %q", d.stderr)
	}
}

func TestFixRulesAppliesOnlyTheNamedRules(t *testing.T) {
	_, path := writeSchema(t, strings.Replace(unfixed, "},\n  },", "}\n  },", 1))
	triggerlint(t, "", nil, false, "fix", "--rules", "format-case", path)
	got := readString(t, path)
	if !strings.Contains(got, `"uuid"`) || !strings.Contains(got, `["true"]`) {
		t.Errorf("--rules format-case fixed other rules or not its own:\n%s", got)
	}
	if r := triggerlint(t, "", nil, false, "fix", "--rules", "nope", path); r.code != ExitError {
		t.Errorf("unknown rule: exit %d, want %d", r.code, ExitError)
	}
}

func TestLintFixWritesAndReportsTheRest(t *testing.T) {
	_, path := writeSchema(t, strings.Replace(unfixed, `"description": "The order",`, "", 1))
	r := triggerlint(t, "", nil, false, "lint", "--fix", path)
	if !strings.Contains(readString(t, path), `"uuid"`) || r.code != ExitOK || !strings.Contains(r.stdout, "missing \"description\" (TK3003)") {
		t.Errorf("lint --fix: exit %d\n%s\n%s", r.code, r.stdout, readString(t, path))
	}
}

// TestFixFailedWriteKeepsTheFile makes the directory read-only: the write
// fails, the file is intact and the exit code says so.
func TestFixFailedWriteKeepsTheFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only directories")
	}
	dir, path := writeSchema(t, unfixed)
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	r := triggerlint(t, "", nil, false, "fix", path)
	if readString(t, path) != unfixed || r.code != ExitError {
		t.Errorf("exit %d, file changed: %v", r.code, readString(t, path) != unfixed)
	}
}

func TestFixRefusesToWriteStdin(t *testing.T) {
	if r := triggerlint(t, unfixed, nil, false, "fix", "-"); r.code != ExitError {
		t.Errorf("exit %d, want %d", r.code, ExitError)
	}
	if r := triggerlint(t, unfixed, nil, false, "fix", "--diff", "-"); r.code != ExitOK || !strings.Contains(r.stdout, "+++ b/<stdin>") {
		t.Errorf("--diff -: exit %d\n%s", r.code, r.stdout)
	}
}

// BenchmarkFixFiles fixes a directory of 1,000 schemas in one command, as
// a run of triggerlint fix over a repository does (writes included).
func BenchmarkFixFiles(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			for b.Loop() {
				b.StopTimer()
				for i := range n {
					os.WriteFile(filepath.Join(dir, fmt.Sprintf("s%04d.json", i)), []byte(unfixed), 0o644)
				}
				b.StartTimer()
				r := Triggerlint([]string{"fix", "-q", dir}, Env{Stdout: discard{}, Stderr: discard{}}, allRules())
				if r != ExitOK {
					b.Fatalf("exit %d", r)
				}
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func allRules() []*lint.Rule { return rules.All() }

// TestFixDiffExitCodeHonoursSuppressions: fix --diff used to count the
// findings left before the config's ignore entries, so a finding the team
// had ignored with a reason still failed the run.
func TestFixDiffExitCodeHonoursSuppressions(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"schema.json": `{
  "type": "object",
  "required": ["nope"],
  "properties": {
    "orderId": {"type": "string", "format": "UUID", "title": "Order ID", "description": "The order", "examples": ["3b241101-e2bb-4255-8caf-4136c566a962"]}
  }
}
`,
	})
	if r := cmdIn(t, dir, "", "fix", "--diff", "schema.json"); r.code != ExitFindings || !strings.Contains(r.stdout, `+    "orderId": {"type": "string", "format": "uuid"`) {
		t.Fatalf("without a config: exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	writeFiles(t, dir, map[string]string{".triggerlint.yaml": `ignore:
  - rule: TK1007
    file: schema.json
    reason: the payload always carries it
`})
	if r := cmdIn(t, dir, "", "fix", "--diff", "schema.json"); r.code != ExitOK || !strings.Contains(r.stdout, `"format": "uuid"`) {
		t.Errorf("with TK1007 ignored: exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
}
