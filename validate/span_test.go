package validate

import "testing"

// TestSyntaxSpanCoversTheWholeCharacter: a syntax violation at a
// multi-byte character used to end one byte in, inside the character (a
// no-break space is two bytes, a byte order mark three), for payloads and
// request bodies alike.
func TestSyntaxSpanCoversTheWholeCharacter(t *testing.T) {
	v, err := New([]byte(`{"type": "object", "properties": {"a": {"type": "string", "title": "A"}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name       string
		violations []Violation
		start, end int
	}{
		{"payload, no-break space", v.Validate([]byte("{\u00a0}")).Violations, 1, 3},
		{"request, byte order mark", func() []Violation { _, r := v.ValidateRequest([]byte("\ufeff{}"), KindAuto); return r.Violations }(), 0, 3},
		{"request, no-break space", func() []Violation {
			_, r := v.ValidateRequest([]byte("{\u00a0\"triggerKey\": \"k\"}"), KindReport)
			return r.Violations
		}(), 1, 3},
	} {
		if len(tt.violations) == 0 || tt.violations[0].Rule != RuleSyntax {
			t.Errorf("%s: got %+v, want a syntax violation", tt.name, tt.violations)
			continue
		}
		if got := tt.violations[0]; got.Offset != tt.start || got.End != tt.end {
			t.Errorf("%s: span %d..%d, want %d..%d", tt.name, got.Offset, got.End, tt.start, tt.end)
		}
	}
}
