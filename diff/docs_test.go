package diff

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint/linttest"
)

// TestDocs keeps docs/changes.md and the README's table of changes in step
// with the catalogue.
func TestDocs(t *testing.T) {
	var docs bytes.Buffer
	if err := WriteDocs(&docs); err != nil {
		t.Fatal(err)
	}
	checkFile(t, "../docs/changes.md", docs.String())

	var table bytes.Buffer
	if err := WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	const start, end = "<!-- changes:start -->\n", "<!-- changes:end -->"
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q ... %q section", start, end)
	}
	checkFile(t, "../README.md", s[:i+len(start)]+table.String()+s[j:])
}

func checkFile(t *testing.T, path, want string) {
	t.Helper()
	if linttest.Update() {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: run go test ./diff -run TestDocs -update", path)
	}
}

func TestKinds(t *testing.T) {
	ids, names := map[string]bool{}, map[string]bool{}
	prev := ""
	for _, k := range Kinds() {
		if ids[k.ID] || names[k.Name] {
			t.Errorf("%s %s: duplicate ID or name", k.ID, k.Name)
		}
		ids[k.ID], names[k.Name] = true, true
		if k.ID <= prev {
			t.Errorf("%s: not sorted after %s", k.ID, prev)
		}
		prev = k.ID
		if k.Summary == "" || k.Doc == "" || strings.HasSuffix(k.Summary, ".") {
			t.Errorf("%s: summary %q, doc %q", k.ID, k.Summary, k.Doc)
		}
		if got, ok := KindOf(strings.ToLower(k.Name)); !ok || got.ID != k.ID {
			t.Errorf("KindOf(%q) = %v, %v", k.Name, got.ID, ok)
		}
	}
}
