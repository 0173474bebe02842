package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/triggerkit/triggerkit/internal/testschemas"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// build compiles triggerlint once per test binary run.
func build(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "triggerlint-bench")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "triggerlint")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binary
}

// TestProcess runs the real binary once, as users do.
func TestProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := build(t)
	out, err := exec.Command(bin, "lint", "../../examples/order-paid.json").CombinedOutput()
	if err != nil || len(out) != 0 {
		t.Fatalf("clean example: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "lint", "../../examples/appointment-booked.json")
	out, _ = cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "(TK3008)") {
		t.Fatalf("exit %d\n%s", cmd.ProcessState.ExitCode(), out)
	}
}

// BenchmarkProcessOneFile is the whole process, start to exit, linting one
// 20-property schema: what a pre-commit hook costs per call.
func BenchmarkProcessOneFile(b *testing.B) {
	bin := build(b)
	for b.Loop() {
		if out, err := exec.Command(bin, "lint", "../../testdata/schemas/order-20.json").CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
	}
}

// BenchmarkProcessThousandFiles is the whole process linting a folder of
// 1,000 schema files, as a CI gate over a large repository does.
func BenchmarkProcessThousandFiles(b *testing.B) {
	bin := build(b)
	dir := b.TempDir()
	var srcs [][]byte
	for _, name := range []string{"../../testdata/schemas/order-20.json", "../../examples/order-paid.json", "../../examples/form-submitted.json", "../../examples/appointment-booked.json", "../../examples/generated-from-sample.json"} {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	for i := 0; i < 1000; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("app%02d", i/50))
		os.MkdirAll(sub, 0o755)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("trigger%04d.json", i)), srcs[i%len(srcs)], 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "lint", "--format", "json", dir)
		out, _ := cmd.Output()
		if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(string(out), `"files": 1000`) {
			b.Fatalf("exit %d: %.300s", code, out)
		}
	}
}

// BenchmarkProcessBaseline is the whole process doing nothing but print its
// version: the cost of starting a process on this machine, to compare the
// other process benchmarks with.
func BenchmarkProcessBaseline(b *testing.B) {
	bin := build(b)
	for b.Loop() {
		if out, err := exec.Command(bin, "version").CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
	}
}

// ndjson writes 100,000 payloads for the order-13 schema, one in a hundred
// of them invalid, and returns the file's path.
func ndjson(b *testing.B) string {
	payload, err := os.ReadFile("../../testdata/payloads/order-13.json")
	if err != nil {
		b.Fatal(err)
	}
	good := bytes.TrimSpace(payload)
	bad := bytes.Replace(good, []byte(`"orderNumber":10231`), []byte(`"orderNumber":"10231"`), 1)
	var buf bytes.Buffer
	for i := 0; i < 100000; i++ {
		if i%100 == 99 {
			buf.Write(bad)
		} else {
			buf.Write(good)
		}
		buf.WriteByte('\n')
	}
	path := filepath.Join(b.TempDir(), "events.ndjson")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkProcessValidateNDJSON and BenchmarkProcessV5LoopNDJSON time the
// whole process, start to exit, on the same 100,000-line file.
func BenchmarkProcessValidateNDJSON(b *testing.B) {
	bin, events := build(b), ndjson(b)
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "validate", "--schema", "../../testdata/schemas/order-13.json", events)
		if out, err := cmd.Output(); cmd.ProcessState.ExitCode() != 1 || bytes.Count(out, []byte("\n")) != 1001 {
			b.Fatalf("%v: %d lines", err, bytes.Count(out, []byte("\n")))
		}
	}
}

func BenchmarkProcessV5LoopNDJSON(b *testing.B) {
	events := ndjson(b)
	bin := filepath.Join(b.TempDir(), "v5loop")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/v5loop").CombinedOutput(); err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	schema, _ := filepath.Abs("../../testdata/schemas/order-13.json")
	b.ResetTimer()
	for b.Loop() {
		out, err := exec.Command(bin, schema, events).Output()
		if err != nil || bytes.Count(out, []byte("\n")) < 1000 {
			b.Fatalf("%v: %d lines", err, bytes.Count(out, []byte("\n")))
		}
	}
}

// BenchmarkProcessDiff200 runs the whole process, start to exit, on two
// versions of a 200-property schema with 20 changes, examples included.
func BenchmarkProcessDiff200(b *testing.B) {
	bin := build(b)
	dir := b.TempDir()
	old, new := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	if err := os.WriteFile(old, []byte(testschemas.Schema200(false)), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(new, []byte(testschemas.Schema200(true)), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		out, err := exec.Command(bin, "diff", "--format", "json", old, new).Output()
		if code := exitCode(err); code != 1 || !bytes.Contains(out, []byte(`"TKD102"`)) {
			b.Fatalf("exit %d: %v\n%.2000s", code, err, out)
		}
	}
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestProcessDiff200 checks what the benchmark measures: the changes of the
// 200-property pair, each breaking one with its example.
func TestProcessDiff200(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	old, new := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	if err := os.WriteFile(old, []byte(testschemas.Schema200(false)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(new, []byte(testschemas.Schema200(true)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "diff", "--format", "json", old, new).Output()
	if code := exitCode(err); code != 1 {
		t.Fatalf("exit %d: %v", code, err)
	}
	var rep struct {
		Findings []struct {
			Rule, Severity string
			Example        *struct{ Side string }
		}
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int{}
	for _, f := range rep.Findings {
		ids[f.Rule]++
		if f.Severity == "error" && f.Example == nil {
			t.Errorf("%s: no example", f.Rule)
		}
	}
	for _, id := range []string{"TKD101", "TKD102", "TKD105", "TKD201", "TKD202", "TKD204", "TKD401", "TKD421", "TKD501", "TKD502"} {
		if ids[id] == 0 {
			t.Errorf("no %s among %v", id, ids)
		}
	}
}

// BenchmarkProcessOneFileConfig is BenchmarkProcessOneFile in a folder
// without a config ("none") and in one with the starting config of
// files, exclude, a severity, an override and two ignore entries
// ("config"), in one run: what reading .triggerlint.yaml adds to a hook's
// call. Each folder holds .git, so the search for the config stops there.
func BenchmarkProcessOneFileConfig(b *testing.B) {
	bin := build(b)
	src, err := os.ReadFile("../../testdata/schemas/order-20.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		config string
	}{
		{"none", ""},
		{"config", "yes"},
	} {
		dir := b.TempDir()
		for _, d := range []string{".git", "triggers"} {
			if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "triggers", "order.json"), src, 0o644); err != nil {
			b.Fatal(err)
		}
		if tc.config != "" {
			extra := `files: ["triggers/**"]
exclude: ["**/package.json"]
rules:
  severity: {TK3003: warning}
overrides:
  - files: ["triggers/legacy/**"]
    rules: {disable: [TK3003]}
ignore:
  - rule: TK3005
    file: triggers/order.json
    pointer: /properties/legacy/**
    reason: kept for old apps
  - rule: TK1005
    reason: no required list in drafts
`
			if err := os.WriteFile(filepath.Join(dir, ".triggerlint.yaml"), []byte(extra), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if out, err := runIn(dir, bin, "lint", "triggers/order.json"); err != nil {
					b.Fatalf("%v\n%s", err, out)
				}
			}
		})
	}
}

// runIn runs the binary in a folder.
func runIn(dir, bin string, args ...string) ([]byte, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

// longLine is a valid order-13 payload of about size bytes on one line,
// ending in "\n": its lineItems repeat.
func longLine(tb testing.TB, size int) []byte {
	tb.Helper()
	src, err := os.ReadFile("../../testdata/payloads/order-13.json")
	if err != nil {
		tb.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, src); err != nil {
		tb.Fatal(err)
	}
	key := []byte(`"lineItems":[`)
	i := bytes.Index(compact.Bytes(), key)
	if i < 0 {
		tb.Fatal("no lineItems in order-13.json")
	}
	item := []byte(`{"name":"Ceramic mug","quantity":2,"price":"12.50"}`)
	line := make([]byte, 0, size+len(item)+1024)
	line = append(line, compact.Bytes()[:i+len(key)]...)
	for len(line) < size {
		if line[len(line)-1] != '[' {
			line = append(line, ',')
		}
		line = append(line, item...)
	}
	return append(line, "]}\n"...)
}

// peakOf runs the binary with stdin (nil: none), wants exit code 0, and
// returns the child's peak resident memory in bytes.
func peakOf(t *testing.T, bin string, stdin io.Reader, args ...string) int64 {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = stdin
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%.2000s", strings.Join(args, " "), err, out)
	}
	return peakRSS(cmd.ProcessState)
}

// TestProcessLongLinePeakRSS validates one 10 MB NDJSON line with the
// whole process, from a file and from a pipe, and reads each child's peak
// resident memory. The line must cost the process under 1.5 times its size
// over the floor, the peak of the same command validating a 600-byte
// payload: each of the defects a long line had (a buffer doubled as it
// grew, pieces joined into a second copy) costs 2 times or more. The whole
// peak is logged beside it, not checked: the floor it includes, some 9 MB
// on linux/amd64 (the pages of the binary the kernel maps as it runs, 6.5
// MB, the C library that package net links in, 1.3 MB, and the heap and
// stacks), is the process's, not the line's, and takes a 10 MB line to
// about 1.9 times its size.
func TestProcessLongLinePeakRSS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and writes a 10 MB file")
	}
	if raceEnabled {
		t.Skip("the race detector's load on the machine says nothing of the child's memory")
	}
	bin := build(t)
	const schema = "../../testdata/schemas/order-13.json"
	floor := peakOf(t, bin, nil, "validate", "--schema", schema, "../../testdata/payloads/order-13.json")
	if floor == 0 {
		t.Skip("the system does not report a child's peak resident memory")
	}
	line := longLine(t, 10<<20)
	path := filepath.Join(t.TempDir(), "big.ndjson")
	if err := os.WriteFile(path, line, 0o644); err != nil {
		t.Fatal(err)
	}
	size := float64(len(line))
	t.Logf("line %d bytes; floor %.1f MiB (%.2fx the line)", len(line), float64(floor)/(1<<20), float64(floor)/size)
	for _, tc := range []struct {
		name  string
		stdin io.Reader
		arg   string
	}{
		{"file", nil, path},
		{"pipe", bytes.NewReader(line), "-"}, // not an *os.File: exec pipes it
	} {
		peak := peakOf(t, bin, tc.stdin, "validate", "--schema", schema, tc.arg)
		t.Logf("%s: peak %.1f MiB, %.2fx the line; over the floor %.2fx", tc.name, float64(peak)/(1<<20), float64(peak)/size, float64(peak-floor)/size)
		if float64(peak-floor) > 1.5*size {
			t.Errorf("%s: the line raised the peak by %d bytes, want under 1.5x its %d", tc.name, peak-floor, len(line))
		}
	}
}
