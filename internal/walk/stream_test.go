package walk

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestWalkReadsNoFile: Walk yields a folder's files without reading them.
// A file rewritten after its entry is yielded and before Read is read as
// it is then, and a file removed in between is a read error, so that the
// walk holds paths, never contents.
func TestWalkReadsNoFile(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.json": schemaSrc, "b.json": schemaSrc})
	var entries []Entry
	for e := range Walk([]string{"."}, Options{Dir: dir}) {
		entries = append(entries, e)
	}
	if len(entries) != 2 || entries[0].Name != "a.json" || entries[1].Name != "b.json" {
		t.Fatalf("entries %+v, want a.json and b.json", entries)
	}
	later := `{"type": "object", "title": "rewritten after the walk"}`
	if err := os.WriteFile(filepath.Join(dir, "a.json"), []byte(later), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "b.json")); err != nil {
		t.Fatal(err)
	}
	if src, skip, err := entries[0].Read(); string(src) != later || skip != "" || err != nil {
		t.Errorf("a.json read %q, %q, %v, want the rewritten file", src, skip, err)
	}
	if _, _, err := entries[1].Read(); !os.IsNotExist(err) {
		t.Errorf("b.json read error %v, want not exist", err)
	}
}

// TestWalkAgreesWithCollect: the entries of Walk, read in order, are
// Collect's files, skips and empty folders, for named files, folders with
// .gitignore files, JSON that is no schema, a missing file and standard
// input named twice.
func TestWalkAgreesWithCollect(t *testing.T) {
	dir := t.TempDir()
	files := repoFiles()
	files["docs/readme.md"] = "x"
	files["package.json"] = `{"name": "app"}`
	tree(t, dir, files)
	args := []string{"docs", "package.json", "-", ".", "missing.json", "-"}
	for _, force := range []bool{false, true} {
		opts := Options{Dir: dir, ForceExclude: force, Stdin: strings.NewReader(schemaSrc),
			Include: func(p string) bool { return !strings.HasSuffix(p, "b.json") }}
		want := Collect(args, opts)
		opts.Stdin = strings.NewReader(schemaSrc)
		var got Result
		for e := range Walk(args, opts) {
			if e.Empty {
				got.Empty = append(got.Empty, e.Name)
				continue
			}
			src, err := e.ReadSource()
			skip := ""
			if err == nil && e.SchemaTest() {
				if ok, why := IsSchema(src); !ok {
					skip, src = why, nil
				}
			}
			if e.Skip != "" {
				skip = e.Skip
			}
			if skip != "" {
				got.Skipped = append(got.Skipped, Skipped{Name: e.Name, Reason: skip})
				continue
			}
			got.Files = append(got.Files, File{Path: e.Path, Name: e.Name, Src: src, Err: err})
		}
		if !reflect.DeepEqual(names(got.Files), names(want.Files)) || !reflect.DeepEqual(got.Skipped, want.Skipped) || !reflect.DeepEqual(got.Empty, want.Empty) {
			t.Errorf("force %v: Walk gave %v, %v, %v; Collect %v, %v, %v", force,
				names(got.Files), got.Skipped, got.Empty, names(want.Files), want.Skipped, want.Empty)
		}
		for i := range got.Files {
			if !reflect.DeepEqual(got.Files[i].Src, want.Files[i].Src) || got.Files[i].Path != want.Files[i].Path {
				t.Errorf("force %v: file %d: %s %q, want %s %q", force, i, got.Files[i].Path, got.Files[i].Src, want.Files[i].Path, want.Files[i].Src)
			}
		}
	}
}

// TestWalkStopsWhenAsked: a loop that breaks out of Walk, in a folder or
// between arguments, ends it without a panic (a yield after false) and
// without walking further.
func TestWalkStopsWhenAsked(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a/1.json": schemaSrc, "a/2.json": schemaSrc, "a/.hidden/x.json": schemaSrc, "b/3.json": schemaSrc})
	for stopAt := 1; stopAt <= 5; stopAt++ {
		n := 0
		for range Walk([]string{"a", "b", "empty-missing"}, Options{Dir: dir}) {
			n++
			if n == stopAt {
				break
			}
		}
		if n != stopAt {
			t.Errorf("stop at %d: took %d entries", stopAt, n)
		}
	}
}
