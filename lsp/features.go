package lsp

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/fix"
	"github.com/triggerkit/triggerkit/format"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/metaschema"
	"github.com/triggerkit/triggerkit/schema"
)

// valueKeywords are the keywords whose values hover and completion
// document.
var valueKeywords = [...]string{"type", "format", "wixCustomType", "identityType", "futureDate", "$schema"}

// hover documents the keyword or value under the cursor and the rules of
// the findings there.
func (s *Server) hover(p textDocumentPositionParams) *Hover {
	snap := s.current(p.TextDocument.URI)
	if snap == nil {
		return nil
	}
	src := snap.text.Bytes()
	off := snap.text.Offset(p.Position)
	var parts []string
	var span *[2]int
	f, _ := schema.Parse(docName(p.TextDocument.URI), src)
	if m, onKey, obj := memberAt(f.Root, off); m != nil {
		if _, ok := placeOf(obj.Pointer().Tokens()); ok && schema.IsKeyword(m.Name) {
			if onKey {
				span = &[2]int{m.KeySpan.Start, m.KeySpan.End}
			} else if slices.Contains(valueKeywords[:], m.Name) && m.Value.Kind != schema.Object && m.Value.Kind != schema.Array {
				raw := string(src[m.Value.Span.Start:m.Value.Span.End])
				if doc := metaschema.ValueDoc(m.Name, raw); doc != "" {
					parts = append(parts, fmt.Sprintf("`%s`: %s", raw, doc))
				}
				span = &[2]int{m.Value.Span.Start, m.Value.Span.End}
			}
			if span != nil {
				parts = append(parts, metaschema.KeywordDoc(m.Name, s.opts.Rules))
			}
		}
	}
	seen := map[string]bool{}
	for i, fd := range snap.findings {
		sp := snap.spans[i]
		if off < sp[0] || off > sp[1] || seen[fd.Rule] {
			continue
		}
		seen[fd.Rule] = true
		if span == nil {
			span = &sp
		}
		if r := lint.Find(s.opts.Rules, fd.Rule); r != nil {
			parts = append(parts, metaschema.RuleDoc(r))
		} else {
			parts = append(parts, fmt.Sprintf("%s: %s", fd.Rule, fd.Message))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	h := &Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}}
	r := snap.text.Range(span[0], span[1])
	h.Range = &r
	return h
}

// completion proposes the keywords allowed in the object at the cursor, or
// the values of the keyword whose value is at the cursor.
func (s *Server) completion(p textDocumentPositionParams) CompletionList {
	list := CompletionList{Items: []CompletionItem{}}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	var text *Text
	if d != nil {
		text = d.text
	}
	s.mu.Unlock()
	if text == nil {
		return list
	}
	src := text.Bytes()
	off := text.Offset(p.Position)
	c := scanCursor(src, off)
	if !c.ok || !c.object {
		return list
	}
	place, ok := placeOf(c.path)
	if !ok {
		return list
	}
	// The text the proposal replaces: the string being typed, its closing
	// quote included, or the word before the cursor.
	start, end := off, off
	if c.quote >= 0 {
		start = c.quote
		if end < len(src) && src[end] == '"' {
			end++
		}
	} else {
		for start > 0 && isWordByte(src[start-1]) {
			start--
		}
	}
	rng := text.Range(start, end)
	if c.inKey {
		present := map[string]bool{}
		for _, k := range c.keys {
			present[k] = true
		}
		for _, k := range keysAfter(src, end) {
			present[k] = true
		}
		for i, k := range metaschema.Allowed(place) {
			if present[k] {
				continue
			}
			kd, _ := metaschema.LookupKeyword(k)
			newText := fmt.Sprintf("%q", k)
			list.Items = append(list.Items, CompletionItem{
				Label:         k,
				Kind:          completionProperty,
				Detail:        plainLine(kd.Summary),
				Documentation: &MarkupContent{Kind: "markdown", Value: metaschema.KeywordDoc(k, s.opts.Rules)},
				FilterText:    newText,
				SortText:      fmt.Sprintf("%02d", i),
				TextEdit:      &TextEdit{Range: rng, NewText: newText},
			})
		}
		return list
	}
	for i, v := range metaschema.ValuesAt(place, c.key) {
		item := CompletionItem{
			Label:         v.JSON,
			Kind:          completionValue,
			Documentation: &MarkupContent{Kind: "markdown", Value: v.Doc},
			FilterText:    v.JSON,
			SortText:      fmt.Sprintf("%02d", i),
			TextEdit:      &TextEdit{Range: rng, NewText: v.JSON},
		}
		if v.Warned {
			item.Detail = "triggerlint warns about it"
		}
		list.Items = append(list.Items, item)
	}
	return list
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '-'
}

// plainLine is the first sentence of a Markdown summary without its marks.
func plainLine(md string) string {
	md = strings.NewReplacer("`", "", "**", "").Replace(md)
	if i := strings.Index(md, ". "); i >= 0 {
		return md[:i+1]
	}
	return md
}

// codeActions offers each fix of the findings in the range as a quick fix,
// and every fix of the document at once.
func (s *Server) codeActions(p codeActionParams) []CodeAction {
	actions := []CodeAction{}
	snap := s.current(p.TextDocument.URI)
	if snap == nil {
		return actions
	}
	uri := p.TextDocument.URI
	start, end := snap.text.Offset(p.Range.Start), snap.text.Offset(p.Range.End)
	if want(p.Context.Only, kindQuickFix) {
		for i, f := range snap.findings {
			sp := snap.spans[i]
			if sp[1] < start || sp[0] > end {
				continue
			}
			for _, x := range f.Fixes {
				if findings.ValidateEdits(x.Edits, len(snap.text.Bytes())) != nil {
					continue
				}
				title := x.Message
				if x.Unsafe {
					title += " (check it: an unsafe fix)"
				}
				actions = append(actions, CodeAction{
					Title:       title,
					Kind:        kindQuickFix,
					Diagnostics: []Diagnostic{snap.diags[i]},
					IsPreferred: len(f.Fixes) == 1 && !x.Unsafe,
					Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{uri: textEdits(snap.text, x.Edits)}},
				})
			}
		}
	}
	if want(p.Context.Only, kindFixAll) {
		if a := s.fixAll(uri, snap); a != nil {
			actions = append(actions, *a)
		}
	}
	return actions
}

// want reports whether a code action kind is among the kinds asked for:
// all when only is empty; "source" asks for "source.fixAll.triggerlint".
func want(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// fixAll is "fix all" for a document: what `triggerlint fix` does to it
// (the first safe fix of each finding, in rounds until nothing changes),
// as one edit of the bytes that change. It is nil when nothing would.
func (s *Server) fixAll(uri string, snap *snapshot) *CodeAction {
	name := docName(uri)
	l, _, ok := s.linterFor(name)
	if !ok {
		return nil
	}
	src := snap.text.Bytes()
	res, _ := fix.File(name, src, l, fix.Options{})
	if !res.Changed {
		return nil
	}
	edit := replacement(snap.text, src, res.Src)
	return &CodeAction{
		Title: fmt.Sprintf("Fix all triggerlint problems (%d fixes)", res.Total()),
		Kind:  kindFixAll,
		Edit:  &WorkspaceEdit{Changes: map[string][]TextEdit{uri: {edit}}},
	}
}

// replacement is one edit that turns src, the text of text, into out: the
// bytes between their common prefix and suffix, cut on character
// boundaries.
func replacement(text *Text, src, out []byte) TextEdit {
	pre := 0
	for pre < len(src) && pre < len(out) && src[pre] == out[pre] {
		pre++
	}
	suf := 0
	for suf < len(src)-pre && suf < len(out)-pre && src[len(src)-1-suf] == out[len(out)-1-suf] {
		suf++
	}
	for pre > 0 && pre < len(src) && !utf8.RuneStart(src[pre]) {
		pre--
	}
	for suf > 0 && !utf8.RuneStart(src[len(src)-suf]) {
		suf--
	}
	return TextEdit{Range: text.Range(pre, len(src)-suf), NewText: string(out[pre : len(out)-suf])}
}

// formatting lays the document out as triggerlint fmt does (package
// format), as one edit, or none when it is formatted already. A document
// that fmt refuses (a parse error, a duplicate key) gets no edit: its
// diagnostics say why.
func (s *Server) formatting(uri string) []TextEdit {
	snap := s.current(uri)
	if snap == nil {
		return []TextEdit{}
	}
	src := snap.text.Bytes()
	out, err := format.Source(src)
	if err != nil || bytes.Equal(out, src) {
		return []TextEdit{}
	}
	return []TextEdit{replacement(snap.text, src, out)}
}

// textEdits converts byte-offset edits.
func textEdits(text *Text, edits []findings.Edit) []TextEdit {
	out := make([]TextEdit, len(edits))
	for i, e := range edits {
		out[i] = TextEdit{Range: text.Range(e.Start, e.End), NewText: e.NewText}
	}
	return out
}
