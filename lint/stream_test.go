package lint

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// keysSchema is a schema of n properties, named after i so that inputs
// differ.
func keysSchema(i, n int) []byte {
	var b strings.Builder
	b.WriteString(`{"type": "object", "properties": {`)
	for k := range n {
		if k > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"p%d_%d": {"type": "string", "title": "A property with a long enough title to weigh something"}`, i, k)
	}
	b.WriteString(`}}`)
	return []byte(b.String())
}

func newKeyLinter(t testing.TB) *Linter {
	l, err := New(Options{Rules: []*Rule{keyRule("ACME1001", "keys", Warning)}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestStreamEmitsInInputOrder: inputs of very different sizes, linted on
// several workers, come out in the order they went in, each with the
// findings Bytes gives it.
func TestStreamEmitsInInputOrder(t *testing.T) {
	l := newKeyLinter(t)
	const n = 300
	i := 0
	var got []FileResult
	sum, err := l.Stream(context.Background(), func() (Input, bool) {
		if i == n {
			return Input{}, false
		}
		i++
		return Input{Name: fmt.Sprint(i - 1), Src: keysSchema(i-1, (i*37)%50)}, true
	}, func(r FileResult) error {
		got = append(got, r)
		return nil
	}, StreamOptions{Workers: 4, Window: 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n || sum.Files != n {
		t.Fatalf("got %d results, summary %+v, want %d", len(got), sum, n)
	}
	total := 0
	for k, r := range got {
		want, _ := l.Bytes(fmt.Sprint(k), keysSchema(k, ((k+1)*37)%50))
		if r.Name != fmt.Sprint(k) || r.Err != nil || len(r.Findings) != len(want.Findings) {
			t.Fatalf("result %d: %s, %v, %d findings, want %d, %d findings", k, r.Name, r.Err, len(r.Findings), k, len(want.Findings))
		}
		for j := range r.Findings {
			if !reflect.DeepEqual(r.Findings[j], want.Findings[j]) {
				t.Fatalf("result %d finding %d: got %+v, want %+v", k, j, r.Findings[j], want.Findings[j])
			}
		}
		total += len(r.Findings)
	}
	if sum.Findings != total || sum.Warnings != total {
		t.Errorf("summary %+v, want %d findings", sum, total)
	}
}

// TestStreamBoundsInputsInFlight: however many inputs there are, no more
// than the window (and the one the reader and the emitter each hold) are
// taken and not yet emitted.
func TestStreamBoundsInputsInFlight(t *testing.T) {
	l := newKeyLinter(t)
	var taken, emitted, most atomic.Int64
	const window = 5
	_, err := l.Stream(context.Background(), func() (Input, bool) {
		if taken.Load() == 2000 {
			return Input{}, false
		}
		if d := taken.Add(1) - emitted.Load(); d > most.Load() {
			most.Store(d)
		}
		return Input{Name: "x", Src: keysSchema(0, 3)}, true
	}, func(FileResult) error {
		emitted.Add(1)
		return nil
	}, StreamOptions{Workers: 2, Window: window})
	if err != nil {
		t.Fatal(err)
	}
	if emitted.Load() != 2000 || most.Load() > window+2 {
		t.Errorf("emitted %d, at most %d in flight, want 2000 and at most %d", emitted.Load(), most.Load(), window+2)
	}
}

// TestStreamStopsWhenEmitFails: an endless input stops at emit's error,
// which Stream returns.
func TestStreamStopsWhenEmitFails(t *testing.T) {
	l := newKeyLinter(t)
	stop := errors.New("disk full")
	emits := 0
	_, err := l.Stream(context.Background(), func() (Input, bool) {
		return Input{Name: "x", Src: keysSchema(0, 1)}, true
	}, func(FileResult) error {
		emits++
		if emits == 3 {
			return stop
		}
		return nil
	}, StreamOptions{})
	if !errors.Is(err, stop) || emits != 3 {
		t.Errorf("got %v after %d emits, want %v after 3", err, emits, stop)
	}
}

// TestStreamStopsWhenCancelled: an endless input stops when the context
// is cancelled.
func TestStreamStopsWhenCancelled(t *testing.T) {
	l := newKeyLinter(t)
	ctx, cancel := context.WithCancel(context.Background())
	emits := 0
	_, err := l.Stream(ctx, func() (Input, bool) {
		return Input{Name: "x", Src: keysSchema(0, 1)}, true
	}, func(FileResult) error {
		if emits++; emits == 10 {
			cancel()
		}
		return nil
	}, StreamOptions{})
	if !errors.Is(err, context.Canceled) || emits != 10 {
		t.Errorf("got %v after %d emits, want %v after 10", err, emits, context.Canceled)
	}
}

// TestStreamFilesReportsUnreadableFiles: a file that cannot be read is a
// result with its error, in its place, and the others are linted.
func TestStreamFilesReportsUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	a, c := filepath.Join(dir, "a.json"), filepath.Join(dir, "c.json")
	for _, p := range []string{a, c} {
		if err := os.WriteFile(p, []byte(twoKeys), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{a, filepath.Join(dir, "missing.json"), c}
	i := 0
	var got []FileResult
	sum, err := newKeyLinter(t).StreamFiles(context.Background(), func() (string, bool) {
		if i == len(paths) {
			return "", false
		}
		i++
		return paths[i-1], true
	}, func(r FileResult) error { got = append(got, r); return nil }, StreamOptions{})
	if err != nil || len(got) != 3 || sum.Files != 3 || sum.Findings != 4 {
		t.Fatalf("%v: %d results, %+v", err, len(got), sum)
	}
	if !errors.Is(got[1].Err, os.ErrNotExist) || got[0].Err != nil || len(got[2].Findings) != 2 || got[2].Name != c {
		t.Errorf("results %+v", got)
	}
}

// TestStreamMemoryDoesNotGrowWithInputs is the regression test for lint
// holding every input before linting any: streaming ten times as many 8 KB
// inputs must not raise the peak heap by more than a little.
func TestStreamMemoryDoesNotGrowWithInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("lints 22,000 inputs")
	}
	l := newKeyLinter(t)
	peak := func(n int) uint64 {
		runtime.GC()
		var ms runtime.MemStats
		var most uint64
		i, emitted := 0, 0
		_, err := l.Stream(context.Background(), func() (Input, bool) {
			if i == n {
				return Input{}, false
			}
			i++
			k := i
			return Input{Name: "x", Read: func() ([]byte, error) { return keysSchema(k, 80), nil }}, true
		}, func(r FileResult) error {
			// next runs on another goroutine: emit keeps its own count.
			if emitted++; emitted%500 == 0 {
				runtime.ReadMemStats(&ms)
				most = max(most, ms.HeapAlloc)
			}
			return nil
		}, StreamOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return most
	}
	small, large := peak(2000), peak(20000)
	// 20,000 inputs of 8 KB held at once would be 160 MB.
	if large > small+16<<20 {
		t.Errorf("peak heap %d MiB for 2,000 inputs, %d MiB for 20,000: it grows with the inputs", small>>20, large>>20)
	}
	t.Logf("peak heap %d KiB for 2,000 inputs, %d KiB for 20,000", small>>10, large>>10)
}

// TestStreamInputLinterAndAccept: an input that carries its own linter is
// linted by it, in its place in the order; one whose Accept refuses the
// parsed file is left out with Accept's error and no findings.
func TestStreamInputLinterAndAccept(t *testing.T) {
	errorKeys, err := New(Options{Rules: []*Rule{keyRule("ACME1001", "keys", Error)}})
	if err != nil {
		t.Fatal(err)
	}
	infoKeys, err := New(Options{Rules: []*Rule{keyRule("ACME1001", "keys", Info)}})
	if err != nil {
		t.Fatal(err)
	}
	refused := errors.New("no object with properties at the root")
	accept := func(f *schema.File) error {
		if f.Root == nil || f.Root.Get("properties") == nil {
			return refused
		}
		return nil
	}
	inputs := []Input{
		{Name: "a", Src: keysSchema(0, 2)},
		{Name: "b", Src: keysSchema(1, 3), Linter: infoKeys},
		{Name: "c", Src: []byte(`{"name": "app"}`), Accept: accept},
		{Name: "d", Src: keysSchema(3, 1), Accept: accept, Linter: infoKeys},
	}
	i := 0
	var got []FileResult
	_, err = errorKeys.Stream(context.Background(), func() (Input, bool) {
		if i == len(inputs) {
			return Input{}, false
		}
		i++
		return inputs[i-1], true
	}, func(r FileResult) error {
		got = append(got, r)
		return nil
	}, StreamOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		n    int
		sev  Severity
		err  error
	}{{"a", 2, Error, nil}, {"b", 3, Info, nil}, {"c", 0, None, refused}, {"d", 1, Info, nil}}
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d", len(got), len(want))
	}
	for k, w := range want {
		r := got[k]
		if r.Name != w.name || len(r.Findings) != w.n || r.Err != w.err {
			t.Errorf("result %d: %s, %d findings, %v; want %s, %d, %v", k, r.Name, len(r.Findings), r.Err, w.name, w.n, w.err)
			continue
		}
		for _, f := range r.Findings {
			if f.Severity != w.sev {
				t.Errorf("%s: finding at %s, want %s", r.Name, f.Severity, w.sev)
			}
		}
	}
}
