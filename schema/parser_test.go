package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/internal/testschemas"
)

// corpus returns every .json file under the module's testdata, examples
// and rules/testdata (the .json entries of its archives), with a large
// generated schema, and each of them cut in half: a cut input leaves the
// parser in the middle of objects and arrays, the path it unwinds after an
// error it cannot step over.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := testschemas.Corpus("../testdata", "../examples", "../rules/testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("got %d files, want the module's test schemas", len(files))
	}
	files["generated-large.json"] = largeSchema(6000)
	for name, b := range maps(files) {
		files[name+"[:half]"] = b[:len(b)/2]
	}
	return files
}

// maps returns a copy of m, to range over while m changes.
func maps(m map[string][]byte) map[string][]byte {
	c := make(map[string][]byte, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// largeSchema is a schema of n properties, with duplicates, unknown
// keywords, oneOf options and a long "required": its tree outgrows the
// chunks a Parser keeps.
func largeSchema(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"type": "object", "x-unknown": 1, "properties": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"p%d": {"type": "string", "title": "P", "x-%d": [1, 2], "oneOf": [{"const": "a"}, 3, {"const": "b"}]}`, i%(n-7), i)
	}
	b.WriteString(`}, "required": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"p%d"`, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// alternating returns the names of files ordered big, small, big, small:
// the largest, the smallest, the second largest, and so on.
func alternating(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := len(files[a]) - len(files[b]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	out := make([]string, 0, len(names))
	for i, j := 0, len(names)-1; i <= j; i, j = i+1, j-1 {
		out = append(out, names[j])
		if i != j {
			out = append(out, names[i])
		}
	}
	return out
}

// dumpDoc writes out everything a caller can read of a document: every
// node's kind, span, text and pointer, every member, the errors with their
// positions and repairs, the duplicates, the positions and character
// columns of every span's ends, and the dialect's model with its lookups.
func dumpDoc(d *Document) string {
	var b strings.Builder
	f := d.File
	pos := func(off int) string {
		return fmt.Sprintf("%v/%d", f.Position(off), f.CharColumn(off))
	}
	fmt.Fprintf(&b, "file %q %d bytes, %d lines, root %v\n", f.Name, len(f.Src), f.Lines().Count(), f.Root != nil)
	for _, e := range f.Errors {
		fmt.Fprintf(&b, "error %d at %d %v %q: %s repairs %v\n", e.Kind, e.Offset, e.Pos, e.Pointer, e.Msg, e.Repairs)
	}
	if err := f.Errors.Err(); err != nil {
		fmt.Fprintf(&b, "err %v\n", err)
	}
	for _, dup := range f.Duplicates {
		fmt.Fprintf(&b, "duplicate %q in %q: %v %v; first is a member: %v\n", dup.Again.Name, dup.Object.Pointer(),
			dup.First.KeySpan, dup.Again.KeySpan, slices.Contains(dup.Object.Members, dup.First))
	}
	var node func(n *Node, depth int)
	node = func(n *Node, depth int) {
		fmt.Fprintf(&b, "%*s%v %v %q %q %s-%s\n", depth, "", n.Kind, n.Span, n.Text, n.Pointer(), pos(n.Span.Start), pos(n.Span.End))
		for _, m := range n.Members {
			fmt.Fprintf(&b, "%*s.%q %v %s\n", depth, "", m.Name, m.KeySpan, pos(m.KeySpan.Start))
			node(m.Value, depth+1)
		}
		for _, e := range n.Elems {
			node(e, depth+1)
		}
	}
	if f.Root != nil {
		node(f.Root, 0)
	}
	if f.Root != nil {
		for _, at := range []Pointer{"", "/properties", "/properties/p1", "/required/3", "/x"} {
			if n := f.Resolve(at); n != nil {
				fmt.Fprintf(&b, "resolve %q: %v\n", at, n.Span)
			}
		}
	}
	span := func(n *Node) string {
		if n == nil {
			return "-"
		}
		return fmt.Sprint(n.Span)
	}
	key := func(m *Member) string {
		if m == nil {
			return "-"
		}
		return fmt.Sprint(m.KeySpan)
	}
	for _, s := range d.AllSchemas() {
		fmt.Fprintf(&b, "schema %v role %d level %d parent %s type %q format %q custom %q title %q required %q\n",
			s.Node.Span, s.Role, s.Level, func() string {
				if s.Parent == nil {
					return "-"
				}
				return span(s.Parent.Node)
			}(), s.TypeName(), s.FormatName(), s.CustomType(), s.TitleText(), s.RequiredNames())
		for _, m := range []*Member{s.Type, s.Title, s.Description, s.Examples, s.Example, s.Format, s.Items, s.Properties,
			s.Required, s.OneOf, s.Const, s.Default, s.ID, s.SchemaURI, s.AdditionalProperties, s.IdentityType, s.FutureDate, s.WixCustomType} {
			b.WriteString(" " + key(m))
		}
		b.WriteString("\n unknown")
		for _, m := range s.Unknown {
			fmt.Fprintf(&b, " %q", m.Name)
		}
		b.WriteString("\n props")
		for _, p := range s.Props {
			fmt.Fprintf(&b, " %q%v owner %v schema %v prop %v required %v level %d;", p.Name, p.KeySpan, p.Owner == s,
				p.Schema != nil && p.Schema.Node == p.Value, s.Prop(p.Name).KeySpan, s.IsRequired(p.Name), p.Level())
		}
		fmt.Fprintf(&b, "\n items %v options", s.ItemsSchema != nil && s.ItemsSchema.Parent == s)
		for _, o := range s.Options {
			fmt.Fprintf(&b, " %v", o.Node.Span)
		}
		fmt.Fprintf(&b, "\n missing %v %v\n", s.Prop("no such property"), s.IsRequired("no such property"))
	}
	for _, p := range d.Properties() {
		fmt.Fprintf(&b, "property %q %v %q\n", p.Name, p.KeySpan, p.Pointer())
	}
	for _, p := range d.Defined() {
		fmt.Fprintf(&b, "defined %q %v\n", p.Name, p.KeySpan)
	}
	return b.String()
}

// TestParserReuseMatchesParse: a Parser that has parsed other files,
// larger and smaller, well formed or cut short, gives each file the same
// tree, errors, duplicates, positions and model as a fresh Parse and
// Build, in every entry point: Load, Parse and ParseValue.
func TestParserReuseMatchesParse(t *testing.T) {
	files := corpus(t)
	order := alternating(files)
	var p Parser
	for pass := range 2 {
		if pass == 1 {
			slices.Reverse(order)
		}
		for i, name := range order {
			src := files[name]
			var want, got *Document
			var wantErr, gotErr error
			switch i % 3 {
			case 0:
				want, wantErr = Load(name, src)
				got, gotErr = p.Load(name, src)
			case 1:
				var f *File
				f, wantErr = Parse(name, src)
				want = Build(f)
				f, gotErr = p.Parse(name, src)
				got = Build(f)
			case 2:
				var f *File
				f, wantErr = ParseValue(name, src)
				want = Build(f)
				f, gotErr = p.ParseValue(name, src)
				got = Build(f)
			}
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("pass %d, %s: error %v, want %v", pass, name, gotErr, wantErr)
			}
			if g, w := dumpDoc(got), dumpDoc(want); g != w {
				t.Fatalf("pass %d, %s after %s: the reused parser's document differs:\n%s", pass, name, order[max(i-1, 0)], firstDiff(g, w))
			}
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}

// TestParserRetainsBoundedMemory: after a file whose tree is over the
// bound, a Parser keeps at most maxRetained bytes of each kind of chunk,
// and after Reset the chunks it keeps hold nothing of the file, so that
// they keep no text alive.
func TestParserRetainsBoundedMemory(t *testing.T) {
	var p Parser
	if _, err := p.Load("large.json", largeSchema(50000)); err != nil {
		t.Fatal(err)
	}
	p.Reset()
	check := func(name string, chunks any) {
		v := reflect.ValueOf(chunks)
		bytes := 0
		for i := range v.Len() {
			c := v.Index(i)
			if c.Len() != 0 {
				t.Errorf("%s: chunk %d keeps %d elements, want 0", name, i, c.Len())
			}
			c = c.Slice(0, c.Cap())
			bytes += c.Cap() * int(c.Type().Elem().Size())
			for j := range c.Len() {
				if !c.Index(j).IsZero() {
					t.Fatalf("%s: chunk %d element %d is not zero after Reset", name, i, j)
				}
			}
		}
		if bytes > maxRetained {
			t.Errorf("%s: keeps %d bytes, want at most %d", name, bytes, maxRetained)
		}
	}
	check("nodes", p.p.nodes.chunks)
	check("members", p.p.members.chunks)
	check("member pointers", p.p.memberPtrs.chunks)
	check("element pointers", p.p.elemPtrs.chunks)
	check("schemas", p.b.schemas.chunks)
	check("properties", p.b.props.chunks)
	check("property pointers", p.b.propPtrs.chunks)
	check("unknown", p.b.memberPtrs.chunks)
	check("options", p.b.schemaPtrs.chunks)
	for name, s := range map[string]any{"open members": p.p.openMembers, "open elements": p.p.openElems, "path": p.p.path,
		"schema index": p.b.schemaIdx, "property index": p.b.propIdx, "defined index": p.b.definedIdx} {
		v := reflect.ValueOf(s)
		if v.Len() != 0 || v.Cap()*int(v.Type().Elem().Size()) > maxRetained {
			t.Errorf("%s: length %d, capacity %d after Reset", name, v.Len(), v.Cap())
		}
	}
	for _, m := range p.p.seen {
		if m.n != 0 || slices.ContainsFunc(m.slots, func(e uint64) bool { return e != 0 }) {
			t.Errorf("a duplicate index keeps %d names after Reset", m.n)
		}
	}
	for _, m := range p.b.propMaps.maps {
		if len(m.m) != 0 {
			t.Errorf("a property index keeps %d names after Reset", len(m.m))
		}
	}
	if !reflect.ValueOf(&p.file).Elem().IsZero() || !reflect.ValueOf(&p.doc).Elem().IsZero() {
		t.Error("the File or Document is kept after Reset")
	}
	// The parser still works.
	doc, err := p.Load("small.json", []byte(`{"type": "object", "properties": {"a": {"type": "string"}}}`))
	if err != nil || len(doc.Properties()) != 1 {
		t.Fatalf("after a large file: %v, %d properties", err, len(doc.Properties()))
	}
}

// TestParserAllocations: a Parser that has parsed a file parses it again
// without allocating.
func TestParserAllocations(t *testing.T) {
	src, err := os.ReadFile("../testdata/schemas/plan-order-8k.json")
	if err != nil {
		t.Fatal(err)
	}
	var p Parser
	if _, err := p.Load("a.json", src); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(20, func() { p.Load("a.json", src) }); n != 0 {
		t.Errorf("got %v allocations per Load, want 0", n)
	}
}

// FuzzParserReuse parses a with a fresh parser, and with a Parser that has
// just parsed b: both must read the same document.
func FuzzParserReuse(f *testing.F) {
	seeds := [][]byte{
		[]byte(`{"type": "object", "properties": {"a~/b": {"type": "string", "examples": ["x", 1, 1.5e3, true, null]}}}`),
		[]byte("{\n\u00a0\"a\": 'b', // c\n \"d\": [1,],}"),
		[]byte(`{"a": {"a": {"a": [[[{"\u00e9\ud83d\ude00": "\ud800"}]]]}}, "a": 0}`),
		[]byte(`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"a":{"j":1,"k":2,"l":3,"m":4,"n":5,"o":6,"p":7,"q":8,"r":9,"j":`),
	}
	for _, dir := range []string{"../examples", "../testdata/schemas"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				seeds = append(seeds, b)
			}
		}
	}
	for i, a := range seeds {
		f.Add(a, seeds[(i+1)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		want, wantErr := Load("a.json", a)
		var p Parser
		p.Load("b.json", b)
		got, gotErr := p.Load("a.json", a)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("error %v, want %v", gotErr, wantErr)
		}
		if g, w := dumpDoc(got), dumpDoc(want); g != w {
			t.Fatalf("the reused parser's document differs:\n%s", firstDiff(g, w))
		}
		p.ParseValue("b.json", b)
		fv, _ := p.ParseValue("a.json", a)
		wv, _ := ParseValue("a.json", a)
		if g, w := dumpDoc(&Document{File: fv}), dumpDoc(&Document{File: wv}); g != w {
			t.Fatalf("the reused parser's value differs:\n%s", firstDiff(g, w))
		}
	})
}

// TestParserSweepsWhatTheLastInputLeft: after a large input and then a
// small one, the parts of the Parser's chunks that the small one did not
// overwrite are zero: the chunks keep nothing of the large input alive.
func TestParserSweepsWhatTheLastInputLeft(t *testing.T) {
	var p Parser
	if _, err := p.Load("large.json", largeSchema(300)); err != nil {
		t.Fatal(err)
	}
	doc, err := p.Load("small.json", []byte(`{"type": "object", "properties": {"a": {"type": "string", "x": 1}}}`))
	if err != nil || len(doc.Properties()) != 1 {
		t.Fatalf("%v, %d properties", err, len(doc.Properties()))
	}
	check := func(name string, chunks any) {
		v := reflect.ValueOf(chunks)
		if v.Len() == 0 {
			t.Errorf("%s: no chunk kept", name)
		}
		for i := range v.Len() {
			c := v.Index(i)
			tail := c.Slice(c.Len(), c.Cap())
			for j := range tail.Len() {
				if !tail.Index(j).IsZero() {
					t.Fatalf("%s: chunk %d element %d, past the %d in use, is not zero", name, i, c.Len()+j, c.Len())
				}
			}
		}
	}
	check("nodes", p.p.nodes.chunks)
	check("members", p.p.members.chunks)
	check("member pointers", p.p.memberPtrs.chunks)
	check("element pointers", p.p.elemPtrs.chunks)
	check("schemas", p.b.schemas.chunks)
	check("properties", p.b.props.chunks)
	check("property pointers", p.b.propPtrs.chunks)
	check("unknown", p.b.memberPtrs.chunks)
	check("options", p.b.schemaPtrs.chunks)
	for _, m := range p.p.seen {
		if m.n != 0 || slices.ContainsFunc(m.slots, func(e uint64) bool { return e != 0 }) {
			t.Errorf("a duplicate index keeps %d names", m.n)
		}
	}
	if p.p.path = p.p.path[:cap(p.p.path)]; !reflect.ValueOf(p.p.path).IsZero() && slices.ContainsFunc(p.p.path, func(t pathToken) bool { return t != pathToken{} }) {
		t.Error("the path keeps tokens")
	}
}

// TestParseDuplicatesInLargeObjects: in objects of 9 to 3,000 members,
// whose names are indexed in a table that grows, every member whose name
// an earlier one has is a duplicate of the first with it, as a search of
// all the earlier members finds, also in an object nested in a large one.
func TestParseDuplicatesInLargeObjects(t *testing.T) {
	var p Parser
	for _, n := range []int{9, 16, 17, 33, 100, 3000} {
		for _, names := range []int{3, n / 2, n} {
			var b strings.Builder
			b.WriteString(`{"outer": 1, `)
			for i := range n {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, `"k%d": `, (i*7919)%max(names, 1))
				if i == n/2 {
					b.WriteString(`{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "a": 10}`)
				} else {
					b.WriteString("0")
				}
			}
			b.WriteString(`, "outer": 2}`)
			src := []byte(b.String())
			for _, f := range []*File{must(Parse("d.json", src)), must(p.Parse("d.json", src))} {
				var want []string
				var check func(o *Node)
				check = func(o *Node) {
					for j, m := range o.Members {
						for _, e := range o.Members[:j] {
							if e.Name == m.Name {
								want = append(want, fmt.Sprintf("%v %v %v", o.Span, e.KeySpan, m.KeySpan))
								break
							}
						}
						if m.Value.Kind == Object {
							check(m.Value)
						}
					}
				}
				check(f.Root)
				var got []string
				for _, d := range f.Duplicates {
					got = append(got, fmt.Sprintf("%v %v %v", d.Object.Span, d.First.KeySpan, d.Again.KeySpan))
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("%d members, %d names: got %d duplicates, want %d", n, names, len(got), len(want))
				}
			}
		}
	}
}

func must(f *File, _ error) *File { return f }

// TestSlabSkipsAChunkTooSmall is the regression test for a slab that,
// passing over a kept chunk too small for a take, wrote the chunk it had
// been cutting into that chunk's place: the next sweep cut past a chunk's
// capacity.
func TestSlabSkipsAChunkTooSmall(t *testing.T) {
	var s slab[int]
	s.take(4, 4)
	s.take(4, 4)
	s.rewind()
	s.sweep()
	s.rewind()
	s.take(2, 4)  // from the first chunk
	s.take(8, 16) // the second, of 4, is too small: a third
	s.take(1, 1)  // from the third
	s.sweep()     // must not cut past a chunk
	for i, c := range s.chunks {
		if s.stale[i] > cap(c) {
			t.Fatalf("chunk %d: %d elements held of a capacity of %d", i, s.stale[i], cap(c))
		}
	}
	if got := []int{len(s.chunks[0]), len(s.chunks[1]), len(s.chunks[2])}; !slices.Equal(got, []int{2, 0, 9}) {
		t.Fatalf("chunk lengths %v, want [2 0 9]", got)
	}
}
