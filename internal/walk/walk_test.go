package walk

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

const schemaSrc = `{"type": "object", "properties": {}}`

// tree writes files (slash paths to contents) under dir.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func names(fs []File) []string {
	var out []string
	for _, f := range fs {
		if f.Err != nil {
			out = append(out, f.Name+": "+f.Err.Error())
			continue
		}
		out = append(out, filepath.ToSlash(f.Name))
	}
	return out
}

func skipped(res Result) map[string]string {
	out := map[string]string{}
	for _, s := range res.Skipped {
		out[filepath.ToSlash(s.Name)] = filepath.ToSlash(s.Reason)
	}
	return out
}

// repoFiles is a repository's worth of JSON: schemas, files its
// .gitignore files leave out, and JSON that is not a trigger schema.
func repoFiles() map[string]string {
	return map[string]string{
		".gitignore":                        "# build output\nbuild/\n*.tmp.json\n/top-only.json\n!build/keep.json\n",
		"top-only.json":                     schemaSrc,
		"triggers/top-only.json":            schemaSrc,
		"triggers/a.json":                   schemaSrc,
		"triggers/x.tmp.json":               schemaSrc,
		"triggers/.gitignore":               "generated-*.json\n!generated-keep.json\n",
		"triggers/generated-1.json":         schemaSrc,
		"triggers/generated-keep.json":      schemaSrc,
		"triggers/deep/.gitignore":          "!*.tmp.json\n",
		"triggers/deep/b.tmp.json":          schemaSrc,
		"build/out/junk.json":               schemaSrc,
		"build/keep.json":                   schemaSrc,
		"scratch.json":                      schemaSrc,
		"package.json":                      `{"name": "app", "version": "1.0.0", "scripts": {"test": "jest"}}`,
		"web/tsconfig.json":                 "{\n  // comments, as TypeScript allows\n  \"compilerOptions\": {\"strict\": true},\n}\n",
		"fixtures/list.json":                `[1, 2, 3]`,
		"node_modules/pkg/schema.json":      schemaSrc,
		".github/workflows/schema.json":     schemaSrc,
		"broken.json":                       `{"type": "object", "properties": {`,
		"notes.md":                          "not JSON",
		"triggers/deep/nested/payload.json": `{"$schema": "http://json-schema.org/draft-07/schema#"}`,
	}
}

// TestGitignoreInRepository walks a repository: .gitignore files at every
// level, .git/info/exclude, negation (and that a file in an ignored folder
// cannot be re-included, as in git), anchored patterns, hidden folders,
// node_modules, and package.json, tsconfig.json and an array skipped as no
// schemas, each with its reason.
func TestGitignoreInRepository(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, repoFiles())
	tree(t, dir, map[string]string{".git/info/exclude": "scratch.json\n"})
	res := Collect([]string{dir}, Options{})
	var got []string
	for _, n := range names(res.Files) {
		got = append(got, strings.TrimPrefix(n, filepath.ToSlash(dir)+"/"))
	}
	want := []string{"broken.json", "triggers/a.json", "triggers/deep/b.tmp.json", "triggers/deep/nested/payload.json",
		"triggers/generated-keep.json", "triggers/top-only.json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files:\n%v\nwant\n%v", got, want)
	}
	d := filepath.ToSlash(dir) + "/"
	wantSkipped := map[string]string{
		d + ".git":                      ReasonHidden,
		d + ".github":                   ReasonHidden,
		d + "build":                     "ignored by " + d + ".gitignore:2 (build/)",
		d + "top-only.json":             "ignored by " + d + ".gitignore:4 (/top-only.json)",
		d + "triggers/x.tmp.json":       "ignored by " + d + ".gitignore:3 (*.tmp.json)",
		d + "triggers/generated-1.json": "ignored by " + d + "triggers/.gitignore:1 (generated-*.json)",
		d + "scratch.json":              "ignored by " + d + ".git/info/exclude:1 (scratch.json)",
		d + "node_modules":              ReasonModules,
		d + "package.json":              `not a trigger schema: no "type", "properties" or "$schema" at the root`,
		d + "web/tsconfig.json":         `not a trigger schema: no "type", "properties" or "$schema" at the root`,
		d + "fixtures/list.json":        "not a trigger schema: the root is an array, want an object",
	}
	if got := skipped(res); !reflect.DeepEqual(got, wantSkipped) {
		t.Errorf("skipped:\n%v\nwant\n%v", got, wantSkipped)
	}

	// Walking a folder inside the repository still honours the .gitignore
	// files above it, relative to the repository root.
	t.Chdir(dir)
	res = Collect([]string{"triggers"}, Options{})
	if got, want := names(res.Files), []string{"triggers/a.json", "triggers/deep/b.tmp.json",
		"triggers/deep/nested/payload.json", "triggers/generated-keep.json", "triggers/top-only.json"}; !reflect.DeepEqual(got, want) {
		t.Errorf("walking triggers/: %v, want %v", got, want)
	}
	if got := skipped(res)["triggers/x.tmp.json"]; got != "ignored by "+d+".gitignore:3 (*.tmp.json)" {
		t.Errorf("triggers/x.tmp.json skipped for %q", got)
	}
	if res := Collect([]string{"triggers"}, Options{NoGitignore: true}); len(res.Files) != 7 {
		t.Errorf("without .gitignore: %v, want 7 files", names(res.Files))
	}
}

// TestGitignoreOutsideRepository checks that outside a repository the
// walked folder's .gitignore files apply, relative to it, and that one
// above the walked folder does not.
func TestGitignoreOutsideRepository(t *testing.T) {
	top := t.TempDir()
	tree(t, top, map[string]string{
		".gitignore":              "*.json\n",
		"proj/.gitignore":         "out/\n/local.json\n",
		"proj/local.json":         schemaSrc,
		"proj/a.json":             schemaSrc,
		"proj/out/junk.json":      schemaSrc,
		"proj/sub/local.json":     schemaSrc,
		"proj/sub/.gitignore":     "*\n!*.json\n!*/\n",
		"proj/sub/deeper/c.json":  schemaSrc,
		"proj/sub/deeper/d.other": "x",
	})
	t.Chdir(top)
	res := Collect([]string{"proj"}, Options{})
	if got, want := names(res.Files), []string{"proj/a.json", "proj/sub/deeper/c.json", "proj/sub/local.json"}; !reflect.DeepEqual(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	want := map[string]string{
		"proj/local.json": "ignored by proj/.gitignore:2 (/local.json)",
		"proj/out":        "ignored by proj/.gitignore:1 (out/)",
	}
	if got := skipped(res); !reflect.DeepEqual(got, want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
}

// TestAgreesWithGit compares the walk's choices with git check-ignore's
// over the repository of TestGitignoreInRepository.
func TestAgreesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	tree(t, dir, repoFiles())
	tree(t, dir, map[string]string{".git/info/exclude": "scratch.json\n"})
	var all []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == ".github" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".json") {
			rel, _ := filepath.Rel(dir, p)
			all = append(all, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "-C", dir, "check-ignore", "--stdin")
	cmd.Stdin = strings.NewReader(strings.Join(all, "\n") + "\n")
	out, _ := cmd.Output() // exit 1 when nothing is ignored
	gitIgnored := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			gitIgnored[l] = true
		}
	}
	res := Collect([]string{dir}, Options{KeepNonSchemas: true})
	kept := map[string]bool{}
	for _, f := range res.Files {
		rel, _ := filepath.Rel(dir, f.Path)
		kept[filepath.ToSlash(rel)] = true
	}
	sort.Strings(all)
	for _, p := range all {
		if kept[p] == gitIgnored[p] {
			t.Errorf("%s: walk keeps it = %v, git ignores it = %v", p, kept[p], gitIgnored[p])
		}
	}
	if len(gitIgnored) < 5 {
		t.Fatalf("git ignores only %v: the comparison proves little", gitIgnored)
	}
}

// TestNamedFilesAndForceExclude checks that files named on the command
// line are read whatever the config and the schema test say, unless
// ForceExclude is set, and that a walk applies the config always.
func TestNamedFilesAndForceExclude(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"package.json":        `{"name": "app"}`,
		"triggers/a.json":     schemaSrc,
		"legacy/old.json":     schemaSrc,
		"web/tsconfig.json":   "{\n  // c\n  \"include\": [\"src\"]\n}\n",
		"triggers/broken.txt": "{",
	})
	include := func(p string) bool { return !strings.Contains(filepath.ToSlash(p), "/legacy/") }
	args := []string{"package.json", "web/tsconfig.json", "legacy/old.json", "triggers/a.json"}
	res := Collect(args, Options{Dir: dir, Include: include})
	if got := names(res.Files); !reflect.DeepEqual(got, args) {
		t.Errorf("named files: %v, want all of %v", got, args)
	}
	res = Collect(args, Options{Dir: dir, Include: include, ForceExclude: true})
	if got := names(res.Files); !reflect.DeepEqual(got, []string{"triggers/a.json"}) {
		t.Errorf("with ForceExclude: %v, want only the schema", got)
	}
	want := map[string]string{
		"package.json":      `not a trigger schema: no "type", "properties" or "$schema" at the root`,
		"web/tsconfig.json": `not a trigger schema: no "type", "properties" or "$schema" at the root`,
		"legacy/old.json":   ReasonExcluded,
	}
	if got := skipped(res); !reflect.DeepEqual(got, want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
	res = Collect([]string{"."}, Options{Dir: dir, Include: include})
	if got := names(res.Files); !reflect.DeepEqual(got, []string{"triggers/a.json"}) {
		t.Errorf("walk with a config: %v", got)
	}
	if got := skipped(res)["legacy/old.json"]; got != ReasonExcluded {
		t.Errorf("legacy/old.json skipped for %q", got)
	}
	// A named file that does not exist is an error entry, not a skip.
	res = Collect([]string{"missing.json"}, Options{Dir: dir, ForceExclude: true})
	if len(res.Files) != 1 || !errors.Is(res.Files[0].Err, os.ErrNotExist) {
		t.Errorf("missing file: %+v", res.Files)
	}
}

func TestEmptyFolderAndStdin(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"docs/readme.md": "x"})
	res := Collect([]string{"docs", "-", "-"}, Options{Dir: dir, Stdin: strings.NewReader(schemaSrc)})
	if !reflect.DeepEqual(res.Empty, []string{"docs"}) {
		t.Errorf("empty = %v", res.Empty)
	}
	if len(res.Files) != 2 || string(res.Files[0].Src) != schemaSrc || res.Files[0].Name != "<stdin>" {
		t.Fatalf("files = %+v", res.Files)
	}
	var se *StdinError
	if !errors.As(res.Files[1].Err, &se) || !se.Twice {
		t.Errorf("second -: err = %v, want StdinError{Twice}", res.Files[1].Err)
	}
	if res := Collect([]string{"-"}, Options{}); !errors.As(res.Files[0].Err, &se) || se.Twice {
		t.Errorf("- without stdin: %+v", res.Files)
	}
}

// TestSymlinks keeps the walk's link safety: a link to a file inside the
// walked folder is read, one to a file outside the folder and any
// repository is refused, a dangling one is an error, and links to folders
// are not followed.
func TestSymlinks(t *testing.T) {
	top := t.TempDir()
	tree(t, top, map[string]string{
		"outside/secret.json": schemaSrc,
		"proj/a.json":         schemaSrc,
	})
	proj := filepath.Join(top, "proj")
	links := map[string]string{
		"inside-link.json":  filepath.Join(proj, "a.json"),
		"outside-link.json": filepath.Join(top, "outside", "secret.json"),
		"dangling.json":     filepath.Join(top, "nowhere.json"),
		"dirlink":           filepath.Join(top, "outside"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(proj, name)); err != nil {
			t.Skip("symbolic links unavailable:", err)
		}
	}
	res := Collect([]string{proj}, Options{})
	var ok []string
	errs := map[string]error{}
	for _, f := range res.Files {
		if f.Err != nil {
			errs[filepath.Base(f.Name)] = f.Err
		} else {
			ok = append(ok, filepath.Base(f.Name))
		}
	}
	if !reflect.DeepEqual(ok, []string{"a.json", "inside-link.json"}) {
		t.Errorf("read %v, want a.json and inside-link.json", ok)
	}
	var le *LinkError
	if err := errs["outside-link.json"]; !errors.As(err, &le) || le.Err != nil {
		t.Errorf("outside link: err = %v, want a LinkError", err)
	}
	if err := errs["dangling.json"]; !errors.As(err, &le) || le.Err == nil {
		t.Errorf("dangling link: err = %v, want a LinkError with the cause", err)
	}
	if len(errs) != 2 {
		t.Errorf("errors %v, want two", errs)
	}
	// Inside a repository, a link to a file elsewhere in it is read.
	tree(t, top, map[string]string{".git/HEAD": "ref: refs/heads/main\n"})
	res = Collect([]string{proj}, Options{})
	for _, f := range res.Files {
		if filepath.Base(f.Name) == "outside-link.json" && f.Err != nil {
			t.Errorf("link within the repository: %v", f.Err)
		}
	}
}

func TestIsSchema(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{`{"type": "object"}`, true},
		{`{"properties": {}}`, true},
		{`{"$schema": "x"}`, true},
		{`{"type": "object", `, true},           // broken, but a schema: lint reports it
		{`{"properties": {}} // comment`, true}, // comments do not hide the keys
		{``, true},                              // no root at all: lint reports it
		{`{"name": "app"}`, false},
		{"{\n// c\n\"compilerOptions\": {}\n}", false},
		{`[{"type": "object"}]`, false},
		{`"type"`, false},
	}
	for _, tt := range tests {
		got, why := IsSchema([]byte(tt.src))
		if got != tt.want || (got == (why != "")) {
			t.Errorf("IsSchema(%q) = %v, %q; want %v", tt.src, got, why, tt.want)
		}
	}
}
