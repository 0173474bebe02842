package config_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/validate"
)

// catalogue is every documented ID, as the command line builds it.
func catalogue() []findings.Entry {
	out := findings.Entries(rules.All())
	out = append(out, findings.Entries(validate.Rules())...)
	out = append(out, findings.Entries(diff.Kinds())...)
	return append(out, findings.SuppressionEntries()...)
}

func parse(t *testing.T, src string) *config.Config {
	t.Helper()
	c, err := config.Parse(".triggerlint.yaml", []byte(src), catalogue())
	if err != nil {
		t.Fatalf("parse:\n%s\nerror:\n%v", src, err)
	}
	return c
}

// TestErrors checks the exact "file:line:col: message" of every kind of
// mistake in a config file.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown key", "files: []\nfail_severity: error\n",
			[]string{`.triggerlint.yaml:2:1: unknown key "fail_severity" in the config (want files, exclude, fail-severity, rules, overrides, ignore or diff)`}},
		{"unknown nested key", "rules:\n  enabled: [TK3003]\n",
			[]string{`.triggerlint.yaml:2:3: unknown key "enabled" in "rules" (want enable, disable or severity)`}},
		{"wrong type", "files: \"*.json\"\n",
			[]string{`.triggerlint.yaml:1:8: "files": got a string ("*.json"), want a list`}},
		{"wrong item type", "exclude:\n  - build\n  - 42\n",
			[]string{`.triggerlint.yaml:3:5: "exclude" item: got an integer (42), want a string`}},
		{"wrong type of a mapping", "rules: [TK3003]\n",
			[]string{`.triggerlint.yaml:1:8: "rules": got a list, want a mapping`}},
		{"bad glob", "files:\n  - \"triggers/[a-\"\n",
			[]string{`.triggerlint.yaml:2:5: bad glob "triggers/[a-": syntax error in pattern`}},
		{"glob outside the folder", "exclude: [\"../other/**\", \"/abs/*.json\"]\n",
			[]string{`.triggerlint.yaml:1:11: bad glob "../other/**": want files inside the config file's folder, without ..`,
				`.triggerlint.yaml:1:26: bad glob "/abs/*.json": want a path relative to the config file's folder, with / between names`}},
		{"missing reason", "ignore:\n  - rule: TK3003\n    file: a.json\n",
			[]string{`.triggerlint.yaml:2:5: ignore entry: missing "reason"; say why it is accepted`}},
		{"empty reason", "ignore:\n  - rule: TK3003\n    reason: \"  \"\n",
			[]string{`.triggerlint.yaml:3:13: ignore entry: empty "reason"; say why it is accepted`}},
		{"missing rule", "ignore:\n  - reason: legacy\n",
			[]string{`.triggerlint.yaml:2:5: ignore entry: missing "rule"`}},
		{"unknown rule", "rules:\n  disable: [TK3003, TK3999]\n",
			[]string{`.triggerlint.yaml:2:21: unknown rule "TK3999" (see 'triggerlint rules')`}},
		{"unknown rule name", "rules:\n  severity:\n    no-such-rule: warn\n",
			[]string{`.triggerlint.yaml:3:5: unknown rule "no-such-rule" (see 'triggerlint rules')`}},
		{"unknown rule in ignore", "ignore:\n  - rule: TK3*9*9\n    reason: x\n",
			[]string{`.triggerlint.yaml:2:11: unknown rule "TK3*9*9" (see 'triggerlint rules')`}},
		{"change kind as a rule", "ignore:\n  - rule: TKD101\n    reason: x\n",
			[]string{`.triggerlint.yaml:2:11: "TKD101" is a change kind; accept changes under diff.accept`}},
		{"unknown change", "diff:\n  accept:\n    - change: TK3003\n      reason: x\n",
			[]string{`.triggerlint.yaml:3:15: unknown change kind "TK3003" (see 'triggerlint rules')`}},
		{"bad pointer", "ignore:\n  - rule: TK3003\n    pointer: properties/x\n    reason: x\n",
			[]string{`.triggerlint.yaml:3:14: bad pointer "properties/x": want an RFC 6901 pointer such as "/properties/orderId", or a prefix ending in "/**"`}},
		{"bad pointer escape", "ignore:\n  - rule: TK3003\n    pointer: /a~2b/**\n    reason: x\n",
			[]string{`.triggerlint.yaml:3:14: bad pointer "/a~2b/**": want an RFC 6901 pointer such as "/properties/orderId", or a prefix ending in "/**"`}},
		{"bad severity", "rules:\n  severity:\n    TK3003: high\n",
			[]string{`.triggerlint.yaml:3:13: severity of "TK3003": got "high", want error, warning, warn, info or off`}},
		{"bad fail-severity", "fail-severity: fatal\n",
			[]string{`.triggerlint.yaml:1:16: "fail-severity": got "fatal", want error, warning, warn, info or none`}},
		{"duplicate key", "files: []\nexclude: []\nfiles: [\"a\"]\n",
			[]string{`.triggerlint.yaml:3:1: duplicate key "files", first at 1:1`}},
		{"alias", "files: &f [\"a\"]\nexclude: *f\n",
			[]string{`.triggerlint.yaml:2:10: "exclude": got an alias (*f); aliases are not supported, want a list`}},
		{"override without files", "overrides:\n  - rules: {disable: [TK3003]}\n",
			[]string{`.triggerlint.yaml:2:5: override: missing "files" (the globs it applies to)`}},
		{"invalid YAML", "files: [a\nexclude: b\n",
			[]string{`.triggerlint.yaml:1:1: invalid YAML: did not find expected ',' or ']'`}},
		{"two documents", "files: []\n---\nexclude: []\n",
			[]string{`.triggerlint.yaml:2:1: got a second YAML document, want one`}},
		{"not a mapping", "- files\n",
			[]string{`.triggerlint.yaml:1:1: the config: got a list, want a mapping`}},
		{"columns count bytes", "exclude: [\"é\", 7]\n",
			[]string{`.triggerlint.yaml:1:17: "exclude" item: got an integer (7), want a string`}},
		{"every mistake at once", "files: 3\nrules:\n  disable: [TK3999]\nignore:\n  - rule: TK3003\n",
			[]string{`.triggerlint.yaml:1:8: "files": got an integer (3), want a list`,
				`.triggerlint.yaml:3:13: unknown rule "TK3999" (see 'triggerlint rules')`,
				`.triggerlint.yaml:5:5: ignore entry: missing "reason"; say why it is accepted`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse(".triggerlint.yaml", []byte(tt.src), catalogue())
			var list config.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var one *config.Error
			if !errors.As(list[0], &one) || one.File != ".triggerlint.yaml" || one.Line < 1 || one.Column < 1 {
				t.Errorf("first error = %#v, want an *Error with its position", list[0])
			}
		})
	}
}

// TestEmptyConfig checks that an empty file, and one of comments only,
// is every default.
func TestEmptyConfig(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n"} {
		c := parse(t, src)
		if _, set := c.FailSeverity(); set || len(c.Files) > 0 || !c.Includes("a/b.json") {
			t.Errorf("%q: got %+v, want every default", src, c)
		}
	}
}

// TestInitDecodes checks that the starting config decodes without errors
// and does what its comments say about package.json and tsconfig.json.
func TestInitDecodes(t *testing.T) {
	dir := t.TempDir()
	c, err := config.Parse(filepath.Join(dir, config.FileName), config.Init(), catalogue())
	if err != nil {
		t.Fatal(err)
	}
	if sev, set := c.FailSeverity(); !set || sev != findings.Error {
		t.Errorf("fail-severity = %v, %v", sev, set)
	}
	for name, want := range map[string]bool{
		"triggers/order-paid.json":     true,
		"package.json":                 false,
		"web/tsconfig.base.json":       false,
		"web/node_modules/x/s.json":    false,
		"triggers/readme.md":           false,
		"node_modules/pkg/schema.json": false,
	} {
		if got := c.Includes(filepath.Join(dir, name)); got != want {
			t.Errorf("Includes(%s) = %v, want %v", name, got, want)
		}
	}
}

func loadFull(t *testing.T, dir string) *config.Config {
	t.Helper()
	src, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, config.FileName)
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(name, catalogue())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFullExample checks what each key of a config that uses them all
// decodes to.
func TestFullExample(t *testing.T) {
	dir := t.TempDir()
	c := loadFull(t, dir)
	if sev, _ := c.FailSeverity(); sev != findings.Warning {
		t.Errorf("fail-severity = %v, want warning (from warn)", sev)
	}
	if len(c.Ignore) != 3 || len(c.Accept) != 2 || len(c.Overrides) != 2 {
		t.Fatalf("got %d ignore, %d accept, %d overrides", len(c.Ignore), len(c.Accept), len(c.Overrides))
	}
	if e := c.Ignore[2]; e.File != "**" || e.Pointer != "/**" || e.Pos != (config.Position{Line: 34, Column: 5}) {
		t.Errorf("entry with defaults = %+v", e)
	}
	if ids := c.Ignore[1].IDs; len(ids) < 5 || ids[0] != "TK3001" {
		t.Errorf("TK3* names %v", ids)
	}
	if ids := c.Accept[1].IDs; !reflect.DeepEqual(ids, []string{"TKD301", "TKD302", "TKD303", "TKD304"}) {
		t.Errorf("TKD3* names %v", ids)
	}
	for name, want := range map[string]bool{
		"triggers/a.json":              true,
		"triggers/deep/b.json":         true,
		"triggers/generated/c.json":    false,
		"triggers/package.json":        false,
		"legacy/old/d.json":            true, // "legacy" covers the folder
		"other/e.json":                 false,
		"../outside/triggers/f.json":   false,
		"triggers/generated":           false,
		"triggers/x/package.json/more": false,
	} {
		if got := c.Includes(filepath.Join(dir, filepath.FromSlash(name))); got != want {
			t.Errorf("Includes(%s) = %v, want %v", name, got, want)
		}
	}
}

// selected returns the IDs and severities a file's selection runs.
func selected(t *testing.T, c *config.Config, name string, extra ...lint.Toggle) map[string]findings.Severity {
	t.Helper()
	opts := c.Selected(name)
	opts.Toggles = append(opts.Toggles, extra...)
	sel, err := lint.Select(rules.All(), opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]findings.Severity{}
	for _, r := range sel.Rules() {
		out[r.ID] = sel.Severity(r)
	}
	return out
}

// TestSelectedOverridesInOrder checks that overrides apply after the
// top-level rules, in order, only to their files, and that flags appended
// after the config win.
func TestSelectedOverridesInOrder(t *testing.T) {
	dir := t.TempDir()
	c := parse(t, `
rules:
  disable: [TK3003]
  severity:
    TK3005: warn
overrides:
  - files: ["legacy/**"]
    rules:
      enable: [TK3003]
      severity: {TK3003: info, TK3005: off}
  - files: ["legacy/old/**"]
    rules:
      severity: {TK3003: off}
  - files: ["legacy/**"]
    rules:
      severity: {TK3005: error}
`)
	c.Dir = dir
	top := selected(t, c, filepath.Join(dir, "triggers/a.json"))
	if _, on := top["TK3003"]; on || top["TK3005"] != findings.Warning {
		t.Errorf("top level: TK3003 on = %v, TK3005 = %v; want off, warning", on, top["TK3005"])
	}
	legacy := selected(t, c, filepath.Join(dir, "legacy/a.json"))
	if legacy["TK3003"] != findings.Info {
		t.Errorf("legacy: TK3003 = %v, want info", legacy["TK3003"])
	}
	// The first override turned TK3005 off; the third only changes its
	// severity, so it stays off.
	if _, on := legacy["TK3005"]; on {
		t.Errorf("legacy: TK3005 on, want off")
	}
	old := selected(t, c, filepath.Join(dir, "legacy/old/a.json"))
	if _, on := old["TK3003"]; on {
		t.Errorf("legacy/old: TK3003 on, want off by the second override")
	}
	flag := selected(t, c, filepath.Join(dir, "legacy/old/a.json"), lint.Toggle{Pattern: "TK3003", On: true})
	if _, on := flag["TK3003"]; !on {
		t.Errorf("legacy/old with --enable TK3003: off, want the flag to win")
	}
	if len(top) == len(legacy) && len(top) == 0 {
		t.Fatal("no rules selected at all")
	}
}

// TestSelectedSpecificity checks that within one block "all" applies
// before globs and globs before IDs, whichever key comes first.
func TestSelectedSpecificity(t *testing.T) {
	c := parse(t, "rules:\n  enable: [TK3003]\n  disable: [all]\n")
	if got := selected(t, c, "a.json"); len(got) != 1 || got["TK3003"] == 0 {
		t.Errorf("enable TK3003, disable all: got %v, want only TK3003", got)
	}
	c = parse(t, "rules:\n  disable: [TK3005]\n  enable: [\"TK3*\"]\n  severity:\n    TK3004: error\n    \"TK3*\": info\n")
	got := selected(t, c, "a.json")
	if _, on := got["TK3005"]; on {
		t.Errorf("disable TK3005, enable TK3*: TK3005 on, want off")
	}
	if got["TK3004"] != findings.Error || got["TK3003"] != findings.Info {
		t.Errorf("severity TK3004 error, TK3* info: got %v and %v", got["TK3004"], got["TK3003"])
	}
}

// TestPrintRoundTrip checks that Print writes YAML that decodes to the
// same settings.
func TestPrintRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []*config.Config{loadFull(t, dir), {}} {
		var buf bytes.Buffer
		if err := c.Print(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := config.Parse(filepath.Join(dir, "printed.yaml"), buf.Bytes(), catalogue())
		if err != nil {
			t.Fatalf("printed config does not decode:\n%s\n%v", buf.String(), err)
		}
		want, _ := c.FailSeverity()
		if got, _ := back.FailSeverity(); got != want && !(want == 0 && got == findings.Error) {
			t.Errorf("fail-severity %v, want %v", got, want)
		}
		if !reflect.DeepEqual(back.Files, c.Files) || !reflect.DeepEqual(back.Exclude, c.Exclude) ||
			!reflect.DeepEqual(back.Rules, c.Rules) {
			t.Errorf("printed:\n%s\ngot %+v, want %+v", buf.String(), back, c)
		}
		if len(back.Ignore) != len(c.Ignore) || len(back.Accept) != len(c.Accept) || len(back.Overrides) != len(c.Overrides) {
			t.Fatalf("printed:\n%s\nlists differ", buf.String())
		}
		for i, e := range c.Ignore {
			b := back.Ignore[i]
			if b.Rule != e.Rule || b.File != e.File || b.Pointer != e.Pointer || b.Reason != e.Reason || !reflect.DeepEqual(b.IDs, e.IDs) {
				t.Errorf("ignore %d: got %+v, want %+v", i, b, e)
			}
		}
		for i, o := range c.Overrides {
			if !reflect.DeepEqual(back.Overrides[i].Files, o.Files) || !reflect.DeepEqual(back.Overrides[i].Rules, o.Rules) {
				t.Errorf("override %d: got %+v, want %+v", i, back.Overrides[i], o)
			}
		}
	}
}

// TestIgnoresSuppressFindings runs the config's entries through
// findings.Suppress with findings named as the command line names them,
// relative to the working directory, and checks the stale report's place.
func TestIgnoresSuppressFindings(t *testing.T) {
	dir := t.TempDir()
	c := parse(t, `ignore:
  - rule: TK3003
    file: triggers/order-paid.json
    pointer: /properties/legacy_id
    reason: kept for old apps
  - rule: prop-examples-top
    file: "triggers/**"
    pointer: /properties/gone/**
    reason: fixed since
diff:
  accept:
    - change: property-removed
      reason: agreed
`)
	c.Dir = dir
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, filepath.Join(dir, "triggers", "order-paid.json"))
	if err != nil {
		t.Fatal(err)
	}
	fs := []findings.Finding{
		{File: rel, Pointer: "/properties/legacy_id", Rule: "TK3003", Severity: findings.Warning, Message: "m"},
		{File: rel, Pointer: "/properties/legacy_id", Rule: "TK3005", Severity: findings.Error, Message: "m"},
		{File: filepath.Join(dir, "other.json"), Pointer: "/properties/legacy_id", Rule: "TK3003", Severity: findings.Warning, Message: "m"},
	}
	stale := findings.Suppress(fs, c.Ignores(), []string{rel, filepath.Join(dir, "other.json")})
	if fs[0].Suppressed == nil || fs[0].Suppressed.Reason != "kept for old apps" || fs[1].Suppressed != nil || fs[2].Suppressed != nil {
		t.Errorf("suppressed: %v %v %v; want only the first", fs[0].Suppressed, fs[1].Suppressed, fs[2].Suppressed)
	}
	if len(stale) != 1 {
		t.Fatalf("stale = %+v, want the second entry", stale)
	}
	got := findings.FormatText(stale[0])
	want := `.triggerlint.yaml:6:5: warning: /ignore/1: ignore entry for TK3005 at "/properties/gone/**" matched nothing; remove it or correct it (TK0001)`
	if got != want {
		t.Errorf("stale:\n%s\nwant\n%s", got, want)
	}
	changes := []findings.Finding{{File: rel, Pointer: "/properties/x", Rule: "TKD101", Severity: findings.Error, Message: "property removed"}}
	if stale := findings.Suppress(changes, c.Accepts(), []string{rel}); len(stale) != 0 || changes[0].Severity != findings.Info {
		t.Errorf("accept: stale %v, change %+v", stale, changes[0])
	}
}

// TestFind checks the search upward: the nearest file wins, the search
// stops at the repository root, a relative folder gives a relative path,
// and two files in one folder are an error.
func TestFind(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	sub := filepath.Join(repo, "a", "b")
	for _, d := range []string{filepath.Join(repo, ".git"), sub} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("files: []\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Above the repository root: not found.
	write(filepath.Join(top, config.FileName))
	if got, err := config.Find(sub); err != nil || got != "" {
		t.Errorf("config above the repository: Find = %q, %v; want none", got, err)
	}
	write(filepath.Join(repo, config.AltFileName))
	if got, err := config.Find(sub); err != nil || got != filepath.Join(repo, config.AltFileName) {
		t.Errorf("Find = %q, %v; want the repository's .yml", got, err)
	}
	write(filepath.Join(repo, "a", config.FileName))
	if got, err := config.Find(sub); err != nil || got != filepath.Join(repo, "a", config.FileName) {
		t.Errorf("Find = %q, %v; want the nearest", got, err)
	}
	write(filepath.Join(repo, "a", config.AltFileName))
	var fe *config.FindError
	if _, err := config.Find(sub); !errors.As(err, &fe) || fe.Dir != filepath.Join(repo, "a") {
		t.Errorf("two files: err = %v, want a FindError", err)
	}
	t.Chdir(sub)
	os.Remove(filepath.Join(repo, "a", config.AltFileName))
	if got, err := config.Find("."); err != nil || got != filepath.Join("..", config.FileName) {
		t.Errorf("Find(.) = %q, %v; want ../%s", got, err, config.FileName)
	}
	// Outside any repository the search goes up to the root.
	plain := filepath.Join(top, "plain", "x")
	if err := os.MkdirAll(plain, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := config.Find(plain); err != nil || got != filepath.Join(top, config.FileName) {
		t.Errorf("outside a repository: Find = %q, %v; want %s", got, err, filepath.Join(top, config.FileName))
	}
}

func TestLoadRefusesLargeFiles(t *testing.T) {
	name := filepath.Join(t.TempDir(), config.FileName)
	if err := os.WriteFile(name, bytes.Repeat([]byte("#\n"), config.MaxSize), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(name, catalogue()); err == nil || !strings.Contains(err.Error(), "want at most") {
		t.Errorf("err = %v, want a size error", err)
	}
	if _, err := config.Load(filepath.Dir(name), catalogue()); err == nil {
		t.Error("a folder loaded as a config")
	}
}

// BenchmarkParse decodes configs of 100, 1,000 and 10,000 ignore entries:
// the cost grows linearly with the file.
func BenchmarkParse(b *testing.B) {
	cat := catalogue()
	for _, n := range []int{100, 1000, 10000} {
		var src strings.Builder
		src.WriteString("ignore:\n")
		for i := range n {
			src.WriteString("  - rule: TK3003\n    file: triggers/a" + strings.Repeat("x", i%7) + ".json\n    pointer: /properties/p/**\n    reason: legacy\n")
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(src.Len()))
			for b.Loop() {
				if _, err := config.Parse(".triggerlint.yaml", []byte(src.String()), cat); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadInit measures what a config costs a run: finding and
// decoding the starting config, against the catalogue.
func BenchmarkLoadInit(b *testing.B) {
	dir := b.TempDir()
	name := filepath.Join(dir, config.FileName)
	if err := os.WriteFile(name, config.Init(), 0o644); err != nil {
		b.Fatal(err)
	}
	cat := catalogue()
	for b.Loop() {
		p, err := config.Find(dir)
		if err != nil || p == "" {
			b.Fatal(p, err)
		}
		if _, err := config.Load(p, cat); err != nil {
			b.Fatal(err)
		}
	}
}
