package lsp

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/rules"
)

// sessionDoc is a flagged schema: a draft-04 $schema (TK1008), and a
// futureDate written "true" (TK7007) on a line whose title holds
// non-ASCII letters, a no-break space and an emoji outside the Basic
// Multilingual Plane, so that the diagnostic's character counts UTF-16
// units, not bytes or runes.
const sessionDoc = `{
  "$schema": "http://json-schema.org/draft-04/schema#",
  "type": "object",
  "properties": {
    "startsAt": {"title": "Début` + "\u00a0" + `🎉", "type": "string", "format": "date-time", "futureDate": "true", "description": "d", "examples": ["2030-01-01T10:00:00Z"]},
    "note": {
      "type": "string",
      "title": "Note",
      "description": "A note",
      "examples": ["x"]
    }
  },
  "required": ["startsAt", "note"]
}
`

const sessionURI = "file:///work/schemas/appointment.json"

// pos returns the LSP position of the n-th occurrence (from 0) of sub in
// text, plus delta bytes.
func pos(text, sub string, n, delta int) Position {
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[off+1:], sub)
		if j < 0 {
			panic("no " + sub)
		}
		off += 1 + j
	}
	return NewText([]byte(text)).Position(off + delta)
}

func at(uri string, p Position) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}
}

// TestSession drives a whole session through JSON-RPC over pipes:
// initialize, didOpen and its diagnostics, hover on a keyword, on a value
// and on a finding, a code action's quick fix applied by an incremental
// didChange, completion of keys in a half-typed document and of values,
// formatting (of a document with a parse error: no edit), didClose, shutdown and exit. The transcript is
// testdata/session.golden.
func TestSession(t *testing.T) {
	c := startServer(t, Options{Rules: rules.All(), Debounce: -1, NoConfig: true, Version: "test"})
	c.initialize()
	c.open(sessionURI, sessionDoc)
	diags := c.diagnostics()

	var fd *Diagnostic
	for i, d := range diags.Diagnostics {
		if d.Code == "TK7007" {
			fd = &diags.Diagnostics[i]
		}
	}
	if fd == nil {
		t.Fatalf("no TK7007 diagnostic in %+v", diags)
	}
	// "true" starts after `    "startsAt": {"title": "Début` (31 units:
	// é is one), the no-break space (1), 🎉 (2), and the rest.
	line := strings.Split(sessionDoc, "\n")[4]
	prefix := line[:strings.Index(line, `"true"`)]
	if want := len([]rune(prefix)) + 1; fd.Range.Start.Character != want || fd.Range.Start.Line != 4 {
		t.Errorf("TK7007 starts at %+v, want line 4 character %d (UTF-16 units)", fd.Range.Start, want)
	}
	if fd.CodeDescription == nil || !strings.HasSuffix(fd.CodeDescription.Href, "rules.md#tk7007") || fd.Severity != severityError {
		t.Errorf("TK7007 diagnostic: got %+v", fd)
	}

	c.call("textDocument/hover", at(sessionURI, pos(sessionDoc, `"futureDate"`, 0, 2)))
	c.call("textDocument/hover", at(sessionURI, pos(sessionDoc, `"date-time"`, 0, 3)))
	c.call("textDocument/hover", at(sessionURI, pos(sessionDoc, `"true"`, 0, 1)))

	m := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": sessionURI},
		"range":        fd.Range,
		"context":      map[string]any{"diagnostics": []Diagnostic{*fd}},
	})
	var actions []CodeAction
	if err := json.Unmarshal(m.Result, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 2 || actions[0].Kind != kindQuickFix || actions[1].Kind != kindFixAll {
		t.Fatalf("code actions: got %+v, want a quick fix and fix all", actions)
	}
	edit := actions[0].Edit.Changes[sessionURI][0]

	// The editor applies the quick fix and sends it as an incremental change.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": sessionURI, "version": 2},
		"contentChanges": []any{map[string]any{"range": edit.Range, "text": edit.NewText}},
	})
	fixed := c.diagnostics()
	for _, d := range fixed.Diagnostics {
		if d.Code == "TK7007" {
			t.Errorf("TK7007 still reported after its fix: %+v", d)
		}
	}
	doc := strings.Replace(sessionDoc, `"futureDate": "true"`, `"futureDate": true`, 1)

	// Half-typed: a key being written in "note".
	half := strings.Replace(doc, `"title": "Note",`, `"title": "Note",`+"\n      \"fu", 1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": sessionURI, "version": 3},
		"contentChanges": []any{map[string]any{"text": half}},
	})
	c.diagnostics()
	m = c.call("textDocument/completion", at(sessionURI, pos(half, "\"fu\n", 0, 3)))
	if labels := completionLabels(t, m); !strings.Contains(labels, " futureDate ") || strings.Contains(labels, " title ") || strings.Contains(labels, " $schema ") {
		t.Errorf("keys at the 1st level with title written: got%s, want futureDate and no title or $schema", labels)
	}

	// A value being written: the format of "note".
	val := strings.Replace(doc, `"title": "Note",`, `"title": "Note", "format": "`, 1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": sessionURI, "version": 4},
		"contentChanges": []any{map[string]any{"text": val}},
	})
	c.diagnostics()
	m = c.call("textDocument/completion", at(sessionURI, pos(val, `"Note", "format": "`, 0, 19)))
	if labels := completionLabels(t, m); !strings.Contains(labels, ` "date-time" `) || !strings.Contains(labels, ` "DECIMAL_VALUE" `) {
		t.Errorf("format values: got%s", labels)
	}

	c.call("textDocument/formatting", map[string]any{
		"textDocument": map[string]any{"uri": sessionURI},
		"options":      map[string]any{"tabSize": 2, "insertSpaces": true},
	})
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": sessionURI}})
	if closed := c.diagnostics(); len(closed.Diagnostics) != 0 {
		t.Errorf("didClose: got %d diagnostics, want none", len(closed.Diagnostics))
	}
	c.shutdown()
	golden(t, "session.golden", c.log.Bytes())
}

// completionLabels returns the labels of a completion result, each
// followed by a space and the first preceded by one.
func completionLabels(t *testing.T, m message) string {
	t.Helper()
	var list CompletionList
	if err := json.Unmarshal(m.Result, &list); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(" ")
	for _, it := range list.Items {
		b.WriteString(it.Label + " ")
	}
	return b.String()
}
