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
