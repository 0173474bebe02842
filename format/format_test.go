package format_test

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/format"
	"github.com/triggerkit/triggerkit/lint/linttest"
	"github.com/triggerkit/triggerkit/schema"
)

// TestGolden formats the "input.json" of each testdata/*.txtar and compares
// the result with its "want.json", or, for a refused input, the problems
// with its "errors" (one per line: kind, line:column, message). Every
// accepted case is also checked for meaning and idempotence, and its want
// must be a fixed point.
func TestGolden(t *testing.T) {
	linttest.Golden(t, "testdata/*.txtar", func(t *testing.T, ar *txtar.Archive) []txtar.File {
		src := linttest.Section(t, ar, "input.json")
		out, err := format.Source(src)
		if err != nil {
			var fe *format.FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("got %T %v, want a *FormatError", err, err)
			}
			if out != nil {
				t.Fatalf("refused input returned %d bytes, want none", len(out))
			}
			var b strings.Builder
			for _, e := range fe.Errors {
				b.WriteString(kindName(e.Kind) + " " + e.Error() + "\n")
			}
			return []txtar.File{{Name: "errors", Data: []byte(b.String())}}
		}
		checkFormatted(t, "input.json", src)
		return []txtar.File{{Name: "want.json", Data: out}}
	})
}

func kindName(k schema.ErrorKind) string {
	switch k {
	case schema.ErrComment:
		return "comment"
	case schema.ErrTrailingComma:
		return "trailing-comma"
	case schema.ErrSingleQuote:
		return "single-quote"
	case schema.ErrSpace:
		return "space"
	case schema.ErrDuplicateKey:
		return "duplicate-key"
	case schema.ErrRootNotObject:
		return "root-not-object"
	case schema.ErrEmpty:
		return "empty"
	case schema.ErrEOF:
		return "eof"
	case schema.ErrMissingComma:
		return "missing-comma"
	case schema.ErrMissingColon:
		return "missing-colon"
	}
	return "syntax"
}

// TestRefusedLeavesSourceAlone checks that Source does not write into the
// slice it is given, accepted or refused.
func TestRefusedLeavesSourceAlone(t *testing.T) {
	for _, src := range []string{
		`{"type": "object", "title": "T", "$schema": "x"}`,
		`{"type": "object", // c` + "\n" + `"title": "T"}`,
	} {
		b := []byte(src)
		_, _ = format.Source(b[:len(b):len(b)])
		if string(b) != src {
			t.Fatalf("source changed to %q", b)
		}
	}
}

// TestDeepNestingRefused is the regression test of the defect where the
// output grew with the square of the input's depth (each level indents its
// lines by two more spaces: 36 KB nested 8,000 deep made 128 MB): nesting
// deeper than MaxDepth is refused at the first value too deep, and
// MaxDepth levels are laid out.
func TestDeepNestingRefused(t *testing.T) {
	nest := func(levels int) []byte {
		inner := levels - 1 // the root is the first level
		return []byte(`{"default": ` + strings.Repeat(`[`, inner) + strings.Repeat(`]`, inner) + `}`)
	}
	if _, err := format.Source(nest(format.MaxDepth)); err != nil {
		t.Fatalf("%d levels refused: %v", format.MaxDepth, err)
	}
	for _, levels := range []int{format.MaxDepth + 1, 8000} {
		out, err := format.Source(nest(levels))
		var fe *format.FormatError
		if !errors.As(err, &fe) || len(fe.Errors) != 1 || fe.Errors[0].Kind != schema.ErrTooDeep {
			t.Fatalf("%d levels: got %d bytes and %v, want one ErrTooDeep", levels, len(out), err)
		}
		if want := 12 + format.MaxDepth - 1; fe.Errors[0].Offset != want {
			t.Fatalf("%d levels: error at offset %d, want %d (the first array too deep)", levels, fe.Errors[0].Offset, want)
		}
	}
}
