package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionFromBuild builds the binary from a scratch git repository
// holding this module's files, clean, dirty and without the VCS stamp,
// and checks what version prints: the module version, the revision and
// whether the tree was dirty, or "(devel)" and "unknown" when the
// toolchain recorded none. (A scratch repository, because the toolchain
// stamps nothing in a linked git worktree.)
func TestVersionFromBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary three times")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	tmp := t.TempDir()
	repo := filepath.Join(tmp, "repo")
	run := func(dir, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(tmp, "gitconfig"))
		out, err := cmd.Output()
		if err != nil {
			msg := ""
			if ee, ok := err.(*exec.ExitError); ok {
				msg = string(ee.Stderr)
			}
			t.Fatalf("%s %v: %v\n%s", name, args, err, msg)
		}
		return string(out)
	}

	// The module's files as they are now, tracked and new.
	top := "../.."
	list := run(top, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	for _, name := range strings.Split(strings.TrimSuffix(list, "\x00"), "\x00") {
		src, err := os.ReadFile(filepath.Join(top, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		} else if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) string {
		return run(repo, "git", append([]string{"-c", "user.name=triggerkit", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "scratch")
	head := strings.TrimSpace(git("rev-parse", "HEAD"))

	version := func(buildvcs string) string {
		t.Helper()
		bin := filepath.Join(tmp, "triggerlint")
		run(repo, "go", "build", "-buildvcs="+buildvcs, "-o", bin, "./cmd/triggerlint")
		return run(tmp, bin, "version")
	}
	clean := version("true")
	if want := "\nrevision: " + head + "\ndirty: false\n"; !strings.HasPrefix(clean, "triggerlint v") || !strings.HasSuffix(clean, want) || strings.Count(clean, "\n") != 3 {
		t.Errorf("clean tree:\n%s\nwant a module version, then%s", clean, want)
	}
	if err := os.WriteFile(filepath.Join(repo, "README.md"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dirty := version("true")
	if want := "\nrevision: " + head + "\ndirty: true\n"; !strings.HasPrefix(dirty, "triggerlint v") || !strings.HasSuffix(dirty, want) {
		t.Errorf("dirty tree:\n%s\nwant%s", dirty, want)
	}
	if got := version("false"); got != "triggerlint (devel)\nrevision: unknown\ndirty: unknown\n" {
		t.Errorf("-buildvcs=false:\n%s", got)
	}
}
