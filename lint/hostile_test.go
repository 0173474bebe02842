package lint

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// KeyError is a team rule's error that names a key of the document, as
// errors with fields do.
type KeyError struct{ Key string }

func (e *KeyError) Error() string { return "cannot check key " + e.Key }

// failingRules are a team's rules that fail on a document, with errors
// that hold its strings: one returns an error naming the first property's
// key, and one offers a fix with no edits whose message is that key.
func failingRules() []*Rule {
	doc := Doc{Title: "Fails", Text: "t", Bad: "{}", Good: "{}"}
	first := func(p *Pass) *schema.Property {
		if ps := p.Doc.Properties(); len(ps) > 0 {
			return ps[0]
		}
		return nil
	}
	return []*Rule{
		{ID: "ACME1001", Name: "error-with-key", Severity: Error, Since: "v1", Doc: doc, Run: func(p *Pass) error {
			if pr := first(p); pr != nil {
				return &KeyError{Key: pr.Name}
			}
			return nil
		}},
		{ID: "ACME1002", Name: "fix-with-key", Severity: Error, Since: "v1", Doc: doc, Run: func(p *Pass) error {
			if pr := first(p); pr != nil {
				p.Report(Diagnostic{Span: pr.KeySpan, Message: "m", Fixes: []findings.Fix{{Message: pr.Name}}})
			}
			return nil
		}},
	}
}

// TestLinterErrorsKeepTheirStrings is the regression test for a Linter
// whose errors changed when the caller reused the bytes it had linted: a
// rule's error, or the *FixError of a rule's bad fix, that held a key of
// the document shared the caller's memory, which the Linter parses without
// copying.
func TestLinterErrorsKeepTheirStrings(t *testing.T) {
	l, err := New(Options{Rules: failingRules()})
	if err != nil {
		t.Fatal(err)
	}
	const src = `{"type": "object", "properties": {"orderId": {"type": "string"}}}`
	check := func(how string, got error, buf []byte) {
		t.Helper()
		var ke *KeyError
		if !errors.As(got, &ke) {
			t.Fatalf("%s: got %v, want a *KeyError", how, got)
		}
		var fe *FixError
		if !errors.As(got, &fe) {
			t.Fatalf("%s: got %v, want a *FixError", how, got)
		}
		before := got.Error()
		for i := range buf {
			buf[i] = '#'
		}
		// Another input on the same Linter reuses its memory.
		l.Bytes("other.json", []byte(`{"properties": {"zzzzzzz": {}}}`))
		if after := got.Error(); after != before || ke.Key != "orderId" || fe.Fix != "orderId" {
			t.Errorf("%s: after the bytes linted were overwritten the error is %q (key %q, fix %q), want %q", how, after, ke.Key, fe.Fix, before)
		}
	}
	buf := []byte(src)
	_, err = l.Bytes("a.json", buf)
	check("Bytes", err, buf)

	buf = []byte(src)
	var got error
	taken := false // next's own: it runs on a goroutine of the stream
	_, serr := l.Stream(context.Background(), func() (Input, bool) {
		if taken {
			return Input{}, false
		}
		taken = true
		return Input{Name: "a.json", Src: buf}, true
	}, func(r FileResult) error {
		got = r.Err
		return nil
	}, StreamOptions{Workers: 1})
	if serr != nil {
		t.Fatal(serr)
	}
	check("Stream", got, buf)
}

// TestLinterAcceptErrorKeepsItsStrings: an Accept test may keep the
// strings of the File it is given, as its doc allows, in the error it
// returns: they stay the same when the caller reuses the bytes of the
// input.
func TestLinterAcceptErrorKeepsItsStrings(t *testing.T) {
	l, err := New(Options{Rules: failingRules()})
	if err != nil {
		t.Fatal(err)
	}
	buf := []byte(`{"kind": "not-a-schema"}`)
	done := false
	var got error
	_, serr := l.Stream(context.Background(), func() (Input, bool) {
		if done {
			return Input{}, false
		}
		done = true
		return Input{Name: "a.json", Src: buf, Accept: func(f *schema.File) error {
			return &KeyError{Key: f.Root.Members[0].Value.Text}
		}}, true
	}, func(r FileResult) error {
		got = r.Err
		return nil
	}, StreamOptions{Workers: 1})
	if serr != nil {
		t.Fatal(serr)
	}
	before := got.Error()
	copy(buf, slices.Repeat([]byte("#"), len(buf)))
	if after := got.Error(); after != before || before != "cannot check key not-a-schema" {
		t.Errorf("after the bytes linted were overwritten the error is %q, want %q", after, before)
	}
}
