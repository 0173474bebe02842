package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xeipuuv/gojsonpointer"
)

func addSeeds(f *testing.F) {
	f.Add([]byte(`{"type": "object", "properties": {"a~/b": {"type": "string", "examples": ["x", 1, 1.5e3, true, null]}}}`))
	f.Add([]byte("{\n\u00a0\"a\": 'b', // c\n \"d\": [1,],}"))
	f.Add([]byte(`{"a": {"a": {"a": [[[{"\u00e9\ud83d\ude00": "\ud800"}]]]}}, "a": 0}`))
	f.Add([]byte(`[{"x": -0.0e-0}]`))
	for _, dir := range []string{"../examples", "../testdata/schemas"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
}

// FuzzParse checks that parsing never panics, that every span lies inside
// the input, that every pointer resolves back to its node, and, for input
// that encoding/json accepts too, that both read the same values.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.json", src)
		for _, e := range file.Errors {
			if e.Offset < 0 || e.Offset > len(src) {
				t.Fatalf("error offset %d outside input of %d bytes", e.Offset, len(src))
			}
		}
		if file.Root == nil {
			if err == nil {
				t.Fatal("no root and no error")
			}
			return
		}
		dup := map[*Node]bool{}
		for _, d := range file.Duplicates {
			dup[d.Again.Value] = true
		}
		var check func(n *Node, underDup bool)
		check = func(n *Node, underDup bool) {
			if n.Span.Start < 0 || n.Span.End > len(src) || n.Span.Start >= n.Span.End {
				t.Fatalf("%q: span %v outside input of %d bytes", n.Pointer(), n.Span, len(src))
			}
			if !n.Pointer().Valid() {
				t.Fatalf("invalid pointer %q", n.Pointer())
			}
			underDup = underDup || dup[n]
			if !underDup && file.Resolve(n.Pointer()) != n {
				t.Fatalf("%q does not resolve back to its node", n.Pointer())
			}
			for _, m := range n.Members {
				if m.KeySpan.Start < n.Span.Start || m.KeySpan.End > m.Value.Span.Start || m.Value.Span.End > n.Span.End {
					t.Fatalf("%q: key span %v, value span %v outside the object's %v", m.Value.Pointer(), m.KeySpan, m.Value.Span, n.Span)
				}
				check(m.Value, underDup)
			}
			for _, e := range n.Elems {
				if e.Span.Start < n.Span.Start || e.Span.End > n.Span.End {
					t.Fatalf("%q: element span outside the array", e.Pointer())
				}
				check(e, underDup)
			}
		}
		check(file.Root, false)
		// Build must cope with any tree.
		Build(file)

		if err != nil || len(file.Duplicates) > 0 {
			return
		}
		var doc any
		if json.Unmarshal(src, &doc) != nil {
			t.Fatalf("parsed without error but encoding/json rejects: %q", src)
		}
		// Cross-check a few pointers with an independent implementation.
		var n int
		var cross func(nd *Node)
		cross = func(nd *Node) {
			if n > 50 {
				return
			}
			n++
			ptr, err := gojsonpointer.NewJsonPointer(string(nd.Pointer()))
			if err != nil {
				t.Fatalf("gojsonpointer rejects %q: %v", nd.Pointer(), err)
			}
			got, _, err := ptr.Get(doc)
			if err != nil {
				t.Fatalf("gojsonpointer cannot resolve %q: %v", nd.Pointer(), err)
			}
			var want any
			if err := json.Unmarshal(src[nd.Span.Start:nd.Span.End], &want); err != nil {
				t.Fatalf("span of %q is not a JSON value: %q", nd.Pointer(), src[nd.Span.Start:nd.Span.End])
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: gojsonpointer finds %v, the span holds %v", nd.Pointer(), got, want)
			}
			for _, m := range nd.Members {
				cross(m.Value)
			}
			for _, e := range nd.Elems {
				cross(e)
			}
		}
		cross(file.Root)
	})
}
