//go:build unix

package config_test

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/config"
)

// TestB15LoadRefusesANamedPipe: Load of a named pipe is refused at once
// rather than waiting for a writer.
func TestB15LoadRefusesANamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), config.FileName)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := config.Load(p, nil); done <- err }()
	select {
	case err := <-done:
		var ne *config.NotRegularError
		if !errors.As(err, &ne) || err.Error() != "config "+p+": not a regular file (a named pipe)" {
			t.Errorf("Load: %v; want a NotRegularError", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load of a named pipe waited for a writer")
	}
}
