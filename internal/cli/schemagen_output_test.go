package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const outputSample = `{"orderId": "6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13", "n": 1}`

func writeTemp(t *testing.T, dir, name, data string, perm fs.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil {
		t.Fatal(err)
	}
	return p
}

func noTemporaries(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestSchemagenOutputIsInput is the defect where "-o in.json in.json"
// overwrote the sample: the output may not be a sample, the hints or the
// --schema file, by any name; the command exits 2 and the file is intact.
func TestSchemagenOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	in := writeTemp(t, dir, "in.json", outputSample, 0o644)
	hints := writeTemp(t, dir, "hints.json", `{"n": {"title": "Count"}}`, 0o644)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("in.json", link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-o", in, in},
		{"-o", link, in},
		{"-o", in, link},
		{"-o", hints, "--hints", hints, in},
		{"--transform", "-o", in, in},
	} {
		_, errOut, code := runSchemagen(t, "", append([]string{"-q"}, args...)...)
		if code != ExitError || !strings.Contains(errOut, "refusing to overwrite it") {
			t.Errorf("%v: exit %d, want 2 and a refusal: %s", args, code, errOut)
		}
	}
	for path, want := range map[string]string{in: outputSample, hints: `{"n": {"title": "Count"}}`} {
		if b, _ := os.ReadFile(path); string(b) != want {
			t.Errorf("%s was changed: %q", filepath.Base(path), b)
		}
	}
	noTemporaries(t, dir)
}

// TestSchemagenOutputKeepsModeAndLink is the defect where a 0600 target
// became 0644 and a symbolic link target was replaced by a regular file.
func TestSchemagenOutputKeepsModeAndLink(t *testing.T) {
	dir := t.TempDir()
	in := writeTemp(t, dir, "in.json", outputSample, 0o644)
	private := writeTemp(t, dir, "private.json", "old", 0o600)
	if _, errOut, code := runSchemagen(t, "", "-q", "-o", private, in); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	fi, err := os.Stat(private)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(private); !strings.Contains(string(b), `"orderId"`) {
		t.Errorf("the schema was not written: %q", b)
	}

	real := writeTemp(t, dir, "real.json", "old", 0o640)
	link := filepath.Join(dir, "schema.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runSchemagen(t, "", "-q", "-o", link, in); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if b, _ := os.ReadFile(real); !strings.Contains(string(b), `"orderId"`) {
		t.Errorf("the link's file was not written: %q", b)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
		t.Errorf("the link's file has mode %v, want 0640", fi.Mode().Perm())
	}
	noTemporaries(t, dir)
}
