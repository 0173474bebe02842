package schema

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"
	"weak"
)

// nestedLargeObjects returns objects nested depth deep, each with members
// members before the one that holds the next: every level is a large
// object, with a name table of its own while the levels below are read.
func nestedLargeObjects(depth, members int) []byte {
	var b strings.Builder
	for range depth {
		b.WriteString("{")
		for i := range members {
			fmt.Fprintf(&b, `"k%d": 0, `, i)
		}
		b.WriteString(`"n": `)
	}
	b.WriteString("0")
	b.WriteString(strings.Repeat("}", depth))
	return []byte(b.String())
}

// TestParserBoundsRetainedNameTables is the regression test for a Parser
// that kept the name table of every level of large objects nested in its
// last input, for the rest of its life: 100 levels of 4,000 members left
// 6.5 MB, over the bound a Parser keeps of each kind of memory.
func TestParserBoundsRetainedNameTables(t *testing.T) {
	for _, c := range []struct{ depth, members int }{{100, 4000}, {MaxDepth - 2, 9}} {
		var p Parser
		src := nestedLargeObjects(c.depth, c.members)
		if _, err := p.Load("deep.json", src); err != nil {
			t.Fatal(err)
		}
		for _, reset := range []bool{false, true} {
			if reset {
				p.Reset()
			}
			bytes := cap(p.p.seen) * int(unsafe.Sizeof(nameTable{}))
			for _, s := range p.p.seen {
				bytes += cap(s.slots) * int(unsafe.Sizeof(s.slots[0]))
			}
			if bytes > maxRetained {
				t.Errorf("%d levels of %d members, reset %v: the name tables keep %d bytes, want at most %d", c.depth, c.members, reset, bytes, maxRetained)
			}
		}
		// What it keeps still works.
		f, err := p.Parse("again.json", src)
		if err != nil || len(f.Duplicates) != 0 {
			t.Fatalf("again: %v, %d duplicates", err, len(f.Duplicates))
		}
		dup := nestedLargeObjects(3, 20)
		dup = append(dup[:len(dup)-3], []byte(`, "k5": 1}}}`)...)
		if f, err := p.Parse("dup.json", dup); err != nil || len(f.Duplicates) != 1 {
			t.Fatalf("a duplicate in a large object: %v, %d duplicates, want 1", err, len(f.Duplicates))
		}
	}
}

// TestLoadKeepsPositionsWhenSrcChanges is the regression test for the
// package's Parse, ParseValue and Load, which copy the text they read,
// building the line table lazily from the caller's bytes: a caller that
// reused its buffer after Load got positions of the new bytes for the
// document it had loaded.
func TestLoadKeepsPositionsWhenSrcChanges(t *testing.T) {
	const src = "{\"type\": \"object\",\n \"title\": \"\u00e9t\u00e9\"}"
	parsers := map[string]func(string, []byte) (*File, error){
		"Parse":      Parse,
		"ParseValue": ParseValue,
		"Load": func(name string, src []byte) (*File, error) {
			d, err := Load(name, src)
			return d.File, err
		},
	}
	for name, parse := range parsers {
		buf := []byte(src)
		f, err := parse("a.json", buf)
		if err != nil {
			t.Fatal(err)
		}
		title := f.Root.Get("title").Value
		for i := range buf {
			buf[i] = '\n'
		}
		if got, want := f.Position(title.Span.End), (Position{Offset: title.Span.End, Line: 2, Column: 18}); got != want {
			t.Errorf("%s: after the caller's bytes changed, the end of the title is at %v, want %v", name, got, want)
		}
		if got := f.CharColumn(title.Span.End); got != 16 {
			t.Errorf("%s: after the caller's bytes changed, the end of the title is at character %d, want 16", name, got)
		}
		if string(f.Src) != src || title.Text != "\u00e9t\u00e9" {
			t.Errorf("%s: after the caller's bytes changed, the file's text is %q and the title %q", name, f.Src, title.Text)
		}
	}
}

// manyIndexedSchemas returns a schema with n object properties, each with
// 16 properties of its own, all listed in its "required": each has a
// property index and a required set.
func manyIndexedSchemas(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"type": "object", "properties": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"o%d": {"type": "object", "properties": {`, i)
		var req []string
		for j := range indexMin {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `"p%d": {}`, j)
			req = append(req, fmt.Sprintf(`"p%d"`, j))
		}
		fmt.Fprintf(&b, `}, "required": [%s]}`, strings.Join(req, ", "))
	}
	b.WriteString("}}")
	return []byte(b.String())
}

// TestParserBoundsRetainedMaps is the regression test for a Parser that
// kept, cleared, every map of its last document's property indexes and
// required sets, and the slice of its largest schema's unknown keywords,
// for the rest of its life: a 1.4 MB schema of 5,000 objects of 16
// properties left 34 MB behind after Reset.
func TestParserBoundsRetainedMaps(t *testing.T) {
	var p Parser
	if _, err := p.Load("many.json", manyIndexedSchemas(5000)); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`{"type": "object"`)
	for i := range 200000 {
		fmt.Fprintf(&b, `, "x-%d": 0`, i)
	}
	b.WriteString("}")
	if _, err := p.Load("unknown.json", []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	p.Reset()
	for name, n := range map[string]int{"property indexes": len(p.b.propMaps.maps), "required sets": len(p.b.reqMaps.maps)} {
		if n*indexMin > maxRetainedMap {
			t.Errorf("%s: %d maps of at least %d entries kept, want at most %d entries", name, n, indexMin, maxRetainedMap)
		}
	}
	if size := cap(p.b.unknown) * int(unsafe.Sizeof(p.b.unknown[:1][0])); size > maxRetained {
		t.Errorf("the unknown keywords' slice keeps %d bytes, want at most %d", size, maxRetained)
	}
	// What it keeps still works.
	doc, err := p.Load("many.json", manyIndexedSchemas(3))
	if err != nil || len(doc.AllSchemas()) != 1+3+3*indexMin {
		t.Fatalf("again: %v, %d schemas", err, len(doc.AllSchemas()))
	}
	for _, s := range doc.AllSchemas()[1:] {
		if len(s.Props) == indexMin && (s.Prop("p15") == nil || !s.IsRequired("p15") || s.Prop("p16") != nil || s.IsRequired("p16")) {
			t.Fatalf("%s: the index does not find p15, or finds p16", s.Node.Pointer())
		}
	}
}

// TestParserResetDropsTheTree is the regression test for a Parser whose
// stack of open objects and arrays kept, past its length, the nodes of the
// last input's deepest path: the root node alone holds the whole tree, and
// through its strings the caller's bytes, alive after Reset.
func TestParserResetDropsTheTree(t *testing.T) {
	for _, size := range []int{10, 2000} {
		src := largeSchema(size)
		gone := weak.Make(&src[0])
		var p Parser
		if _, err := p.Load("a.json", src); err != nil {
			t.Fatal(err)
		}
		src = nil
		p.Reset()
		runtime.GC()
		runtime.GC()
		if gone.Value() != nil {
			t.Errorf("%d properties: the bytes read are alive after Reset", size)
		}
		for i, o := range p.p.open[:cap(p.p.open)] {
			if o != (openValue{}) {
				t.Errorf("%d properties: the stack of open values keeps a node at %d after Reset", size, i)
			}
		}
		runtime.KeepAlive(&p)
	}
}

// TestParserSweepCostsTheInputsDepth is the regression test for a Parser
// that zeroed the whole capacity of its path after every input: once it
// had read a file nested 10,000 deep, every later file, however shallow,
// paid for zeroing 10,000 entries (Load of an 8 KB schema took 37% longer).
// The entries past the depth of the input are left alone: they are zero
// already.
func TestParserSweepCostsTheInputsDepth(t *testing.T) {
	var p Parser
	deep := []byte(strings.Repeat(`{"a": `, MaxDepth-1) + "0" + strings.Repeat("}", MaxDepth-1))
	if _, err := p.Load("deep.json", deep); err != nil {
		t.Fatal(err)
	}
	path := p.p.path[:cap(p.p.path)]
	if len(path) < MaxDepth-1 {
		t.Fatalf("the path keeps room for %d tokens, want %d", len(path), MaxDepth-1)
	}
	for i, tok := range path {
		if tok != (pathToken{}) {
			t.Fatalf("token %d of the path is %v after the deep input, want zero", i, tok)
		}
	}
	// A mark in the room past the next input's depth: the sweep after that
	// input must not reach it.
	mark := pathToken{name: "mark"}
	path[len(path)-1] = mark
	if _, err := p.Load("shallow.json", []byte(`{"type": "object", "properties": {"a": {"type": "string"}}}`)); err != nil {
		t.Fatal(err)
	}
	if got := p.p.path[:cap(p.p.path)][len(path)-1]; got != mark {
		t.Errorf("the sweep after an input 3 deep zeroed the path's last token, %d deep", len(path))
	}
	path[len(path)-1] = pathToken{}
}

// TestParserNameTableCostsTheObjectsSize is the regression test for a
// Parser whose name table, once grown for an object of 8,000 members,
// was zeroed whole at the end of every later object of more than 8
// members, in that input and every later one: Load of an 8 KB schema took
// half as long again after one such input. The table of a small object
// uses the start of the room and zeroes only that; what it finds is
// unchanged.
func TestParserNameTableCostsTheObjectsSize(t *testing.T) {
	var p Parser
	var b strings.Builder
	b.WriteString("{")
	for i := range 8000 {
		fmt.Fprintf(&b, `"k%d": 0, `, i)
	}
	b.WriteString(`"k7999": 1}`)
	f, err := p.Parse("wide.json", []byte(b.String()))
	if err != nil || len(f.Duplicates) != 1 {
		t.Fatalf("wide: %v, %d duplicates, want 1", err, len(f.Duplicates))
	}
	if len(p.p.seen) != 1 {
		t.Fatalf("%d name tables, want 1", len(p.p.seen))
	}
	room := p.p.seen[0].slots[:cap(p.p.seen[0].slots)]
	if len(room) < 8000 {
		t.Fatalf("the name table keeps %d slots, want room for 8,000 members", len(room))
	}
	for i, e := range room {
		if e != 0 {
			t.Fatalf("slot %d of the name table is %#x after the input, want 0", i, e)
		}
	}
	const mark = 1 << 40
	room[len(room)-1] = mark
	small := []byte(`[{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "a": 10}, {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10}]`)
	if f, err := p.ParseValue("small.json", small); err != nil || len(f.Duplicates) != 1 || f.Duplicates[0].Again.KeySpan.Start != strings.Index(string(small), `"a": 10`) {
		t.Fatalf("small: %v, duplicates %v, want the second \"a\" of the first object", err, f.Duplicates)
	}
	if room[len(room)-1] != mark {
		t.Error("objects of 10 members zeroed the room that one of 8,000 left")
	}
	room[len(room)-1] = 0
}

// checkIdle checks what a Parser keeps between calls: the room past its
// stacks' lengths and past its name tables is zero, so that it holds
// nothing of an input and costs nothing to the next.
func checkIdle(t *testing.T, p *Parser) {
	t.Helper()
	for i, o := range p.p.open[:cap(p.p.open)] {
		if o != (openValue{}) {
			t.Fatalf("open value %d is kept", i)
		}
	}
	for i, tok := range p.p.path[:cap(p.p.path)] {
		if tok != (pathToken{}) {
			t.Fatalf("path token %d is kept", i)
		}
	}
	for i, m := range p.p.openMembers[:cap(p.p.openMembers)] {
		if m != nil {
			t.Fatalf("open member %d is kept", i)
		}
	}
	for i, e := range p.p.openElems[:cap(p.p.openElems)] {
		if e != nil {
			t.Fatalf("open element %d is kept", i)
		}
	}
	for i, tab := range p.p.seen {
		if tab.n != 0 || len(tab.slots) != 0 {
			t.Fatalf("name table %d is in use: %d names, %d slots", i, tab.n, len(tab.slots))
		}
		for j, e := range tab.slots[:cap(tab.slots)] {
			if e != 0 {
				t.Fatalf("name table %d keeps slot %d", i, j)
			}
		}
	}
}

// FuzzParserSequence parses a, then b as a value, then, after a Reset or
// not, c, with one Parser: c's document is that of a fresh Load, and
// after every call the Parser keeps nothing of an input but its chunks.
func FuzzParserSequence(f *testing.F) {
	seeds := [][]byte{
		nestedLargeObjects(40, 9),
		nestedLargeObjects(3, 300),
		[]byte(`[{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "a": 10}, {"a": 1,`),
		[]byte("\ufeff{\u00a0\"a\": 'b', // c\n \"d\": [1,], \"e\": tru}"),
		largeSchema(30),
		manyIndexedSchemas(3),
	}
	for i, a := range seeds {
		f.Add(a, seeds[(i+1)%len(seeds)], seeds[(i+2)%len(seeds)], i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, a, b, c []byte, reset bool) {
		var p Parser
		p.Load("a.json", a)
		checkIdle(t, &p)
		p.ParseValue("b.json", b)
		checkIdle(t, &p)
		if reset {
			p.Reset()
			checkIdle(t, &p)
		}
		got, gotErr := p.Load("c.json", c)
		checkIdle(t, &p)
		want, wantErr := Load("c.json", c)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("error %v, want %v", gotErr, wantErr)
		}
		if g, w := dumpDoc(got), dumpDoc(want); g != w {
			t.Fatalf("the reused parser's document differs:\n%s", firstDiff(g, w))
		}
	})
}
