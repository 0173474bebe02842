package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// all reads every record of src, copying each one.
func all(t *testing.T, src string, opts Options) ([]Record, error) {
	t.Helper()
	var out []Record
	err := Each(strings.NewReader(src), opts, func(r Record) error {
		r.Data = bytes.Clone(r.Data)
		out = append(out, r)
		return nil
	})
	return out, err
}

// prettyOver64KiB is a valid pretty-printed document whose first line is
// short and whose total size is well over the 64 KiB read buffer.
func prettyOver64KiB(n int) string {
	return "{\n  \"note\": \"" + strings.Repeat("x", n) + "\",\n  \"n\": 1\n}\n"
}

// TestMultiLineDocumentOver64KiB is the regression test of the misread of
// any multi-line JSON over 64 KiB: the first line used to be kept as a
// slice of the read buffer, which reading the rest then overwrote.
func TestMultiLineDocumentOver64KiB(t *testing.T) {
	for _, n := range []int{70000, 1 << 16, 3 << 16, 1 << 20} {
		src := prettyOver64KiB(n)
		recs, err := all(t, src, Options{Name: "p.json"})
		if err != nil || len(recs) != 1 {
			t.Fatalf("n=%d: %d records, %v", n, len(recs), err)
		}
		if string(recs[0].Data) != src || !json.Valid(recs[0].Data) {
			t.Errorf("n=%d: the document read is not the input (first bytes %q)", n, recs[0].Data[:min(20, len(recs[0].Data))])
		}
	}
	// A pretty-printed order with 2,000 line items (over 200 KB).
	var b strings.Builder
	b.WriteString("{\n  \"orderId\": \"o-1\",\n  \"lineItems\": [\n")
	for i := range 2000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "    {\n      \"name\": \"item %d with a long enough name to weigh\",\n      \"quantity\": %d,\n      \"price\": {\"value\": \"10.00\", \"currency\": \"EUR\"}\n    }", i, i)
	}
	b.WriteString("\n  ]\n}\n")
	recs, err := all(t, b.String(), Options{Name: "order.json"})
	if err != nil || len(recs) != 1 || string(recs[0].Data) != b.String() {
		t.Fatalf("order of %d bytes: %d records, %v", b.Len(), len(recs), err)
	}
}

func TestPositions(t *testing.T) {
	// A multi-line document: positions are the file's.
	recs, err := all(t, "{\n  \"a\": 1,\n  \"b\": x\n}", Options{})
	if err != nil || len(recs) != 1 {
		t.Fatal(len(recs), err)
	}
	off := strings.Index(string(recs[0].Data), "x")
	if p := recs[0].Position(off); p.Line != 3 || p.Column != 8 || p.Offset != off {
		t.Errorf("document: got %+v, want 3:8 at %d", p, off)
	}
	// NDJSON: blank lines skipped, CRLF trimmed, offsets and lines of the file.
	src := "{\"a\":1}\r\n\r\n   \n{\"b\":2}\n{\"c\":3}"
	recs, err = all(t, src, Options{})
	if err != nil || len(recs) != 3 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	for i, want := range []struct {
		data   string
		line   int
		offset int64
	}{{`{"a":1}`, 1, 0}, {`{"b":2}`, 4, int64(strings.Index(src, `{"b"`))}, {`{"c":3}`, 5, int64(strings.Index(src, `{"c"`))}} {
		r := recs[i]
		if string(r.Data) != want.data || r.Line != want.line || r.Offset != want.offset {
			t.Errorf("record %d: got %q line %d offset %d, want %+v", i, r.Data, r.Line, r.Offset, want)
		}
		if p := r.Position(5); p.Line != want.line || p.Column != 6 || p.Offset != int(want.offset)+5 {
			t.Errorf("record %d: position %+v", i, p)
		}
	}
	// By name, a first line that is not complete JSON is still a record.
	recs, err = all(t, "{\"a\":\n{\"b\":2}\n", Options{NDJSON: true})
	if err != nil || len(recs) != 2 || string(recs[0].Data) != `{"a":` {
		t.Errorf("ndjson by name: %+v %v", recs, err)
	}
	// An empty input is one empty document, for the caller to judge.
	recs, err = all(t, "", Options{})
	if err != nil || len(recs) != 1 || len(recs[0].Data) != 0 {
		t.Errorf("empty input: %v %v", recs, err)
	}
}

func TestLongNDJSONLines(t *testing.T) {
	long := `{"pad":"` + strings.Repeat("y", 300000) + `"}`
	var lines []string
	for range 5 {
		lines = append(lines, `{"a":1}`, long)
	}
	recs, err := all(t, strings.Join(lines, "\n")+"\n", Options{})
	if err != nil || len(recs) != 10 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	for i, r := range recs {
		if string(r.Data) != lines[i] || r.Line != i+1 {
			t.Errorf("record %d: %d bytes on line %d", i, len(r.Data), r.Line)
		}
	}
}

// TestNDJSONLinesAreNotCopied checks that a line that fits in the read
// buffer is returned in place: reading allocates nothing per record.
func TestNDJSONLinesAreNotCopied(t *testing.T) {
	src := []byte(strings.Repeat(`{"orderId":"o-1","total":12.5}`+"\n", 5000))
	rd := bytes.NewReader(src)
	r := NewReader(rd, Options{})
	allocs := testing.AllocsPerRun(3, func() {
		rd.Reset(src)
		r.br.Reset(rd)
		r.mode, r.line, r.offset, r.eof = modeLines, 0, 0, false
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations to read 5,000 records, want 0", allocs)
	}
}

// TestRecordTooLarge is the reader's part of the regression test of
// inputs that never end: a document or record over the cap is refused with
// a typed error after reading at most the cap and a buffer.
func TestRecordTooLarge(t *testing.T) {
	big := prettyOver64KiB(200000)
	_, err := all(t, big, Options{Name: "p.json", MaxSize: 100000})
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 100000 || tl.NDJSON || !strings.Contains(err.Error(), "p.json: the document is larger than 100000B") {
		t.Errorf("document: %v", err)
	}
	_, err = all(t, "{}\n{\"a\":\""+strings.Repeat("z", 300000)+"\"}\n", Options{Name: "e.ndjson", MaxSize: 100000})
	if !errors.As(err, &tl) || tl.Line != 2 || !tl.NDJSON || !strings.Contains(err.Error(), "e.ndjson:2: the record is larger") {
		t.Errorf("record: %v", err)
	}
	// An input that never ends stops at the cap.
	err = Each(zeros{}, Options{Name: "zero", MaxSize: 1 << 20}, func(Record) error { return nil })
	if !errors.As(err, &tl) {
		t.Errorf("endless input: %v", err)
	}
	// Exactly at the cap passes; no cap reads anything.
	exact := `{"a":"` + strings.Repeat("q", 100) + `"}`
	if _, err := all(t, exact, Options{MaxSize: int64(len(exact))}); err != nil {
		t.Errorf("at the cap: %v", err)
	}
	if recs, err := all(t, big, Options{MaxSize: -1}); err != nil || len(recs) != 1 {
		t.Errorf("no cap: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(dir, "d", 10); !isNotRegular(err) || !strings.Contains(err.Error(), "d: not a regular file (a folder)") {
		t.Errorf("folder: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := ReadFile("/dev/zero", "/dev/zero", 0); !isNotRegular(err) || !strings.Contains(err.Error(), "character device") {
			t.Errorf("/dev/zero: %v", err)
		}
	}
	path := filepath.Join(dir, "a.json")
	os.WriteFile(path, []byte(`{"a": 1}`), 0o644)
	var tl *TooLargeError
	if _, err := ReadFile(path, "a.json", 4); !errors.As(err, &tl) || tl.Size != 8 {
		t.Errorf("too large: %v", err)
	}
	if b, err := ReadFile(path, "a.json", 8); err != nil || string(b) != `{"a": 1}` {
		t.Errorf("at the cap: %q %v", b, err)
	}
	// A symbolic link is followed: the check is on its target.
	link := filepath.Join(dir, "l.json")
	os.Symlink(path, link)
	if b, err := ReadFile(link, "l.json", 0); err != nil || len(b) != 8 {
		t.Errorf("symlink: %v", err)
	}
}

func isNotRegular(err error) bool {
	var nr *NotRegularError
	return errors.As(err, &nr)
}

func TestReadErrorKeepsItsOffset(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("{\n\"a\":1"), errReader{boom})
	err := Each(r, Options{Name: "x"}, func(Record) error { return nil })
	var re *ReadError
	if !errors.As(err, &re) || !errors.Is(err, boom) || re.Offset != 7 {
		t.Errorf("got %v", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"64MiB": 64 << 20, "10": 10, "1KB": 1000, "2GiB": 2 << 30, "5B": 5, "0": -1} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5MiB", "10XB", "99999999999999999999", "00"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
	if s := FormatSize(DefaultMaxSize); s != "64MiB" {
		t.Errorf("FormatSize = %s", s)
	}
}

// BenchmarkNDJSON reads NDJSON of N records: the cost per record stays the
// same from 1,000 to 100,000 records.
func BenchmarkNDJSON(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		src := []byte(strings.Repeat(`{"orderId":"o-1","total":12.5,"note":"a line of some length"}`+"\n", n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if err := Each(bytes.NewReader(src), Options{}, func(Record) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDocument reads one pretty-printed document of N bytes.
func BenchmarkDocument(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000, 10_000_000} {
		src := []byte(prettyOver64KiB(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if err := Each(bytes.NewReader(src), Options{}, func(Record) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
