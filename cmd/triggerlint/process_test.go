package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
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
