package schema

import (
	"errors"
	"testing"
)

// TestUnreadableRootIsNotAlsoNotAnObject is the regression test of
// `printf x | triggerlint lint -` reporting "root is an invalid, want an
// object" besides the real error: a root that is no value has the one
// error that says why, and a root that is a value but no object still
// gets "root is ..., want an object".
func TestUnreadableRootIsNotAlsoNotAnObject(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind ErrorKind
		msg  string
	}{
		{"x", ErrSyntax, `invalid literal "x"; JSON literals are true, false and null`},
		{"True", ErrSyntax, `invalid literal "True"; JSON literals are lower case`},
		{"01", ErrNumber, `invalid number "01": leading zeros are not allowed`},
		{"-", ErrNumber, `invalid number "-": a number needs a digit after its minus sign`},
		{"true", ErrRootNotObject, "root is a boolean, want an object"},
		{"1", ErrRootNotObject, "root is a number, want an object"},
	} {
		_, err := Parse("x.json", []byte(tc.in))
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("%q: got %v, want an ErrorList", tc.in, err)
		}
		if len(list) != 1 || list[0].Kind != tc.kind || list[0].Msg != tc.msg {
			t.Errorf("%q: got %v, want the one error %q", tc.in, list, tc.msg)
		}
	}
}

// TestErrorListCountsInTheSingular is the regression test of "(and 1 more
// errors)".
func TestErrorListCountsInTheSingular(t *testing.T) {
	e := &Error{Pos: Position{Line: 1, Column: 1}, Msg: "m"}
	for n, want := range map[int]string{
		1: "1:1: m",
		2: "1:1: m (and 1 more error)",
		3: "1:1: m (and 2 more errors)",
	} {
		l := make(ErrorList, n)
		for i := range l {
			l[i] = e
		}
		if got := l.Error(); got != want {
			t.Errorf("%d errors: got %q, want %q", n, got, want)
		}
	}
}
