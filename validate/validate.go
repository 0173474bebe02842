package validate

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// seg is one step of the path to the value being checked: a key, as the
// span of its quoted text in the input, or an array index (start < 0).
type seg struct{ start, end int32 }

// maxPath is the length of path kept in the state: enough for the dialect's
// schemas, their array indexes and the undeclared values below them. Deeper
// steps, which only recursive schemas reach, go to state.more.
const maxPath = 24

// state is one validation in progress. It lives on the caller's stack.
type state struct {
	v      *Validator
	src    []byte
	pos    int
	depth  int // open arrays and objects
	viol   []Violation
	base   string // pointer prefix: "" for a payload, "/payload" in a request
	silent bool   // only record whether a JSON Schema check failed
	failed bool
	// schemaOnly is set while a subschema checks a value again in place
	// (allOf, then, ...): the dialect's own rules were applied already.
	schemaOnly bool
	limit      int // the violation cap, 0 for none
	dropped    int // the violations past the cap
	// errorsOnly leaves out the violations below error severity: skipped
	// counts them, as they still take their place under the cap.
	errorsOnly bool
	skipped    int
	droppedSev findings.Severity
	fatal      bool // a syntax error: stop
	now        time.Time
	// wantContact asks the scan of the payload's root object to note where
	// the value of the first member called v.identityKey is (the contact
	// ID): contactRead says the root was read with that hook, contactFound
	// that the member was there, at src[contactStart:contactEnd].
	wantContact, contactRead, contactFound bool
	contactStart, contactEnd               int
	npath                                  int
	path                                   [maxPath]seg
	more                                   []seg     // the path past maxPath
	buf                                    [128]byte // scratch for decoding escaped strings
}

// Validate checks one payload given as JSON bytes. It reads the bytes once,
// builds nothing, and allocates only to describe what it finds. Syntax
// errors stop the scan; everything else is reported and the scan goes on.
func (v *Validator) Validate(payload []byte) Result {
	var s state
	s.v, s.src, s.limit = v, payload, v.limit
	s.payload()
	s.summary(0, len(payload))
	return Result{Violations: s.viol}
}

// ValidateErrors returns what Validate(payload).Errors() returns, without
// describing the violations below error severity: for callers that only
// ask whether a payload is refused, and why.
func (v *Validator) ValidateErrors(payload []byte) []Violation {
	var s state
	s.v, s.src, s.limit, s.errorsOnly = v, payload, v.limit, true
	s.payload()
	s.summary(0, len(payload))
	return Result{Violations: s.viol}.Errors()
}

// ValidateValue checks a Go value, such as a map or a struct, through its
// encoding/json form. The error is the encoding error, if any.
func (v *Validator) ValidateValue(payload any) (Result, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return Result{}, fmt.Errorf("encoding payload: %w", err)
	}
	return v.Validate(b), nil
}

// validateIn checks the payload that is src[start:end] of a larger
// document, with pointers under base and offsets into src.
func (v *Validator) validateIn(src []byte, start, end int, base string) []Violation {
	var s state
	s.v, s.src, s.pos, s.base, s.limit = v, src[:end], start, base, v.limit
	s.payload()
	s.summary(start, end)
	return s.viol
}

// payload checks the whole input as one payload.
func (s *state) payload() {
	s.ws()
	if s.pos >= len(s.src) {
		s.syntax(s.pos, "the payload is empty")
		return
	}
	start := s.pos
	if s.src[s.pos] == '{' {
		s.value(s.v.root, 0)
	} else {
		t := s.skip()
		if !s.fatal {
			s.report(RuleNotObject, start, s.pos, "payload is %s, want an object", describe(t, s.src[start:s.pos]))
		}
	}
	if s.fatal {
		return
	}
	s.ws()
	if s.pos < len(s.src) {
		s.syntax(s.pos, "invalid character "+quoteByte(s.src[s.pos])+" after the payload")
	}
}

// push adds a key to the path.
func (s *state) push(ks, ke int) { s.pushSeg(seg{int32(ks), int32(ke)}) }

func (s *state) pushIndex(i int) { s.pushSeg(seg{-1, int32(i)}) }

func (s *state) pushSeg(g seg) {
	if s.npath < maxPath {
		s.path[s.npath] = g
	} else {
		s.more = append(s.more[:s.npath-maxPath], g)
	}
	s.npath++
}

// keyText decodes the key of a path step.
func (s *state) keyText(g seg) string {
	raw := s.src[g.start+1 : g.end-1]
	return string(jsonscan.AppendUnquoted(make([]byte, 0, len(raw)), raw))
}

// pointer builds the JSON Pointer of the current path.
func (s *state) pointer() string {
	var p schema.Pointer = schema.Pointer(s.base)
	for i := 0; i < s.npath; i++ {
		var g seg
		if i < maxPath {
			g = s.path[i]
		} else {
			g = s.more[i-maxPath]
		}
		if g.start < 0 {
			p = p.AppendIndex(int(g.end))
		} else {
			p = p.Append(s.keyText(g))
		}
	}
	return string(p)
}
