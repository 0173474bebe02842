package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/triggerkit/triggerkit/config"
)

// TestB15FindRefusesANonRegularFile: a folder named .triggerlint.yaml was
// passed over as if there were no config, so that every default applied
// in silence; Find and Load call it what it is.
func TestB15FindRefusesANonRegularFile(t *testing.T) {
	for _, name := range []string{config.FileName, config.AltFileName} {
		repo := t.TempDir()
		if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(repo, name)
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		var ne *config.NotRegularError
		got, err := config.Find(repo)
		if !errors.As(err, &ne) || ne.Name != p || !ne.Mode.IsDir() || got != "" {
			t.Errorf("Find: %q, %v; want a NotRegularError for %s", got, err, p)
		} else if want := "config " + p + ": not a regular file (a folder)"; err.Error() != want {
			t.Errorf("Find: %q, want %q", err, want)
		}
		if _, err := config.Load(p, nil); !errors.As(err, &ne) || ne.Name != p || ne.Mode.Type() != fs.ModeDir {
			t.Errorf("Load: %v; want a NotRegularError", err)
		}
	}
}
