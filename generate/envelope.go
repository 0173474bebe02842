package generate

import (
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// Wix webhooks wrap the entity they are about in an envelope:
//
//	{"id": ..., "entityFqdn": "wix.contacts.v4.contact", "entityId": ...,
//	 "createdEvent": {"entityAsJson": "{\"id\": ..., \"info\": ...}"}}
//
// The generator reads such payloads the way a human would: a string whose
// content is a JSON object (or, at the 1st level, an array) is read as
// that content; and, unless Options.Root selects a part, the members of a
// 1st-level envelope object (envelopeKeys) are read as members of the
// payload itself, so that keys start from the entity while the envelope's
// own fields (entityId, eventTime, entityFqdn) stay at the 1st level. An
// envelope whose only member is an object ("body": {"order": {...}})
// hands on that object the same way. Names taken from an envelope are of
// the second rank (see scope): a name the payload's own members keep
// wins, and the envelope's member is numbered.

// envelopeKeys are the keys of Wix envelopes.
var envelopeKeys = []string{"createdEvent", "updatedEvent", "deletedEvent", "actionEvent", "entity", "entityAsJson", "body", "bodyAsJson", "data", "metadata"}

func isEnvelope(key []byte) bool {
	for _, k := range envelopeKeys {
		if string(key) == k {
			return true
		}
	}
	return false
}

// jsonContent returns the content of the JSON string quoted at src[i] when
// it is a JSON object, or an array and arrays are wanted, with no
// duplicate key: what is read in place of the string. buf is reused; chk
// checks the content and is left holding its table.
func jsonContent(src []byte, i int, arrays bool, buf []byte, chk *checker) (content []byte, start int, ok bool) {
	if i+1 >= len(src) || !(src[i+1] == '{' || arrays && src[i+1] == '[') {
		return buf, 0, false
	}
	end, _, c := jsonscan.String(src, i)
	if c != jsonscan.OK {
		return buf, 0, false
	}
	buf = jsonscan.AppendUnquoted(buf[:0], src[i+1:end-1])
	chk.arrays = arrays
	start, err := chk.checkSample(buf)
	chk.arrays = false
	return buf, start, err == nil
}

// rootStep is one step of Options.Root: a key, or every element of an
// array.
type rootStep struct {
	key  string
	each bool
}

// RootError is an Options.Root that is malformed, or that a sample does
// not have.
type RootError struct {
	Root string // the root asked for
	At   string // the part of it that is missing, or ""
	Msg  string
}

func (e *RootError) Error() string {
	if e.At == "" {
		return fmt.Sprintf("root %q: %s", e.Root, e.Msg)
	}
	return fmt.Sprintf("root %q: at %s: %s", e.Root, e.At, e.Msg)
}

// parseRoot reads a root: keys separated by ".", each followed by any
// number of "[]" for the elements of an array ("events[]",
// "createdEvent.entityAsJson").
func parseRoot(root string) ([]rootStep, error) {
	if root == "" {
		return nil, nil
	}
	var steps []rootStep
	for _, part := range strings.Split(root, ".") {
		key := strings.TrimRight(part, "[]")
		rest := part[len(key):]
		if key == "" || strings.ContainsAny(key, "[]") || len(rest)%2 != 0 || strings.ReplaceAll(rest, "[]", "") != "" {
			return nil, &RootError{Root: root, Msg: fmt.Sprintf("got %q, want keys separated by \".\", each followed by any number of \"[]\"", part)}
		}
		steps = append(steps, rootStep{key: key})
		for range len(rest) / 2 {
			steps = append(steps, rootStep{each: true})
		}
	}
	return steps, nil
}

// rootPath names the first n steps, for messages.
func rootPath(steps []rootStep, n int) string {
	var b strings.Builder
	for _, s := range steps[:n] {
		if s.each {
			b.WriteString("[]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

// selectNodes returns the objects the steps select in a parsed value,
// reading JSON strings as their content unless keep. Each object comes
// with the text it was parsed from.
func selectNodes(v *schema.Node, src []byte, steps []rootStep, root string, keep bool, done int) ([]rootTarget, error) {
	if !keep && v.Kind == schema.String {
		var chk checker
		if c, _, ok := jsonContent(src, v.Span.Start, true, nil, &chk); ok {
			f, err := schema.Parse("json string", c)
			if err == nil {
				v, src = f.Root, c
			}
		}
	}
	if len(steps) == 0 {
		if v.Kind != schema.Object {
			return nil, &RootError{Root: root, At: rootPath(stepsOf(root), done), Msg: "not an object"}
		}
		return []rootTarget{{v, src}}, nil
	}
	st := steps[0]
	if st.each {
		if v.Kind != schema.Array {
			return nil, &RootError{Root: root, At: rootPath(stepsOf(root), done), Msg: "not an array"}
		}
		var out []rootTarget
		for _, e := range v.Elems {
			t, err := selectNodes(e, src, steps[1:], root, keep, done+1)
			if err != nil {
				return nil, err
			}
			out = append(out, t...)
		}
		return out, nil
	}
	if v.Kind != schema.Object {
		return nil, &RootError{Root: root, At: rootPath(stepsOf(root), done), Msg: "not an object"}
	}
	for _, m := range v.Members {
		if m.Name == st.key {
			return selectNodes(m.Value, src, steps[1:], root, keep, done+1)
		}
	}
	return nil, &RootError{Root: root, At: rootPath(stepsOf(root), done+1), Msg: "no such member"}
}

func stepsOf(root string) []rootStep {
	s, _ := parseRoot(root)
	return s
}

type rootTarget struct {
	v   *schema.Node
	src []byte
}

// isEcom reports whether an entityFqdn names an eCommerce entity.
func isEcom(fqdn string) bool {
	return strings.HasPrefix(fqdn, "wix.ecom.") || strings.HasPrefix(fqdn, "wix.stores.")
}
