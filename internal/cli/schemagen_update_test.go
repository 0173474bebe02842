package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestSchemagenUpdateGolden runs each testdata/schemagen-update/*.txtar:
// its "in/NAME" files are written to a fresh folder, schemagen runs there
// with the arguments of "args" (one line), and the exit code, standard
// output, standard error and every file of the folder afterwards
// ("after/NAME") are compared with the archive's; the folder's path is
// "$DIR" in standard error.
func TestSchemagenUpdateGolden(t *testing.T) {
	goldenArchives(t, "testdata/schemagen-update/*.txtar", func(t *testing.T, ar *txtar.Archive) []txtar.File {
		dir := t.TempDir()
		var args []string
		for _, f := range ar.Files {
			switch {
			case strings.HasPrefix(f.Name, "in/"):
				if err := os.WriteFile(filepath.Join(dir, strings.TrimPrefix(f.Name, "in/")), f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			case f.Name == "args":
				args = strings.Fields(string(f.Data))
			}
		}
		var out, errOut bytes.Buffer
		code := Schemagen(args, Env{Dir: dir, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
		res := []txtar.File{
			{Name: "exit", Data: []byte(strconv.Itoa(code) + "\n")},
			{Name: "stdout", Data: out.Bytes()},
			{Name: "stderr", Data: bytes.ReplaceAll(errOut.Bytes(), []byte(dir), []byte("$DIR"))},
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		slices.Sort(names)
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			res = append(res, txtar.File{Name: "after/" + n, Data: b})
		}
		return res
	})
}

// goldenArchives runs fn on each archive pattern matches and compares the
// sections it returns with the archive's, or rewrites them with -update.
func goldenArchives(t *testing.T, pattern string, fn func(t *testing.T, ar *txtar.Archive) []txtar.File) {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no archives match %s", pattern)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			changed := false
			for _, g := range fn(t, ar) {
				i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == g.Name })
				switch {
				case i >= 0 && bytes.Equal(ar.Files[i].Data, g.Data):
				case *update && i >= 0:
					ar.Files[i].Data, changed = g.Data, true
				case *update:
					ar.Files, changed = append(ar.Files, g), true
				case i >= 0:
					t.Errorf("%s: section %q differs (run go test -update)\n--- got\n%s--- want\n%s", file, g.Name, g.Data, ar.Files[i].Data)
				default:
					t.Errorf("%s: no %q section (run go test -update)", file, g.Name)
				}
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestSchemagenUpdateUsage: --write and --allow-breaking need --update,
// --update takes neither --transform nor --wix-compat, and --write and -o
// exclude each other: usage errors (exit 2) that write nothing.
func TestSchemagenUpdateUsage(t *testing.T) {
	dir := t.TempDir()
	sample := writeTemp(t, dir, "s.json", outputSample, 0o644)
	schemaFile := writeTemp(t, dir, "schema.json", `{"type": "object", "properties": {}}`, 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--write", sample}, "--write and --allow-breaking are for --update"},
		{[]string{"--allow-breaking", sample}, "--write and --allow-breaking are for --update"},
		{[]string{"--update", schemaFile, "--transform", sample}, "--update takes neither --transform nor --wix-compat"},
		{[]string{"--update", schemaFile, "--write", "-o", filepath.Join(dir, "x.json"), sample}, "--write writes over SCHEMA; -o writes elsewhere"},
	} {
		out, errOut, code := runSchemagen(t, "", c.args...)
		if code != ExitError || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
	if b, _ := os.ReadFile(schemaFile); string(b) != `{"type": "object", "properties": {}}` {
		t.Errorf("schema.json was changed: %s", b)
	}
}
