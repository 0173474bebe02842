package lsp

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/triggerkit/triggerkit/rules"
)

// TestB14ServeErrorsBeginWithOnePrefix: every error Serve returns begins
// "lsp: " once, so that a command prints it after its own name only; a
// read error of the stream is a *StreamError.
func TestB14ServeErrorsBeginWithOnePrefix(t *testing.T) {
	boom := errors.New("boom")
	for name, r := range map[string]io.Reader{
		"EOF":        strings.NewReader(""),
		"framing":    strings.NewReader("Content-Length: x\r\n\r\n"),
		"bad header": strings.NewReader("no colon\r\n\r\n"),
		"I/O":        iotest.ErrReader(boom),
	} {
		s, err := New(Options{Rules: rules.All(), NoConfig: true})
		if err != nil {
			t.Fatal(err)
		}
		err = s.Serve(r, io.Discard)
		if err == nil || !strings.HasPrefix(err.Error(), "lsp: ") || strings.HasPrefix(err.Error(), "lsp: lsp: ") {
			t.Errorf("%s: %v, want one \"lsp: \" prefix", name, err)
		}
	}
	s, _ := New(Options{Rules: rules.All(), NoConfig: true})
	var se *StreamError
	if err := s.Serve(iotest.ErrReader(boom), io.Discard); !errors.As(err, &se) || !errors.Is(err, boom) || err.Error() != "lsp: reading the stream: boom" {
		t.Errorf("an I/O error: %v, want a *StreamError wrapping it", err)
	}
}

// TestB14DebounceOverMaxRefused: a debounce over MaxDebounce is refused by
// New; MaxDebounce itself is taken.
func TestB14DebounceOverMaxRefused(t *testing.T) {
	var de *DebounceError
	if _, err := New(Options{Rules: rules.All(), Debounce: time.Hour}); !errors.As(err, &de) || err.Error() != "lsp: debounce 1h0m0s, want at most 10s" {
		t.Errorf("Debounce 1h: %v, want a *DebounceError", err)
	}
	if _, err := New(Options{Rules: rules.All(), Debounce: MaxDebounce}); err != nil {
		t.Errorf("Debounce MaxDebounce: %v", err)
	}
}
