package format_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/triggerkit/triggerkit/format"
	"github.com/triggerkit/triggerkit/schema"
)

// difference returns where the JSON values a and b differ, or "" when they
// are equal: objects as sets of members (their order aside), arrays in
// order, strings by their decoded text and numbers by their exact text.
func difference(a, b *schema.Node) string {
	if a.Kind != b.Kind {
		return fmt.Sprintf("%s: %s, want %s", a.Pointer(), b.Kind, a.Kind)
	}
	switch a.Kind {
	case schema.Object:
		if len(a.Members) != len(b.Members) {
			return fmt.Sprintf("%s: %d members, want %d", a.Pointer(), len(b.Members), len(a.Members))
		}
		byName := make(map[string]*schema.Member, len(b.Members))
		for _, m := range b.Members {
			byName[m.Name] = m
		}
		for _, m := range a.Members {
			o := byName[m.Name]
			if o == nil {
				return fmt.Sprintf("%s: member %q lost", a.Pointer(), m.Name)
			}
			if d := difference(m.Value, o.Value); d != "" {
				return d
			}
		}
	case schema.Array:
		if len(a.Elems) != len(b.Elems) {
			return fmt.Sprintf("%s: %d elements, want %d", a.Pointer(), len(b.Elems), len(a.Elems))
		}
		for i := range a.Elems {
			if d := difference(a.Elems[i], b.Elems[i]); d != "" {
				return d
			}
		}
	default:
		if a.Text != b.Text {
			return fmt.Sprintf("%s: %q, want %q", a.Pointer(), b.Text, a.Text)
		}
	}
	return ""
}

// propertyOrder returns the keys of every "properties" object of a
// document's schemas, in file order, one list per object.
func propertyOrder(f *schema.File) [][]string {
	var out [][]string
	schema.Build(f).Schemas(func(s *schema.Schema) {
		var keys []string
		for _, p := range s.Props {
			keys = append(keys, p.Name)
		}
		out = append(out, keys)
	})
	return out
}

// checkFormatted formats src and, when Source accepts it, checks that the
// output parses cleanly, means what src means, keeps the order of every
// "properties" object and is a fixed point of Source. It reports whether
// Source accepted src.
func checkFormatted(t testing.TB, name string, src []byte) bool {
	t.Helper()
	out, err := format.Source(src)
	if err != nil {
		var fe *format.FormatError
		if !errors.As(err, &fe) || len(fe.Errors) == 0 {
			t.Fatalf("%s: refused with %T %v, want a *FormatError with its problems", name, err, err)
		}
		if f, perr := schema.Parse(name, src); perr == nil && len(f.Duplicates) == 0 {
			t.Fatalf("%s: refused a file that parses cleanly: %v", name, err)
		}
		return false
	}
	before, _ := schema.Parse(name, src)
	after, perr := schema.Parse(name, out)
	if perr != nil || len(after.Duplicates) > 0 {
		t.Fatalf("%s: output does not parse cleanly: %v (%d duplicates)\n%s", name, perr, len(after.Duplicates), out)
	}
	if d := difference(before.Root, after.Root); d != "" {
		t.Fatalf("%s: formatting changed the meaning: %s\n%s", name, d, out)
	}
	if b, a := fmt.Sprint(propertyOrder(before)), fmt.Sprint(propertyOrder(after)); b != a {
		t.Fatalf("%s: property order changed: got %s, want %s", name, a, b)
	}
	again, err := format.Source(out)
	if err != nil {
		t.Fatalf("%s: formatted output refused: %v", name, err)
	}
	if !bytes.Equal(again, out) {
		t.Fatalf("%s: not idempotent\n--- once\n%s--- twice\n%s", name, out, again)
	}
	checkLines(t, name, out)
	return true
}

// checkLines checks the white space rules every output keeps: a final
// newline, no trailing space, indentation in pairs of spaces.
func checkLines(t testing.TB, name string, out []byte) {
	t.Helper()
	if len(out) == 0 || out[len(out)-1] != '\n' {
		t.Fatalf("%s: no final newline", name)
	}
	for i, line := range bytes.Split(out[:len(out)-1], []byte("\n")) {
		if len(line) > 0 && (line[len(line)-1] == ' ' || line[len(line)-1] == '\t') {
			t.Fatalf("%s:%d: trailing white space", name, i+1)
		}
		indent := len(line) - len(bytes.TrimLeft(line, " "))
		if indent%2 != 0 || bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("\t")) {
			t.Fatalf("%s:%d: indentation of %d spaces", name, i+1, indent)
		}
	}
}
