package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/metaschema"
	"github.com/triggerkit/triggerkit/rules"
)

// TestSchemaCommand prints the meta-schema that metaschema.Build writes.
func TestSchemaCommand(t *testing.T) {
	want, err := metaschema.Build(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	r := triggerlint(t, "", nil, false, "schema")
	if r.code != ExitOK || r.stdout != string(want) || r.stderr != "" {
		t.Errorf("schema: exit %d, %d bytes out (want %d), stderr %q", r.code, len(r.stdout), len(want), r.stderr)
	}
	if r := triggerlint(t, "", nil, false, "schema", "extra"); r.code != ExitError {
		t.Errorf("schema extra: exit %d, want %d", r.code, ExitError)
	}
}

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// TestLSPCommand runs a short session through the command's stdin and
// stdout: initialize, shutdown, exit.
func TestLSPCommand(t *testing.T) {
	in := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	r := triggerlint(t, in, nil, false, "lsp", "--stdio")
	if r.code != ExitOK || !strings.Contains(r.stdout, `"hoverProvider":true`) || !strings.Contains(r.stdout, `{"jsonrpc":"2.0","id":2,"result":null}`) {
		t.Errorf("lsp: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// The stream ends without shutdown: exit 1 and a message.
	r = triggerlint(t, frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`), nil, false, "lsp")
	if r.code != ExitFindings || !strings.Contains(r.stderr, "the stream ended before shutdown") {
		t.Errorf("lsp without shutdown: exit %d, stderr %q", r.code, r.stderr)
	}
}
