package rules

import (
	"strings"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// The fixes of the rules. Every fix edits the bytes the parser read, and
// only the bytes it must: a value replaced in place, an entry removed with
// its comma, a member inserted with the spacing of its neighbours. The
// rules that fix run only on files without parse errors (except TK1001,
// whose fixes are the parser's repairs), so the text between the members
// and elements of a container is white space and commas.

// draft07 is the $schema value a fix writes.
const draft07 = "http://json-schema.org/draft-07/schema"

// fixes wraps one fix as a diagnostic's list.
func fixes(f findings.Fix) []findings.Fix { return []findings.Fix{f} }

// replaceValue is a fix that replaces a value with text.
func replaceValue(msg string, n *schema.Node, text string) findings.Fix {
	return lint.Replace(msg, n.Span, text)
}

// removeSpan deletes item i of a container whose items span spans (the
// members of an object, from key to value, or the elements of an array),
// with the comma and white space that separate it from its neighbours:
// up to the next item's start, or for the last item from the end of the
// one before it. The only item goes with all the space inside the
// container.
func removeSpan(container schema.Span, spans []schema.Span, i int) findings.Edit {
	switch {
	case len(spans) == 1:
		return findings.Edit{Start: container.Start + 1, End: container.End - 1}
	case i < len(spans)-1:
		return findings.Edit{Start: spans[i].Start, End: spans[i+1].Start}
	}
	return findings.Edit{Start: spans[i-1].End, End: spans[i].End}
}

// removeElem is a fix that removes element i of an array.
func removeElem(msg string, arr *schema.Node, i int) findings.Fix {
	spans := make([]schema.Span, len(arr.Elems))
	for j, e := range arr.Elems {
		spans[j] = e.Span
	}
	return findings.Fix{Message: msg, Edits: []findings.Edit{removeSpan(arr.Span, spans, i)}}
}

// removeMember is a fix that removes a member of an object.
func removeMember(msg string, obj *schema.Node, m *schema.Member) findings.Fix {
	spans := make([]schema.Span, len(obj.Members))
	at := 0
	for j, x := range obj.Members {
		spans[j] = schema.Span{Start: x.KeySpan.Start, End: x.Value.Span.End}
		if x == m {
			at = j
		}
	}
	return findings.Fix{Message: msg, Edits: []findings.Edit{removeSpan(obj.Span, spans, at)}}
}

// lineIndent returns the spaces and tabs that start the line holding off.
func lineIndent(src []byte, off int) string {
	start := off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// memberSep returns what separates two members of obj in the file's style:
// the white space before its first member ("\n    " when members stand on
// their own lines, "" or " " when they share one), as ", " when it holds no
// line break.
func memberSep(src []byte, obj *schema.Node) string {
	if len(obj.Members) == 0 {
		return " "
	}
	ws := string(src[obj.Span.Start+1 : obj.Members[0].KeySpan.Start])
	if !strings.Contains(ws, "\n") {
		return " "
	}
	return ws
}

// insertMember is a fix that adds the member `"name": value` to an object:
// after the member named after, when there is one, else first. It takes the
// spacing of the object's first member.
func insertMember(msg string, src []byte, obj *schema.Node, after, name, value string) findings.Fix {
	sep := memberSep(src, obj)
	text := schema.Quote(name) + ": " + value
	var e findings.Edit
	switch m := obj.Get(after); {
	case len(obj.Members) == 0:
		e = findings.Edit{Start: obj.Span.Start + 1, End: obj.Span.Start + 1, NewText: text}
	case m != nil:
		e = findings.Edit{Start: m.Value.Span.End, End: m.Value.Span.End, NewText: "," + sep + text}
	default:
		at := obj.Members[0].KeySpan.Start
		e = findings.Edit{Start: at, End: at, NewText: text + "," + sep}
	}
	return findings.Fix{Message: msg, Edits: []findings.Edit{e}}
}

// appendMember is a fix that adds the member `"name": value` after the last
// member of a non-empty object, indented as that member is.
func appendMember(msg string, src []byte, obj *schema.Node, name, value string) findings.Fix {
	last := obj.Members[len(obj.Members)-1]
	sep := memberSep(src, obj)
	if strings.Contains(sep, "\n") {
		sep = "\n" + lineIndent(src, last.KeySpan.Start)
	}
	at := last.Value.Span.End
	return findings.Fix{Message: msg, Edits: []findings.Edit{{Start: at, End: at, NewText: "," + sep + schema.Quote(name) + ": " + value}}}
}

// appendElem is a fix that adds a string to the end of an array of
// strings, separated from the last element as the elements before it are:
// on a line of its own when they stand on theirs.
func appendElem(msg string, src []byte, arr *schema.Node, s string) findings.Fix {
	n := len(arr.Elems)
	if n == 0 {
		at := arr.Span.Start + 1
		return findings.Fix{Message: msg, Edits: []findings.Edit{{Start: at, End: arr.Span.End - 1, NewText: schema.Quote(s)}}}
	}
	last := arr.Elems[n-1]
	sep := ", "
	switch {
	case n >= 2:
		sep = string(src[arr.Elems[n-2].Span.End:last.Span.Start])
	case strings.Contains(string(src[arr.Span.Start+1:last.Span.Start]), "\n"):
		sep = ",\n" + lineIndent(src, last.Span.Start)
	}
	at := last.Span.End
	return findings.Fix{Message: msg, Edits: []findings.Edit{{Start: at, End: at, NewText: sep + schema.Quote(s)}}}
}

// wrap is a fix that puts a value in an array of one element.
func wrap(msg string, n *schema.Node) findings.Fix {
	return findings.Fix{Message: msg, Edits: []findings.Edit{
		{Start: n.Span.Start, End: n.Span.Start, NewText: "["},
		{Start: n.Span.End, End: n.Span.End, NewText: "]"},
	}}
}

// squash lower-cases a name and drops "-", "_" and spaces, so that
// "Date_Time", "datetime" and "date-time" compare equal.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// spelledLike returns the entry of list that s spells with other case or
// punctuation ("datetime" for "date-time", "image-url" for "IMAGE_URL"),
// or "" when there is none or more than one.
func spelledLike(list []string, s string) string {
	want, found := squash(s), ""
	for _, v := range list {
		if squash(v) == want {
			if found != "" {
				return ""
			}
			found = v
		}
	}
	return found
}

// removeEntry is a fix that removes entry i of a schema's "required"
// array, or the whole "required" member when it is the only entry of a
// schema below the root. It is no fix (no edits) for the only entry of the
// root's "required".
func removeEntry(s *schema.Schema, i int) findings.Fix {
	arr := s.Required.Value
	if len(arr.Elems) == 1 {
		if s.Role == schema.RoleRoot {
			// Which properties the payload must have is the author's
			// choice: the root's last entry stays.
			return findings.Fix{}
		}
		return removeMember(`remove "required", whose only entry this is`, s.Node, s.Required)
	}
	return removeElem("remove the entry", arr, i)
}

// someFix wraps a fix as a diagnostic's list, or returns none for a fix
// without edits.
func someFix(f findings.Fix) []findings.Fix {
	if len(f.Edits) == 0 {
		return nil
	}
	return fixes(f)
}
