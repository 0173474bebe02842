package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/rules"
)

// TestStdinFileLongLineReadOnce validates a 10 MB NDJSON line given on
// standard input from a file ("validate - < big.ndjson"), as the command
// does, and checks that the heap holds it once: not in pieces that are
// then joined, twice its size. TestOpenInputStdinKeepsFile checks that it
// is read as a file.
func TestStdinFileLongLineReadOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 10 MB file")
	}
	item := `{"name":"Ceramic mug","quantity":2,"price":"12.50"}`
	line := `{"orderId":"6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13","contactId":"2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6","orderNumber":10231,"status":"paid","total":{"value":"129.90","currency":"EUR"},"paidAt":"2026-03-01T09:30:00.125Z","customerEmail":"jane.doe@example.com","lineItems":[` +
		strings.Repeat(item+",", (10<<20)/(len(item)+1)) + item + `]}`
	path := filepath.Join(t.TempDir(), "big.ndjson")
	if err := os.WriteFile(path, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out, errOut bytes.Buffer
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code := Triggerlint([]string{"validate", "--schema", "../../testdata/schemas/order-13.json", "-"}, Env{Stdin: f, Stdout: &out, Stderr: &errOut}, rules.All())
	runtime.ReadMemStats(&after)
	if code != ExitOK || errOut.Len() != 0 {
		t.Fatalf("code %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("line %d bytes: allocated %d (%.2fx)", len(line), alloc, float64(alloc)/float64(len(line)))
	if float64(alloc) > 1.5*float64(len(line)) {
		t.Errorf("allocated %d bytes for a %d-byte line on standard input, want under 1.5x", alloc, len(line))
	}
}

// TestOpenInputStdinKeepsFile is the regression test of a file given as
// standard input being read as a pipe, because openInput hid its methods.
// It checks that standard input keeps the methods
// that let the records reader read a file at an offset, that closing it
// leaves it open, and that a pipe, which has the same methods but cannot
// seek, is still read to its end.
func TestOpenInputStdinKeepsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.ndjson")
	long := `{"s":"` + strings.Repeat("x", 200000) + `"}`
	if err := os.WriteFile(path, []byte(long+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	used := false
	r, _, err := openInput("-", Env{Stdin: f}, &used)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); !ok {
		t.Errorf("standard input from a file is a %T, which cannot be read at an offset", r)
	}
	r.Close()
	if _, err := f.Seek(0, 0); err != nil {
		t.Errorf("closing the input closed standard input: %v", err)
	}

	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	go func() {
		pw.WriteString(long + "\n" + long + "\n")
		pw.Close()
	}()
	var out, errOut bytes.Buffer
	code := Triggerlint([]string{"validate", "--schema", "../../testdata/schemas/order-13.json", "-"}, Env{Stdin: pr, Stdout: &out, Stderr: &errOut}, rules.All())
	if code != ExitFindings || !strings.Contains(out.String(), "in 2 payloads from 1 file") {
		t.Errorf("a pipe on standard input: code %d\nstdout:\n%.600s\nstderr:\n%s", code, out.String(), errOut.String())
	}
}
