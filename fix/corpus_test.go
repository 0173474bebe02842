package fix_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/fix"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/lint/linttest"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/schema"
)

// corpus returns the schemas of examples/ and every input of a flagged
// golden case in rules/testdata, by name.
func corpus(t testing.TB) (names []string, srcs [][]byte) {
	t.Helper()
	files, _ := filepath.Glob("../examples/*.json")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		names, srcs = append(names, f), append(srcs, b)
	}
	archives, _ := filepath.Glob("../rules/testdata/*/*.txtar")
	for _, a := range archives {
		ar := linttest.ReadArchive(t, a)
		if len(strings.TrimSpace(string(linttest.Section(t, ar, "want")))) == 0 {
			continue // a clean case
		}
		for _, f := range ar.Files {
			if linttest.IsInput(f.Name) {
				names, srcs = append(names, a+":"+f.Name), append(srcs, f.Data)
			}
		}
	}
	if len(names) == 0 {
		t.Fatal("empty corpus")
	}
	return names, srcs
}

// key identifies a finding across edits that move it: its rule, pointer
// and message.
func key(f lint.Finding) string { return f.Rule + " " + f.Pointer + " " + f.Message }

func hasSafeFix(f lint.Finding) bool {
	for _, x := range f.Fixes {
		if !x.Unsafe {
			return true
		}
	}
	return false
}

// TestCorpus fixes every schema of the corpus with the default rules and
// checks the promises of triggerlint fix: every finding with a fix is gone,
// no finding appears that was not there before, a file that parsed still
// parses (and one that did not has no more parse errors), and fixing again
// changes no byte.
//
// A file with parse errors is linted by TK1001 alone; once its syntax is
// fixed the other rules run and report what they find. Those findings were
// hidden, not made by the fixes: they are counted apart, and for such files
// only a new parse error counts as a new finding.
func TestCorpus(t *testing.T) {
	l, err := lint.New(lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	names, srcs := corpus(t)
	var before, fixable, after, changed, applied, revealed int
	for i, name := range names {
		src := srcs[i]
		in, _ := schema.Parse(name, src)
		broken := len(in.Errors) > 0
		first, _ := l.Bytes(name, src)
		had := map[string]int{}
		for _, f := range first.Findings {
			had[key(f)]++
			if hasSafeFix(f) {
				fixable++
			}
		}
		before += len(first.Findings)
		res, err := fix.File(name, src, l, fix.Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if res.Reverted {
			t.Errorf("%s: a round was reverted", name)
		}
		after += len(res.Findings)
		applied += res.Total()
		if res.Changed {
			changed++
		}
		for _, f := range res.Findings {
			if hasSafeFix(f) {
				t.Errorf("%s: fixable finding left: %s", name, lint.FormatText(f))
			}
			if broken && f.Rule != "TK1001" {
				revealed++
				continue
			}
			if had[key(f)] == 0 {
				t.Errorf("%s: new finding after fixing: %s\n%s", name, lint.FormatText(f), fix.Unified(name, src, res.Src))
			}
			had[key(f)]--
		}
		out, _ := schema.Parse(name, res.Src)
		switch {
		case len(in.Errors) == 0 && len(out.Errors) > 0:
			t.Errorf("%s: parsed before fixing, not after: %v", name, out.Errors)
		case len(out.Errors) > len(in.Errors):
			t.Errorf("%s: %d parse errors after fixing, %d before", name, len(out.Errors), len(in.Errors))
		}
		again, err := fix.File(name, res.Src, l, fix.Options{})
		if err != nil || again.Changed {
			t.Errorf("%s: a second fix changed the file (err %v):\n%s", name, err, fix.Unified(name, res.Src, again.Src))
		}
	}
	t.Logf("%d files (%d changed): %d findings before, %d with a fix; %d fixes applied; %d findings after, of which %d were hidden by parse errors before (%d removed)",
		len(names), changed, before, fixable, applied, after, revealed, before-(after-revealed))
}
