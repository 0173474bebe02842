package cli

import (
	"strings"
	"testing"
)

// TestB14LSPErrorsHaveOnePrefix: the command's errors read
// "triggerlint: lsp: lsp: ...", the package's prefix doubled.
func TestB14LSPErrorsHaveOnePrefix(t *testing.T) {
	for in, want := range map[string]string{
		frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`): "triggerlint: lsp: the stream ended before shutdown\n",
		"Content-Length: x\r\n\r\n":                                         "triggerlint: lsp: bad Content-Length \"x\"\n",
		"no header line\r\n\r\n":                                            "triggerlint: lsp: reading the stream: malformed MIME header: missing colon: \"no header line\"\n",
		frame(`{"method":"exit"}`):                                          "triggerlint: lsp: exit before shutdown\n",
	} {
		r := triggerlint(t, in, nil, false, "lsp")
		if r.code != ExitFindings || r.stderr != want {
			t.Errorf("lsp on %q: exit %d, stderr %q, want %q", in, r.code, r.stderr, want)
		}
	}
}

// TestB14DebounceBounded: --debounce -1s and --debounce 1h were accepted;
// outside 0 to 10s the flag is a usage error.
func TestB14DebounceBounded(t *testing.T) {
	for _, bad := range []string{"-1s", "-1ns", "10.001s", "1h"} {
		r := triggerlint(t, "", nil, false, "lsp", "--debounce", bad)
		if r.code != ExitError || !strings.Contains(r.stderr, "--debounce "+strings.TrimSuffix(bad, "s")) || !strings.Contains(r.stderr, "want 0 to 10s") {
			t.Errorf("--debounce %s: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
	session := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`)
	for _, ok := range []string{"0", "300ms", "10s"} {
		if r := triggerlint(t, session, nil, false, "lsp", "--debounce", ok); r.code != ExitOK {
			t.Errorf("--debounce %s: exit %d, stderr %q", ok, r.code, r.stderr)
		}
	}
	if r := triggerlint(t, "", nil, false, "lsp", "--help"); !strings.Contains(r.stdout, "0 to 10s") {
		t.Errorf("the help does not give the bounds of --debounce:\n%s", r.stdout)
	}
}
