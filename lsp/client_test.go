package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata")

// client drives a Server through a real JSON-RPC stream over pipes and
// keeps a transcript of every message both ways.
type client struct {
	t      testing.TB
	conn   *conn
	in     chan message
	done   chan error
	nextID int
	log    bytes.Buffer // the transcript
	record bool
	// published counts the publishDiagnostics received.
	published int
}

// startServer serves a new Server over pipes.
func startServer(t testing.TB, opts Options) *client {
	t.Helper()
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &client{t: t, conn: newConn(clientIn, clientOut), in: make(chan message, 64), done: make(chan error, 1), record: true}
	go func() {
		err := srv.Serve(serverIn, serverOut)
		serverOut.Close()
		c.done <- err
	}()
	go func() {
		defer close(c.in)
		for {
			body, err := c.conn.read()
			if err != nil {
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent invalid JSON %q: %v", body, err)
				return
			}
			c.in <- m
		}
	}()
	t.Cleanup(func() { clientOut.Close() })
	return c
}

// note appends a line to the transcript.
func (c *client) note(dir, what string, v any) {
	if !c.record {
		return
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		c.t.Fatal(err)
	}
	fmt.Fprintf(&c.log, "%s %s\n%s\n\n", dir, what, b)
}

// receive returns the next message from the server, recording it.
func (c *client) receive() message {
	c.t.Helper()
	select {
	case m, ok := <-c.in:
		if !ok {
			c.t.Fatal("the server closed the stream")
		}
		if m.Method == "textDocument/publishDiagnostics" {
			c.published++
		}
		switch {
		case m.Method != "":
			c.note("<--", m.Method, m.Params)
		case m.Error != nil:
			c.note("<--", fmt.Sprintf("error #%s", m.ID), m.Error)
		default:
			c.note("<--", fmt.Sprintf("result #%s", m.ID), m.Result)
		}
		return m
	case <-time.After(10 * time.Second):
		c.t.Fatal("no message from the server in 10s")
	}
	return message{}
}

// notify sends a notification.
func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.note("-->", method, params)
	if err := c.conn.write(notification{JSONRPC: "2.0", Method: method, Params: params}); err != nil {
		c.t.Fatal(err)
	}
}

// call sends a request and returns its response, recording the messages
// that come before it.
func (c *client) call(method string, params any) message {
	c.t.Helper()
	c.nextID++
	id := json.RawMessage(fmt.Sprint(c.nextID))
	c.note("-->", fmt.Sprintf("%s #%d", method, c.nextID), params)
	req := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Method  string          `json:"method"`
		Params  any             `json:"params"`
	}{"2.0", id, method, params}
	if err := c.conn.write(req); err != nil {
		c.t.Fatal(err)
	}
	for {
		m := c.receive()
		if m.Method == "" && string(m.ID) == string(id) {
			return m
		}
	}
}

// await returns the next notification of a method, recording the messages
// that come before it.
func (c *client) await(method string) message {
	c.t.Helper()
	for {
		if m := c.receive(); m.Method == method {
			return m
		}
	}
}

// diagnostics waits for the next publishDiagnostics.
func (c *client) diagnostics() PublishDiagnosticsParams {
	c.t.Helper()
	var p PublishDiagnosticsParams
	if err := json.Unmarshal(c.await("textDocument/publishDiagnostics").Params, &p); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// shutdown ends the session properly and checks that Serve returned nil.
func (c *client) shutdown() {
	c.t.Helper()
	if m := c.call("shutdown", nil); m.Error != nil {
		c.t.Fatalf("shutdown: %v", m.Error)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("Serve returned %v after shutdown and exit, want nil", err)
		}
	case <-time.After(10 * time.Second):
		c.t.Fatal("Serve did not return after exit")
	}
}

func (c *client) initialize() {
	c.t.Helper()
	m := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}})
	if m.Error != nil {
		c.t.Fatal(m.Error)
	}
	c.notify("initialized", map[string]any{})
}

func (c *client) open(uri, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "json", "version": 1, "text": text}})
}

// golden compares the transcript with testdata/name; -update rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lsp -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\ngot  %s\nwant %s\n(run go test ./lsp -update and check the diff)", path, i+1, g, w)
			}
		}
	}
}

// errorsAs is errors.As for the tests' error types.
func errorsAs[T error](err error) (T, bool) {
	var target T
	ok := errors.As(err, &target)
	return target, ok
}
