package lint_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/testschemas"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

// reuseCorpus returns the module's test schemas (the .json files under
// testdata and examples, and the .json entries of the rules' golden
// archives), in an order that alternates big and small files.
func reuseCorpus(t testing.TB) (names []string, files map[string][]byte) {
	t.Helper()
	files, err := testschemas.Corpus("../testdata", "../examples", "../rules/testdata")
	if err != nil {
		t.Fatal(err)
	}
	for name := range files {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := len(files[a]) - len(files[b]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	var order []string
	for i, j := 0, len(names)-1; i <= j; i, j = i+1, j-1 {
		order = append(order, names[j])
		if i != j {
			order = append(order, names[i])
		}
	}
	return order, files
}

// copyFindings returns a deep copy of fs: nothing of it shares memory
// with fs but strings, which are immutable.
func copyFindings(fs []lint.Finding) []lint.Finding {
	if fs == nil {
		return nil
	}
	out := make([]lint.Finding, len(fs))
	for i, f := range fs {
		if f.Example != nil {
			x := *f.Example
			x.Payload = slices.Clone(x.Payload)
			f.Example = &x
		}
		if f.Suppressed != nil {
			x := *f.Suppressed
			f.Suppressed = &x
		}
		if f.Fixes != nil {
			fixes := make([]findings.Fix, len(f.Fixes))
			for j, x := range f.Fixes {
				x.Edits = slices.Clone(x.Edits)
				fixes[j] = x
			}
			f.Fixes = fixes
		}
		out[i] = f
	}
	return out
}

func allRules(t testing.TB) *lint.Linter {
	t.Helper()
	l, err := lint.New(lint.Options{Rules: rules.All(), Select: lint.SelectOptions{Toggles: []lint.Toggle{{Pattern: "all", On: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestLinterReuseKeepsEarlierFindings: a Linter reuses the memory of each
// file's parse and run for the next, and the findings it returned for a
// file, fixes included, are unchanged after it has linted every other test
// schema and after the caller has overwritten the bytes it linted, and the
// same as those of a fresh Linter.
func TestLinterReuseKeepsEarlierFindings(t *testing.T) {
	order, files := reuseCorpus(t)
	l := allRules(t)
	type kept struct {
		name string
		res  lint.Result
		copy []lint.Finding
		err  string
	}
	var all []kept
	var bufs [][]byte
	withFixes := 0
	for _, name := range order {
		buf := slices.Clone(files[name])
		bufs = append(bufs, buf)
		res, err := l.Bytes(name, buf)
		all = append(all, kept{name, res, copyFindings(res.Findings), fmt.Sprint(err)})
		for _, f := range res.Findings {
			if len(f.Fixes) > 0 {
				withFixes++
			}
		}
	}
	if withFixes == 0 {
		t.Fatal("no finding with a fix: the corpus does not cover fixes")
	}
	// The bytes linted are the caller's: a change to them after Bytes
	// returns changes no finding.
	for _, b := range bufs {
		for i := range b {
			b[i] = '#'
		}
	}
	for _, k := range all {
		if !reflect.DeepEqual(k.res.Findings, k.copy) {
			t.Fatalf("%s: the findings changed after the Linter linted other files:\n got  %v\n want %v", k.name, k.res.Findings, k.copy)
		}
		fresh, err := allRules(t).Bytes(k.name, files[k.name])
		if !reflect.DeepEqual(k.res, fresh) || k.err != fmt.Sprint(err) {
			t.Fatalf("%s: a reused Linter found\n %v (%s)\nwant, as a fresh one,\n %v (%v)", k.name, k.res, k.err, fresh, err)
		}
	}
}

// TestLinterStreamReuseMatchesBytes: a stream over every test schema,
// whose workers reuse the Linter's memory from file to file, finds for
// each file what a fresh Linter finds in it alone.
func TestLinterStreamReuseMatchesBytes(t *testing.T) {
	order, files := reuseCorpus(t)
	l := allRules(t)
	i := 0
	var got []lint.FileResult
	_, err := l.Stream(context.Background(), func() (lint.Input, bool) {
		if i == len(order) {
			return lint.Input{}, false
		}
		i++
		return lint.Input{Name: order[i-1], Src: files[order[i-1]]}, true
	}, func(r lint.FileResult) error {
		got = append(got, lint.FileResult{Name: r.Name, Findings: r.Findings, Err: r.Err})
		return nil
	}, lint.StreamOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		want, err := allRules(t).Bytes(r.Name, files[r.Name])
		if fmt.Sprint(r.Err) != fmt.Sprint(err) || (r.Err == nil && !reflect.DeepEqual(r.Findings, want.Findings)) {
			t.Fatalf("%s: the stream found\n %v (%v)\nwant\n %v (%v)", r.Name, r.Findings, r.Err, want.Findings, err)
		}
	}
}

// TestLinterBytesConcurrent: goroutines that lint different files with
// one Linter at once each get what a fresh Linter finds (run it with
// -race: the Linter's pool must give no two of them the same memory).
func TestLinterBytesConcurrent(t *testing.T) {
	order, files := reuseCorpus(t)
	want := map[string]string{}
	for _, name := range order {
		res, err := allRules(t).Bytes(name, files[name])
		want[name] = fmt.Sprint(res, err)
	}
	l := allRules(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(order); i += 2 {
				name := order[i]
				res, err := l.Bytes(name, files[name])
				if got := fmt.Sprint(res, err); got != want[name] {
					t.Errorf("%s: got %s, want %s", name, got, want[name])
					return
				}
			}
		})
	}
	wg.Wait()
}
