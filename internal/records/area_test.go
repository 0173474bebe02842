package records

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// pipeOnly hides every method of a reader but Read, as a pipe has only
// that one.
type pipeOnly struct{ io.Reader }

// TestPipeLongLines reads long lines from a pipe, of sizes around the read
// buffer and larger, longer and shorter ones in turn, with and without a
// size cap: each record is its line, byte for byte, and a line over the
// cap is refused.
func TestPipeLongLines(t *testing.T) {
	var lines []string
	for i, n := range []int{bufSize - 1, bufSize, bufSize + 1, 3 * bufSize, 10, 5*bufSize + 7, 2 * bufSize, 1 << 20} {
		lines = append(lines, `{"i":`+strconv.Itoa(i)+`,"s":"`+strings.Repeat(string(rune('a'+i)), n)+`"}`)
	}
	src := strings.Join(lines, "\n") + "\n"
	for _, max := range []int64{-1, 0, 2 << 20} {
		var got []string
		err := Each(pipeOnly{strings.NewReader(src)}, Options{Name: "p.ndjson", NDJSON: true, MaxSize: max}, func(r Record) error {
			got = append(got, string(r.Data))
			return nil
		})
		if err != nil {
			t.Fatalf("max %d: %v", max, err)
		}
		if len(got) != len(lines) {
			t.Fatalf("max %d: %d records, want %d", max, len(got), len(lines))
		}
		for i := range lines {
			if got[i] != lines[i] {
				t.Errorf("max %d: record %d has %d bytes, starting %.20q; want its line of %d bytes", max, i, len(got[i]), got[i], len(lines[i]))
			}
		}
	}
	err := Each(pipeOnly{strings.NewReader(src)}, Options{Name: "p.ndjson", NDJSON: true, MaxSize: 4 * bufSize}, func(Record) error { return nil })
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Line != 6 {
		t.Errorf("a line over the cap: got %v, want a TooLargeError for line 6", err)
	}
}

// TestPipeLongLineHeldOnce is the regression test of a 10 MB NDJSON line
// read from standard input as a pipe taking twice its size: its pieces
// were kept and then joined. The memory of the process grows by about the
// line, and its heap by next to nothing.
func TestPipeLongLineHeldOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 10 MB line")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the area for long lines is reserved on Linux only")
	}
	line := append(bytes.Repeat([]byte(`{"a":"bcdefghij"},`), (10<<20)/18), "{}]"...)
	line = append([]byte(`[`), line...)
	src := append(line, '\n')
	runtime.GC()
	rss0 := residentKiB(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var grew int64
	err := Each(pipeOnly{bytes.NewReader(src)}, Options{Name: "big.ndjson", NDJSON: true}, func(r Record) error {
		if !bytes.Equal(r.Data, line) {
			t.Fatalf("the record is not the line")
		}
		runtime.ReadMemStats(&after)
		grew = residentKiB(t) - rss0
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	kib := int64(len(line)) >> 10
	t.Logf("line %d KiB: resident memory %+d KiB (%.2fx), heap allocated %d bytes", kib, grew, float64(grew)/float64(kib), after.TotalAlloc-before.TotalAlloc)
	if float64(grew) > 1.3*float64(kib) && !raceEnabled {
		t.Errorf("resident memory grew by %d KiB for a %d KiB line, want under 1.3x", grew, kib)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(line))/4 {
		t.Errorf("heap allocated %d bytes for a %d-byte line, want under a quarter of it", alloc, len(line))
	}
}

// residentKiB reads the resident memory of the process.
func residentKiB(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// TestCloseReleasesArea checks that Close gives the area back and that a
// Reader closed without one is fine.
func TestCloseReleasesArea(t *testing.T) {
	rd := NewReader(pipeOnly{strings.NewReader(strings.Repeat("x", 2*bufSize) + "\n")}, Options{Name: "p", NDJSON: true})
	rd.useArea = true
	if _, err := rd.Next(); err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" && rd.area == nil {
		t.Errorf("no area after a long line from a pipe")
	}
	if err := rd.Close(); err != nil || rd.area != nil {
		t.Errorf("Close: %v, area left %v", err, rd.area != nil)
	}
	if err := NewReader(strings.NewReader(""), Options{}).Close(); err != nil {
		t.Error(err)
	}
}

// TestFileLongLineOffHeap checks that a long NDJSON line read from a file
// goes to the area too, read at its offset: the heap grows by next to
// nothing, so that the line starts no garbage collection, whose workers
// and mark state raised the peak memory of a process validating a 10 MB
// line by half a megabyte more than the same line from a pipe. Lines of
// other lengths before and after it are read right.
func TestFileLongLineOffHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 10 MB file")
	}
	line := append(bytes.Repeat([]byte(`{"a":"bcdefghij"},`), (10<<20)/18), "{}]"...)
	line = append([]byte(`[`), line...)
	short := []byte(`{"short":true}`)
	mid := append(append([]byte(`"`), bytes.Repeat([]byte("m"), 3*bufSize)...), '"')
	var src []byte
	for _, l := range [][]byte{short, line, mid, short} {
		src = append(append(src, l...), '\n')
	}
	path := t.TempDir() + "/big.ndjson"
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path, "big.ndjson", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var got [][]byte
	err = Each(f, Options{Name: "big.ndjson", NDJSON: true}, func(r Record) error {
		if len(r.Data) == len(line) {
			runtime.ReadMemStats(&after)
		}
		got = append(got, bytes.Clone(r.Data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || !bytes.Equal(got[0], short) || !bytes.Equal(got[1], line) || !bytes.Equal(got[2], mid) || !bytes.Equal(got[3], short) {
		t.Fatalf("got %d records, want the 4 lines byte for byte", len(got))
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("line %d bytes: heap allocated %d bytes while reading it", len(line), alloc)
	if runtime.GOOS == "linux" && alloc > uint64(len(line))/4 {
		t.Errorf("heap allocated %d bytes for a %d-byte line from a file, want under a quarter of it", alloc, len(line))
	}
}
