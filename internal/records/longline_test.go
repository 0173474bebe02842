package records_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/validate"
)

// longLinePayload is a valid order payload of about size bytes on one
// line: its lineItems repeat.
func longLinePayload(tb testing.TB, size int) []byte {
	tb.Helper()
	src, err := os.ReadFile("../../testdata/payloads/order-13.json")
	if err != nil {
		tb.Fatal(err)
	}
	item := `{"name":"Ceramic mug","quantity":2,"price":"12.50"}`
	var items strings.Builder
	for items.Len() < size {
		if items.Len() > 0 {
			items.WriteByte(',')
		}
		items.WriteString(item)
	}
	compact := new(bytes.Buffer)
	if err := jsonCompact(compact, src); err != nil {
		tb.Fatal(err)
	}
	i := bytes.Index(compact.Bytes(), []byte(`"lineItems":[`))
	if i < 0 {
		tb.Fatal("no lineItems")
	}
	head := compact.Bytes()[:i+len(`"lineItems":[`)]
	return []byte(string(head) + items.String() + "]}")
}

// measureLine reads r through records.Each and validates its one record,
// as the validate command does, and returns the bytes allocated and the
// growth of the heap in use while the record is held.
func measureLine(t *testing.T, r io.Reader, schema *validate.Validator) (alloc, inuse uint64, n int) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := records.Each(r, records.Options{Name: "big.ndjson", NDJSON: true}, func(rec records.Record) error {
		n = len(rec.Data)
		if res := schema.Validate(rec.Data); !res.Valid() {
			t.Errorf("invalid: %v", res.Violations[:1])
		}
		runtime.ReadMemStats(&after)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return after.TotalAlloc - before.TotalAlloc, after.HeapInuse - min(after.HeapInuse, before.HeapInuse), n
}

// TestLongLineMemory is the regression test of the defect where one 10 MB
// NDJSON line took four times its size: the line was gathered by doubling
// a buffer. Read from a file, the line and the read buffer are all that is
// allocated; from a pipe, its pieces and the joined line.
func TestLongLineMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 10 MB file")
	}
	src, err := os.ReadFile("../../testdata/schemas/order-13.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.New(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	line := longLinePayload(t, 10<<20)
	path := filepath.Join(t.TempDir(), "big.ndjson")
	if err := os.WriteFile(path, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := records.Open(path, "big.ndjson", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	alloc, inuse, n := measureLine(t, f, v)
	if n != len(line) {
		t.Fatalf("read %d bytes, want %d", n, len(line))
	}
	t.Logf("file: line %d bytes, allocated %d (%.2fx), heap in use %+d (%.2fx)", n, alloc, float64(alloc)/float64(n), int64(inuse), float64(inuse)/float64(n))
	if float64(alloc) > 1.5*float64(n) {
		t.Errorf("file: allocated %d bytes for a %d-byte line, want under 1.5x", alloc, n)
	}
	alloc, inuse, _ = measureLine(t, struct{ io.Reader }{bytes.NewReader(append(line, '\n'))}, v)
	t.Logf("pipe: allocated %d (%.2fx), heap in use %+d (%.2fx)", alloc, float64(alloc)/float64(n), int64(inuse), float64(inuse)/float64(n))
	if float64(alloc) > 2.5*float64(n) {
		t.Errorf("pipe: allocated %d bytes for a %d-byte line, want under 2.5x", alloc, n)
	}
}

func jsonCompact(dst *bytes.Buffer, src []byte) error { return json.Compact(dst, src) }
