package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/rules"
)

// smallSchema is a schema of a few properties with findings (a property
// with no title, a type that does not exist), told apart by i.
func smallSchema(i int) string {
	return fmt.Sprintf(`{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "title": "Order %d",
  "properties": {
    "orderId": {"type": "string", "title": "Order ID", "examples": ["o-%d"]},
    "total": {"type": "number"},
    "status": {"type": "strin", "title": "Status"}
  },
  "required": ["orderId"]
}
`, i, i)
}

// writeSchemas writes n small schemas under dir, 100 to a folder.
func writeSchemas(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("app%03d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("trigger%05d.json", i)), []byte(smallSchema(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// peakLiveHeap runs fn and returns the most the live heap (as of the
// latest garbage collection, sampled every 200µs) grew above what it was
// before.
func peakLiveHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := read()
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		for {
			max = maxOf(max, read())
			select {
			case <-done:
				peak <- maxOf(max, read())
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	fn()
	close(done)
	p := <-peak
	if p < base {
		return 0
	}
	return p - base
}

func maxOf(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// tailWriter keeps the last bytes written to it: the end of a report,
// without holding the report.
type tailWriter struct{ b []byte }

func (w *tailWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	if len(w.b) > 4096 {
		w.b = append(w.b[:0], w.b[len(w.b)-1024:]...)
	}
	return len(p), nil
}

// TestLintMemoryDoesNotGrowWithFiles: lint of a folder of 20,000 schemas
// holds little more of the heap than lint of 2,000: files are read,
// linted and reported a few at a time, never all held. Reading every file
// before linting any, and holding every finding until the end, made the
// live heap grow by about 70 MiB more for the one than for the other; the
// slack allows for the live heap sampled at one collection holding what
// the workers had in hand.
func TestLintMemoryDoesNotGrowWithFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 22,000 files")
	}
	growth := map[int]uint64{}
	for _, n := range []int{2000, 20000} {
		dir := t.TempDir()
		writeSchemas(t, dir, n)
		var code int
		var stdout tailWriter
		var stderr strings.Builder
		growth[n] = peakLiveHeap(func() {
			code = Triggerlint([]string{"lint", "--no-config", "--format", "json", dir}, Env{Stdout: &stdout, Stderr: &stderr}, rules.All())
		})
		if code != ExitFindings || stderr.Len() > 0 || !strings.Contains(string(stdout.b), fmt.Sprintf(`"files": %d,`, n)) {
			t.Fatalf("%d files: exit %d, stderr %q, output ending %q", n, code, stderr.String(), stdout.b)
		}
		t.Logf("%d files: the live heap grew by at most %.1f MiB", n, float64(growth[n])/(1<<20))
	}
	const slack = 10 << 20
	if growth[20000] > growth[2000]+slack {
		t.Errorf("the live heap grew by %.1f MiB for 20,000 files against %.1f MiB for 2,000, want at most %.0f MiB more",
			float64(growth[20000])/(1<<20), float64(growth[2000])/(1<<20), float64(slack)/(1<<20))
	}
}

// TestWalkMessagesKeepTheirOrder: lint, fix and fmt take their files one
// at a time, yet say on stderr what they said when every file was read
// first, in the same order: the files and folders left out (-v), then the
// folders named that held no *.json file, then the files that could not be
// read, then what the command says of each file. Printed as they came,
// the empty folder named first would come first, and the read errors
// among the skips.
func TestWalkMessagesKeepTheirOrder(t *testing.T) {
	dir := t.TempDir()
	big := `{"type": "object", "title": "Big", "description": "` + strings.Repeat("x", 2000) + `", "properties": {}}`
	for name, src := range map[string]string{
		"empty/readme.md":     "x",
		"tree/.cache/x.json":  `{"type": "object"}`,
		"tree/a.json":         big,
		"tree/b.json":         `{"name": "app"}`,
		"tree/c.json":         `{"type": "object", "properties": {"q": {"type": "strin"}}}`,
		"tree/e.json":         "{\n  \"type\": \"object\",\n  \"properties\": {}\n}\n",
		"tree/sub/f.json":     `{"type": "object", "properties": {}}`,
		"tree/sub/g.json":     big,
		"tree/sub/h/x.txt":    "",
		"tree/sub/i/j/k.json": `[1]`,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere.json"), filepath.Join(dir, "tree", "d.json")); err != nil {
		t.Skip("symbolic links unavailable:", err)
	}
	walked := `triggerlint: note: skipped tree/.cache: hidden folder
triggerlint: note: skipped tree/b.json: not a trigger schema: no "type", "properties" or "$schema" at the root
triggerlint: note: skipped tree/sub/i/j/k.json: not a trigger schema: the root is an array, want an object
triggerlint: warning: no *.json files in empty
triggerlint: tree/a.json: the document is larger than 1KiB, the size limit (see --max-size)
triggerlint: tree/d.json: a symbolic link that does not resolve: no such file or directory
triggerlint: tree/sub/g.json: the document is larger than 1KiB, the size limit (see --max-size)
`
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"lint", "--format", "json"}, walked},
		{[]string{"fix", "--dry-run"}, walked + "triggerlint: note: would fix tree/c.json: 1 fix (TK3002 1)\n"},
		{[]string{"fmt", "--check"}, walked},
	} {
		args := append(tc.args, "-v", "--no-config", "--max-size", "1KiB", "empty", "tree")
		r := cmdIn(t, dir, "", args...)
		if r.code != ExitError || r.stderr != tc.stderr {
			t.Errorf("%s: exit %d, stderr\n%s\nwant exit 2, stderr\n%s", tc.args[0], r.code, r.stderr, tc.stderr)
		}
	}
}

// TestStaleIgnoreEntriesOverManyFiles: the files a stream has linted are
// not all kept for the stale-entry check; an ignore entry whose files are
// met only late in the run, or everywhere, is still found stale when it
// covered nothing, and one whose files the run never met is not.
func TestStaleIgnoreEntriesOverManyFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".triggerlint.yaml": `ignore:
  - rule: TK3008
    file: triggers/zz.json
    reason: met last
  - rule: TK3008
    file: other/*.json
    reason: never met
  - rule: TK3008
    pointer: /properties/none/**
    reason: met everywhere
  - rule: TK3008
    file: triggers/a*.json
    pointer: /properties/orderId/**
    reason: used
`,
	}
	for i := range 300 {
		files[fmt.Sprintf("triggers/a%03d.json", i)] = cleanSchema
	}
	files["triggers/a150.json"] = flaggedSchema
	files["triggers/zz.json"] = cleanSchema
	writeFiles(t, dir, files)
	r := cmdIn(t, dir, "", "lint", "triggers")
	want := ".triggerlint.yaml:2:5: warning: /ignore/0: ignore entry for TK3008 at \"/**\" matched nothing; remove it or correct it (TK0001)\n" +
		".triggerlint.yaml:8:5: warning: /ignore/2: ignore entry for TK3008 at \"/properties/none/**\" matched nothing; remove it or correct it (TK0001)\n" +
		"2 findings (0 errors, 2 warnings, 0 info) in 301 files; 1 suppressed\n"
	if r.code != ExitOK || r.stdout != want || r.stderr != "" {
		t.Errorf("exit %d\n%s%s\nwant:\n%s", r.code, r.stdout, r.stderr, want)
	}
}

// TestLintOverrideThatSelectsNoRuleBeforeAnyOutput: an override whose rule
// selection fails (a payload rule, which config accepts and lint does
// not have) is a usage error before any file is linted, as when every
// file was read first, and not after the findings of the files before it
// have been written.
func TestLintOverrideThatSelectsNoRuleBeforeAnyOutput(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".triggerlint.yaml": "overrides:\n  - files: [\"triggers/z.json\"]\n    rules:\n      enable: [TK9010]\n",
		"triggers/z.json":   cleanSchema,
	}
	for i := range 300 {
		files[fmt.Sprintf("triggers/a%03d.json", i)] = smallSchema(i)
	}
	writeFiles(t, dir, files)
	r := cmdIn(t, dir, "", "lint", "--format", "json", "triggers")
	want := "triggerlint: enable: \"TK9010\" matches no rule (see 'triggerlint rules')\nRun 'triggerlint lint -h' for usage.\n"
	if r.code != ExitError || r.stdout != "" || r.stderr != want {
		t.Errorf("exit %d, %d bytes of output, stderr %q; want exit 2, no output, stderr %q", r.code, len(r.stdout), r.stderr, want)
	}
}

// TestFixReportNeverOverwritesAnInput is the regression test of fix -o
// and fix --write-baseline replacing a schema of the run with the report
// or the baseline: like lint's, they refuse a target that is an input.
func TestFixReportNeverOverwritesAnInput(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.json": flaggedSchema, "b.json": cleanSchema}
	writeFiles(t, dir, files)
	for _, out := range []string{"-o", "--write-baseline"} {
		r := cmdIn(t, dir, "", "fix", "--dry-run", "--no-config", out, "b.json", "a.json", "b.json")
		if r.code != ExitError || !strings.Contains(r.stderr, "b.json is an input; refusing to overwrite it") {
			t.Errorf("fix %s b.json: exit %d, want 2 and a refusal\n%s%s", out, r.code, r.stdout, r.stderr)
		}
		for name, want := range files {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != want {
				t.Fatalf("fix %s: %s was overwritten: %v\n%s", out, name, err, b)
			}
		}
	}
}
