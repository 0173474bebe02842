package lsp

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	formatpkg "github.com/triggerkit/triggerkit/format"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

const flagged = `{"type": "object", "properties": {"startsAt": {"type": "string", "title": "S", "format": "date-time", "futureDate": "true"}}, "required": ["startsAt"]}`

// TestDebounce sends ten changes in quick succession and gets one
// publishDiagnostics, for the last version.
func TestDebounce(t *testing.T) {
	c := startServer(t, Options{Rules: rules.All(), Debounce: 100 * time.Millisecond, NoConfig: true})
	c.record = false
	c.initialize()
	c.open("file:///d.json", flagged)
	c.diagnostics()
	for v := 2; v <= 11; v++ {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": "file:///d.json", "version": v},
			"contentChanges": []any{map[string]any{"text": strings.Replace(flagged, `"S"`, `"S`+strings.Repeat("x", v)+`"`, 1)}},
		})
	}
	p := c.diagnostics()
	if p.Version == nil || *p.Version != 11 {
		t.Fatalf("first diagnostics after the changes are for version %v, want 11", p.Version)
	}
	// No second publish follows within the debounce delay.
	time.Sleep(250 * time.Millisecond)
	before := c.published
	c.call("textDocument/hover", at("file:///d.json", Position{0, 1}))
	if c.published != before {
		t.Errorf("%d more publishDiagnostics after the last version's, want none", c.published-before)
	}
	if before != 2 {
		t.Errorf("got %d publishDiagnostics for an open and ten changes, want 2", before)
	}
	c.shutdown()
}

// TestClearedWhenFixed publishes an empty list once the document is fixed.
func TestClearedWhenFixed(t *testing.T) {
	c := startServer(t, Options{Rules: rules.All(), Debounce: -1, NoConfig: true, Select: lint.SelectOptions{
		Toggles: []lint.Toggle{{Pattern: "all", On: false}, {Pattern: "TK7007", On: true}}}})
	c.record = false
	c.initialize()
	c.open("file:///d.json", flagged)
	if p := c.diagnostics(); len(p.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1", len(p.Diagnostics))
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": "file:///d.json", "version": 2},
		"contentChanges": []any{map[string]any{"text": strings.Replace(flagged, `"true"`, `true`, 1)}},
	})
	p := c.diagnostics()
	if len(p.Diagnostics) != 0 {
		t.Fatalf("got %+v after the fix, want no diagnostics", p.Diagnostics)
	}
	raw, _ := json.Marshal(p)
	if !strings.Contains(string(raw), `"diagnostics":[]`) {
		t.Errorf("the empty list is sent as %s, want [] (null does not clear in every client)", raw)
	}
	c.shutdown()
}

// boom is a rule that panics.
var boom = &lint.Rule{
	ID: "ACME1001", Name: "boom", Severity: lint.Error, Since: "0",
	Doc: lint.Doc{Title: "Boom", Text: "Panics.", Bad: "{}", Good: "{}"},
	Run: func(*lint.Pass) error { panic("boom") },
}

// TestRulePanicIsLogged checks that a rule's panic becomes a logged
// internal error while the other rules' diagnostics are published and
// the server keeps serving.
func TestRulePanicIsLogged(t *testing.T) {
	var log syncBuffer
	c := startServer(t, Options{Rules: append([]*lint.Rule{boom}, rules.All()...), Debounce: -1, NoConfig: true, Log: &log})
	c.record = false
	c.initialize()
	c.open("file:///d.json", flagged)
	var lm logMessageParams
	if err := json.Unmarshal(c.await("window/logMessage").Params, &lm); err != nil {
		t.Fatal(err)
	}
	if lm.Type != logError || !strings.Contains(lm.Message, "rule ACME1001: internal error: panic: boom") {
		t.Errorf("logMessage: got %+v", lm)
	}
	p := c.diagnostics()
	found := false
	for _, d := range p.Diagnostics {
		found = found || d.Code == "TK7007"
	}
	if !found {
		t.Errorf("the other rules' diagnostics are lost: %+v", p.Diagnostics)
	}
	if m := c.call("textDocument/hover", at("file:///d.json", Position{0, 2})); m.Error != nil {
		t.Errorf("the server stopped answering: %v", m.Error)
	}
	c.shutdown()
	if !strings.Contains(log.String(), "panic: boom") {
		t.Errorf("the server's log lacks the panic: %q", log.String())
	}
}

// TestFixAll offers one action applying what `triggerlint fix` does: the
// real fixes of TK1008 and TK7007.
func TestFixAll(t *testing.T) {
	c := startServer(t, Options{Rules: rules.All(), Debounce: -1, NoConfig: true})
	c.record = false
	c.initialize()
	doc := `{"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "properties": {"a": {"type": "string", "title": "A", "format": "date-time", "futureDate": "true"}}, "required": ["a"]}`
	c.open("file:///d.json", doc)
	c.diagnostics()
	m := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": "file:///d.json"},
		"range":        Range{Position{0, 0}, Position{0, 0}},
		"context":      map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}},
	})
	var actions []CodeAction
	if err := json.Unmarshal(m.Result, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != kindFixAll {
		t.Fatalf("got %+v, want one fix-all action", actions)
	}
	edits := actions[0].Edit.Changes["file:///d.json"]
	if len(edits) != 1 || actions[0].Title != "Fix all triggerlint problems (2 fixes)" {
		t.Fatalf("fix all: got %q with %d edits, want 2 fixes in one edit", actions[0].Title, len(edits))
	}
	// Apply the edits from the last, as an editor does.
	text := NewText([]byte(doc))
	src := doc
	for i := len(edits) - 1; i >= 0; i-- {
		s, e := text.Offset(edits[i].Range.Start), text.Offset(edits[i].Range.End)
		src = src[:s] + edits[i].NewText + src[e:]
	}
	if !strings.Contains(src, `"futureDate": true`) || !strings.Contains(src, "draft-07") {
		t.Errorf("after fix all: %s", src)
	}
	c.shutdown()
}

// TestFormatting lays a document out as triggerlint fmt does, with one
// edit on a non-ASCII line, and leaves alone a document fmt refuses.
func TestFormatting(t *testing.T) {
	c := startServer(t, Options{Rules: rules.All(), Debounce: -1, NoConfig: true})
	c.record = false
	c.initialize()
	doc := "{\"properties\": {\"amount\": {\"title\": \"Montant \u00e0 payer \U0001F389\", \"type\": \"string\"}}, \"type\": \"object\"}"
	c.open("file:///f.json", doc)
	c.diagnostics()
	format := func(uri string) []TextEdit {
		m := c.call("textDocument/formatting", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"options":      map[string]any{"tabSize": 4, "insertSpaces": true},
		})
		var edits []TextEdit
		if m.Error != nil || json.Unmarshal(m.Result, &edits) != nil {
			t.Fatalf("formatting: %+v", m)
		}
		return edits
	}
	edits := format("file:///f.json")
	if len(edits) != 1 {
		t.Fatalf("got %d edits, want 1", len(edits))
	}
	text := NewText([]byte(doc))
	s, e := text.Offset(edits[0].Range.Start), text.Offset(edits[0].Range.End)
	got := doc[:s] + edits[0].NewText + doc[e:]
	want, err := formatpkg.Source([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("after formatting:\n%s\nwant:\n%s", got, want)
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": "file:///f.json", "version": 2},
		"contentChanges": []any{map[string]any{"text": got}},
	})
	c.diagnostics()
	if edits := format("file:///f.json"); len(edits) != 0 {
		t.Errorf("formatted document: got %d edits, want none", len(edits))
	}
	c.open("file:///bad.json", `{"type": "object", "properties": {},}`)
	c.diagnostics()
	if edits := format("file:///bad.json"); len(edits) != 0 {
		t.Errorf("a trailing comma: got %d edits, want none (fmt refuses it)", len(edits))
	}
	c.shutdown()
}

// TestConfigFiles honours .triggerlint.yaml: a file outside its files gets
// no diagnostics, a file inside gets those of the rules it selects, and an
// ignore entry hides its finding.
func TestConfigFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := "files: [schemas]\nrules:\n  disable: [TK1005]\nignore:\n  - rule: TK3003\n    file: schemas/a.json\n    pointer: /properties/startsAt\n    reason: the description is written in the dashboard\n"
	if err := os.WriteFile(filepath.Join(dir, ".triggerlint.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, Options{Rules: rules.All(), Debounce: -1})
	c.record = false
	c.initialize()
	uri := func(p string) string { return (&url.URL{Scheme: "file", Path: filepath.Join(dir, p)}).String() }
	doc := `{"type": "object", "properties": {"startsAt": {"type": "string", "title": "S", "examples": ["x"]}}}`
	c.open(uri("other/a.json"), doc)
	if p := c.diagnostics(); len(p.Diagnostics) != 0 {
		t.Errorf("a file outside the config's files: got %+v, want none", p.Diagnostics)
	}
	c.open(uri("schemas/a.json"), doc)
	codes := map[string]bool{}
	for _, d := range c.diagnostics().Diagnostics {
		codes[d.Code] = true
	}
	if codes["TK1005"] || codes["TK3003"] {
		t.Errorf("disabled TK1005 or ignored TK3003 reported: %v", codes)
	}
	c.open(uri("schemas/b.json"), doc)
	codes = map[string]bool{}
	for _, d := range c.diagnostics().Diagnostics {
		codes[d.Code] = true
	}
	if !codes["TK3003"] || codes["TK1005"] {
		t.Errorf("schemas/b.json: got %v, want TK3003 (its ignore entry names a.json) and no TK1005", codes)
	}
	c.shutdown()
}

// TestLifecycleErrors answers requests before initialize and after
// shutdown with errors, and returns an ExitError on exit without shutdown.
func TestLifecycleErrors(t *testing.T) {
	c := startServer(t, Options{Rules: rules.All(), NoConfig: true})
	c.record = false
	if m := c.call("textDocument/hover", at("file:///x.json", Position{})); m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Errorf("before initialize: got %+v, want error %d", m, codeServerNotInitialized)
	}
	c.initialize()
	if m := c.call("workspace/symbol", map[string]any{"query": ""}); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: got %+v, want error %d", m, codeMethodNotFound)
	}
	if m := c.call("textDocument/hover", "not an object"); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("bad params: got %+v, want error %d", m, codeInvalidParams)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if _, ok := errorsAs[*ExitError](err); !ok {
			t.Errorf("exit without shutdown: got %v, want *ExitError", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
	}
}

// TestBadFraming ends Serve with a FramingError on a bad Content-Length.
func TestBadFraming(t *testing.T) {
	srv, err := New(Options{Rules: rules.All(), NoConfig: true})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = srv.Serve(strings.NewReader("Content-Length: lots\r\n\r\n{}"), &out)
	if _, ok := errorsAs[*FramingError](err); !ok {
		t.Errorf("got %v, want *FramingError", err)
	}
	err = srv.Serve(strings.NewReader(""), &out)
	if err == nil {
		t.Error("a second Serve on one Server: got nil, want an error")
	}
}

// TestHalfTypedNeverCrashes types a schema one byte at a time, and cuts
// it at random places, asking for hover, completion and code actions at
// every position along the way.
func TestHalfTypedNeverCrashes(t *testing.T) {
	src, err := os.ReadFile("../examples/order-paid.json")
	if err != nil {
		t.Fatal(err)
	}
	src = src[:min(len(src), 700)]
	c := startServer(t, Options{Rules: rules.All(), Debounce: -1, NoConfig: true})
	c.record = false
	c.initialize()
	c.open("file:///h.json", "")
	c.diagnostics()
	rng := rand.New(rand.NewSource(1))
	for n, v := 1, 2; n <= len(src); n, v = n+1+rng.Intn(12), v+1 {
		doc := string(src[:n])
		if rng.Intn(3) == 0 {
			doc += string(src[rng.Intn(len(src)):])
		}
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": "file:///h.json", "version": v},
			"contentChanges": []any{map[string]any{"text": doc}},
		})
		c.diagnostics()
		p := NewText([]byte(doc)).Position(rng.Intn(len(doc) + 1))
		for _, method := range []string{"textDocument/hover", "textDocument/completion"} {
			if m := c.call(method, at("file:///h.json", p)); m.Error != nil {
				t.Fatalf("%s on %q at %+v: %v", method, doc, p, m.Error)
			}
		}
		if m := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": "file:///h.json"},
			"range": Range{p, p}, "context": map[string]any{"diagnostics": []any{}}}); m.Error != nil {
			t.Fatalf("codeAction on %q: %v", doc, m.Error)
		}
	}
	c.shutdown()
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
