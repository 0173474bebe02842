package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/lint/linttest"
)

func TestValidate(t *testing.T) {
	if err := lint.Validate(All()); err != nil {
		t.Fatal(err)
	}
}

// TestGolden runs every rule over the archives in testdata/<ID>/ through
// the public harness: each archive holds one or more -- *.json -- inputs
// and a -- want -- section with the exact findings of that rule alone.
// go test -update rewrites want.
func TestGolden(t *testing.T) {
	linttest.Run(t, "testdata", All()...)
}

func TestDocs(t *testing.T) {
	var b bytes.Buffer
	if err := lint.WriteMarkdown(&b, All()); err != nil {
		t.Fatal(err)
	}
	const path = "../docs/rules.md"
	if linttest.Update() {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(old, b.Bytes()) {
		t.Fatalf("%s is stale: run go test ./rules -run TestDocs -update", path)
	}
}

// TestNoOrphanTestdata fails on a testdata folder whose rule is gone.
func TestNoOrphanTestdata(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range All() {
		ids[r.ID] = true
	}
	dirs, _ := os.ReadDir("testdata")
	var orphans []string
	for _, d := range dirs {
		if d.IsDir() && !ids[d.Name()] {
			orphans = append(orphans, d.Name())
		}
	}
	sort.Strings(orphans)
	if len(orphans) > 0 {
		t.Errorf("testdata folders without a rule: %v", orphans)
	}
}

// TestMessages checks the message conventions on every golden finding:
// one line, lower case start, no final period, no position.
func TestMessages(t *testing.T) {
	eachArchiveFile(t, "testdata/*/*.txtar", func(file string, f txtar.File) {
		if f.Name != "want" {
			return
		}
		for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
			if line == "" {
				continue
			}
			msg := messageOf(line)
			switch {
			case msg == "":
				t.Errorf("%s: cannot find the message in %q", file, line)
			case msg[0] >= 'A' && msg[0] <= 'Z' && !startsWithConstant(msg):
				t.Errorf("%s: message starts with a capital: %q", file, msg)
			case strings.HasSuffix(msg, "."):
				t.Errorf("%s: message ends with a period: %q", file, msg)
			}
		}
	})
}

// messageOf extracts the message from "file:l:c: /ptr: message (ID)".
func messageOf(line string) string {
	rest := line
	for i := 0; i < 3; i++ {
		j := strings.Index(rest, ":")
		if j < 0 {
			return ""
		}
		rest = rest[j+1:]
	}
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "/") {
		if j := strings.Index(rest, ": "); j >= 0 {
			rest = rest[j+2:]
		}
	}
	if j := strings.LastIndex(rest, " ("); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// startsWithConstant reports whether a message starts with an upper-case
// identifier of the dialect, such as MONEY or ORDER_ID.
func startsWithConstant(msg string) bool {
	word, _, _ := strings.Cut(msg, " ")
	return strings.ToUpper(word) == word
}

// eachArchiveFile calls fn for every file of every golden archive that
// pattern matches, want sections included.
func eachArchiveFile(tb testing.TB, pattern string, fn func(archive string, f txtar.File)) {
	tb.Helper()
	archives, _ := filepath.Glob(pattern)
	for _, a := range archives {
		for _, f := range linttest.ReadArchive(tb, a).Files {
			fn(a, f)
		}
	}
}
