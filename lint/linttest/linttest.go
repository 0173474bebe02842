// Package linttest tests lint rules against golden files, in the manner of
// analysistest in golang.org/x/tools/go/analysis: a rule of triggerkit and a
// team's own rule are tested with the same harness.
//
// # Golden archives
//
// A rule's cases live in dir/<ID>/*.txtar. Each archive holds one or more
// schema files (any name but "want", usually "*.json") and a "want" section
// with the exact findings of that rule alone, one per line as triggerlint
// prints them without colour or summary:
//
//	-- payload.json --
//	{"type": "object", "properties": {"order_id": {"type": "string"}}}
//	-- want --
//	payload.json:1:35: /properties/order_id: key "order_id" is not camelCase (ACME1001)
//
// An archive whose want section is empty is a clean case. Every rule needs
// at least one flagged and one clean case. Any finding not in want fails
// the test, and so does any missing one.
//
// # Fixes
//
// Each input is also fixed with the rule alone (package fix, unsafe fixes
// included, as when the rule is named). When the fixes change an input,
// the archive holds the result in a "fixed/NAME" section and the rule's
// findings in the fixed inputs in "fixed/want":
//
//	-- fixed/payload.json --
//	{"type": "object", "properties": {"orderId": {"type": "string"}}}
//	-- fixed/want --
//
// A fixed/ section that the fixes no longer produce fails the test too.
//
// # Updating
//
// Running the tests with -update (go test ./acme -update) rewrites the
// golden sections from what the code produces, instead of comparing; check
// every changed line before committing. This package defines the -update
// flag: a test package that imports it reads Update instead of defining a
// flag of its own.
//
// The archive helpers (ReadArchive, Section, Compare, Golden) serve any
// golden test over txtar files, not only rules.
package linttest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/fix"
	"github.com/triggerkit/triggerkit/lint"
)

// update is the -update flag of every test binary that imports linttest.
var update = flag.Bool("update", false, "rewrite the golden sections of txtar test archives instead of comparing them")

// Update reports whether the tests run with -update: golden sections are
// then rewritten instead of compared.
func Update() bool { return *update }

// Run runs each rule alone over its golden archives, dir/<ID>/*.txtar, and
// compares the findings with their want sections (rewrites them with
// -update). The rules are checked with lint.Validate first; each needs at
// least one flagged and one clean case, and its Doc.Bad example must be
// flagged and its Doc.Good example not. dir is usually "testdata".
func Run(t *testing.T, dir string, rules ...*lint.Rule) {
	t.Helper()
	sorted := append([]*lint.Rule(nil), rules...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	if err := lint.Validate(sorted); err != nil {
		t.Fatalf("invalid rules: %v", err)
	}
	for _, r := range sorted {
		t.Run(r.ID, func(t *testing.T) {
			l, err := lint.New(lint.Options{Rules: sorted, Select: Only(r.ID)})
			if err != nil {
				t.Fatal(err)
			}
			flagged, clean := 0, 0
			archives, err := filepath.Glob(filepath.Join(dir, r.ID, "*.txtar"))
			if err != nil || len(archives) == 0 {
				t.Fatalf("no golden archives match %s (err %v)", filepath.Join(dir, r.ID, "*.txtar"), err)
			}
			for _, path := range archives {
				t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
					ar := ReadArchive(t, path)
					got := runArchive(t, l, ar)
					if len(got[0].Data) == 0 {
						clean++
					} else {
						flagged++
					}
					dropStale(t, path, ar, got)
					Compare(t, path, ar, got...)
				})
			}
			if flagged == 0 || clean == 0 {
				t.Errorf("%s has %d flagged and %d clean cases; want at least one of each", filepath.Join(dir, r.ID), flagged, clean)
			}
			for _, ex := range []struct {
				name, src string
				flag      bool
			}{{"Doc.Bad", r.Doc.Bad, true}, {"Doc.Good", r.Doc.Good, false}} {
				res, err := l.Bytes(strings.ToLower(ex.name)+".json", []byte(ex.src))
				if err != nil {
					t.Fatal(err)
				}
				if got := Format(res.Findings); (got != "") != ex.flag {
					t.Errorf("%s example: got findings %q, want flagged %v", ex.name, got, ex.flag)
				}
			}
		})
	}
}

// FixedPrefix starts the names of the sections that hold an input after
// its rule's fixes: "fixed/case.json" for the input "case.json", and
// "fixed/want" for the rule's findings in the fixed inputs.
const FixedPrefix = "fixed/"

// IsInput reports whether an archive section is an input document: not
// want and not a fixed/ section.
func IsInput(name string) bool {
	return name != "want" && !strings.HasPrefix(name, FixedPrefix)
}

// runArchive lints the inputs of an archive with one rule and fixes them
// with it (unsafe fixes included, since the rule is named): the want
// section, then for each input the fixes changed a fixed/NAME section, and
// fixed/want with the rule's findings left in the fixed inputs when any
// changed.
func runArchive(t *testing.T, l *lint.Linter, ar *txtar.Archive) []txtar.File {
	t.Helper()
	var want, after strings.Builder
	var fixed []txtar.File
	for _, f := range ar.Files {
		if !IsInput(f.Name) {
			continue
		}
		res, err := l.Bytes(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		want.WriteString(Format(res.Findings))
		fr, err := fix.File(f.Name, f.Data, l, fix.Options{Unsafe: true})
		if err != nil {
			t.Fatal(err)
		}
		after.WriteString(Format(fr.Findings))
		if fr.Changed {
			fixed = append(fixed, txtar.File{Name: FixedPrefix + f.Name, Data: fr.Src})
		}
	}
	got := []txtar.File{{Name: "want", Data: []byte(want.String())}}
	if len(fixed) > 0 {
		got = append(got, fixed...)
		got = append(got, txtar.File{Name: FixedPrefix + "want", Data: []byte(after.String())})
	}
	return got
}

// dropStale fails on a fixed/ section of the archive that the fixes no
// longer produce; with -update it removes the section and rewrites the
// archive.
func dropStale(t *testing.T, path string, ar *txtar.Archive, got []txtar.File) {
	t.Helper()
	keep := ar.Files[:0]
	stale := false
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, FixedPrefix) && !slices.ContainsFunc(got, func(g txtar.File) bool { return g.Name == f.Name }) {
			if !*update {
				t.Errorf("%s: section %q is stale: the fixes no longer change that input (run go test -update)", path, f.Name)
				keep = append(keep, f)
				continue
			}
			stale = true
			continue
		}
		keep = append(keep, f)
	}
	ar.Files = keep
	if stale {
		if err := writeFile(path, txtar.Format(ar)); err != nil {
			t.Fatal(err)
		}
	}
}

// Only is the selection of one rule, optional or not.
func Only(id string) lint.SelectOptions {
	return lint.SelectOptions{Toggles: []lint.Toggle{{Pattern: "all"}, {Pattern: id, On: true}}}
}

// Format formats findings one per line, as the text output prints them
// without colour or summary: "file:line:col: /pointer: message (ID)".
func Format(findings []lint.Finding) string {
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(lint.FormatText(f))
		b.WriteByte('\n')
	}
	return b.String()
}

// Golden runs fn on each archive that pattern matches, in lexical order,
// as a subtest named after the file without ".txtar". fn returns the
// sections it computed, which Compare holds against the archive's. A
// pattern that matches nothing fails the test.
func Golden(t *testing.T, pattern string, fn func(t *testing.T, ar *txtar.Archive) []txtar.File) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden archives match %s (err %v)", pattern, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar := ReadArchive(t, file)
			Compare(t, file, ar, fn(t, ar)...)
		})
	}
}

// ReadArchive reads and parses a txtar archive, failing the test if it
// cannot be read.
func ReadArchive(t testing.TB, path string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ar
}

// Section returns the data of the archive's first file with the name,
// failing the test when there is none.
func Section(t testing.TB, ar *txtar.Archive, name string) []byte {
	t.Helper()
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("no %q section", name)
	return nil
}

// Compare holds each section in got against the archive's section of the
// same name, read from path: a difference or a missing section fails the
// test. With -update it sets the archive's sections instead, appending the
// missing ones in order, and rewrites the file when anything changed.
// Sections of the archive that got does not name are left alone.
func Compare(t testing.TB, path string, ar *txtar.Archive, got ...txtar.File) {
	t.Helper()
	changed := false
	for _, g := range got {
		i := index(ar, g.Name)
		switch {
		case i >= 0 && bytes.Equal(ar.Files[i].Data, g.Data):
		case *update && i >= 0:
			ar.Files[i].Data = g.Data
			changed = true
		case *update:
			ar.Files = append(ar.Files, g)
			changed = true
		case i >= 0:
			t.Errorf("%s: section %q differs (run go test -update)\n--- got\n%s--- want\n%s", path, g.Name, g.Data, ar.Files[i].Data)
		default:
			t.Errorf("%s: no %q section (run go test -update)", path, g.Name)
		}
	}
	if changed {
		if err := writeFile(path, txtar.Format(ar)); err != nil {
			t.Fatal(err)
		}
	}
}

func index(ar *txtar.Archive, name string) int {
	for i, f := range ar.Files {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// writeFile replaces a golden file's content, keeping its permissions.
func writeFile(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	return os.WriteFile(path, data, mode)
}
