package generate_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
)

// sampleLines returns the Events samples (the ones the benchmark has
// always read, so that its figures compare across versions), each
// compacted to one line.
func sampleLines(tb testing.TB) [][]byte {
	tb.Helper()
	return linesOf(tb, "../testdata/samples/*event*.json")
}

// linesOf returns the samples a glob names, each compacted to one line.
func linesOf(tb testing.TB, glob string) [][]byte {
	tb.Helper()
	files, _ := filepath.Glob(glob)
	var lines [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var b bytes.Buffer
		if err := json.Compact(&b, src); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, b.Bytes())
	}
	if len(lines) == 0 {
		tb.Fatal("no samples")
	}
	return lines
}

// ndjson returns at least size bytes of NDJSON: the samples, over and over.
func ndjson(tb testing.TB, size int) []byte {
	return ndjsonOf(tb, sampleLines(tb), size)
}

func ndjsonOf(tb testing.TB, lines [][]byte, size int) []byte {
	out := make([]byte, 0, size+64<<10)
	for i := 0; len(out) < size; i++ {
		out = append(append(out, lines[i%len(lines)]...), '\n')
	}
	return out
}

// addLines adds each line of src as a sample.
func addLines(tb testing.TB, g *generate.Generator, src []byte) {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if err := g.Add(src[:i]); err != nil {
			tb.Fatal(err)
		}
		src = src[i+1:]
	}
}

// BenchmarkGenerateNDJSON infers one schema from 100 MB of NDJSON samples.
// Its MB/s is the generator's throughput.
func BenchmarkGenerateNDJSON(b *testing.B) {
	src := ndjson(b, 100<<20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		g := generate.New(generate.Options{})
		addLines(b, g, src)
		if _, err := g.Schema(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateNDJSONWebhooks infers one schema from 100 MB of every
// real sample, the Wix webhooks among them: envelopes read and JSON
// strings decoded.
func BenchmarkGenerateNDJSONWebhooks(b *testing.B) {
	src := ndjsonOf(b, linesOf(b, "../testdata/samples/*.json"), 100<<20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		g := generate.New(generate.Options{})
		addLines(b, g, src)
		if _, err := g.Schema(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMemoryDoesNotGrow checks that the generator's memory depends on the
// distinct keys, not on how many samples it reads.
func TestMemoryDoesNotGrow(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 40 MB")
	}
	chunk := ndjson(t, 4<<20)
	heap := func(g *generate.Generator, chunks int) uint64 {
		for i := 0; i < chunks; i++ {
			addLines(t, g, chunk)
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	g := generate.New(generate.Options{})
	small := heap(g, 1)
	large := heap(g, 9) // 40 MB in all
	runtime.KeepAlive(g)
	if large > small+(1<<20) {
		t.Errorf("heap grew from %d to %d bytes between 4 MB and 40 MB of samples", small, large)
	}
	if _, err := g.Schema(); err != nil {
		t.Fatal(err)
	}
}
