package validate

import (
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// Violation is one thing wrong with a payload or a request.
type Violation struct {
	// Pointer is the RFC 6901 JSON Pointer of the value in the payload, or
	// in the request body for request validation ("/payload/total").
	Pointer string
	// Offset and End delimit the value in the validated bytes (End is
	// exclusive). For a typed request, they are offsets into the payload's
	// bytes.
	Offset, End int
	Rule        string
	Severity    findings.Severity
	Message     string
	// Key is the key a RuleRequired violation reports missing from the
	// object at Pointer; "" for the other rules.
	Key string
}

// String formats a violation as "/pointer: message (ID)".
func (v Violation) String() string {
	p := v.Pointer
	if p == "" {
		p = "/"
	}
	return fmt.Sprintf("%s: %s (%s)", p, v.Message, v.Rule)
}

// Finding places the violation in a file, between the positions of its
// Offset and End, with its rule's documentation URL.
func (v Violation) Finding(file string, start, end schema.Position) findings.Finding {
	return findings.Finding{
		File: file, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
		Pointer: v.Pointer, Rule: v.Rule, Severity: v.Severity, Message: v.Message, URL: findings.URL(v.Rule),
	}
}

// MissingKey returns the key a RuleRequired violation reports missing from
// the object at its Pointer.
func (v Violation) MissingKey() (string, bool) {
	if v.Rule != RuleRequired {
		return "", false
	}
	return v.Key, true
}

// Result is what a validation found. A valid payload gives an empty result
// and costs no allocation.
type Result struct {
	Violations []Violation // in the order found: the order of the input
}

// Valid reports whether nothing of error severity was found. Warnings do
// not make a payload invalid: Wix accepts it.
func (r Result) Valid() bool {
	for _, v := range r.Violations {
		if v.Severity >= findings.Error {
			return false
		}
	}
	return true
}

// Errors returns the violations of error severity.
func (r Result) Errors() []Violation { return r.filter(true) }

// Warnings returns the violations below error severity.
func (r Result) Warnings() []Violation { return r.filter(false) }

func (r Result) filter(errs bool) []Violation {
	var out []Violation
	for _, v := range r.Violations {
		if (v.Severity >= findings.Error) == errs {
			out = append(out, v)
		}
	}
	return out
}

// Err returns a *ValidationError holding the errors, or nil when the result
// is valid.
func (r Result) Err() error {
	if errs := r.Errors(); len(errs) > 0 {
		return &ValidationError{Violations: errs}
	}
	return nil
}

// ValidationError is the error of an invalid payload or request.
type ValidationError struct {
	Violations []Violation // errors only
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid payload: ")
	for i, v := range e.Violations {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Violations)-3)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.String())
	}
	return b.String()
}
