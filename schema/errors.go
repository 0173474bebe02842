package schema

import (
	"fmt"
	"sort"
	"strings"
)

// ErrorKind classifies a parse error.
type ErrorKind int

// The kinds of parse error.
const (
	ErrSyntax        ErrorKind = iota + 1 // any other violation of the JSON grammar
	ErrEOF                                // the input ended inside a value
	ErrSpace                              // U+00A0 or another space JSON does not allow, outside a string
	ErrComment                            // a // or /* */ comment
	ErrTrailingComma                      // a comma before } or ]
	ErrSingleQuote                        // a string in single quotes
	ErrMissingColon                       // an object member without ":"
	ErrMissingComma                       // two members or elements without "," between them
	ErrInvalidUTF8                        // bytes that are not UTF-8
	ErrString                             // a control character or bad escape inside a string
	ErrNumber                             // a malformed number
	ErrTrailingData                       // content after the top-level value
	ErrTooDeep                            // nesting deeper than MaxDepth
	ErrRootNotObject                      // a top-level value that is not an object
	ErrEmpty                              // no value at all
	ErrDuplicateKey                       // a key its object has already (Parse lists these in File.Duplicates; generate refuses them)
)

// Error is one parse error at a byte offset of a file.
type Error struct {
	Kind    ErrorKind
	Offset  int      // byte offset of the problem
	Pos     Position // line and column of Offset
	Pointer Pointer  // where in the document the problem is, as far as known
	Msg     string
	// Repairs are the edits that correct a mistake the parser stepped
	// over, against the bytes it read: a comment or trailing comma
	// removed, a single-quoted string or an unquoted key written in double
	// quotes, a missing colon or comma inserted, a no-break space made a
	// space. Applied together they remove the error. Repairs is empty
	// where no single correction is certain (a bad number, an unknown
	// literal, a structure the parser gave up on). The spans never
	// overlap and are in file order.
	Repairs []Repair
}

// Repair replaces the bytes of Span with Text: an insertion when the span
// is empty, a deletion when Text is.
type Repair struct {
	Span Span
	Text string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// ErrorList is a list of parse errors. Its zero value is an empty list.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	b.WriteString(l[0].Error())
	if len(l) == 2 {
		b.WriteString(" (and 1 more error)")
	} else {
		fmt.Fprintf(&b, " (and %d more errors)", len(l)-1)
	}
	return b.String()
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Sort orders the list by offset.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Offset < l[j].Offset })
}

// Unwrap lets errors.Is and errors.As see every error of the list.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
