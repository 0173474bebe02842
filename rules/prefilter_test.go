package rules

import (
	"slices"
	"testing"
)

// TestExamplesMatchFormatPrefilter checks TK3009's early stop in a document
// where no schema has a string format outside futureDate: a format only on
// a member of array items, reached through the 1st-level example, is still
// checked, and a document whose only format is on a futureDate property or
// is not a string gives nothing.
func TestExamplesMatchFormatPrefilter(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{`{"type": "object", "properties": {"lines": {"type": "array", "examples": [[{"id": "A-1"}]],
			"items": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}}}}`,
			[]string{`/properties/lines/examples/0/0/id example "A-1" is not a valid uuid`}},
		{`{"type": "object", "properties": {"at": {"type": "string", "format": "date-time", "futureDate": true, "examples": ["soon"]},
			"n": {"type": "string", "examples": ["x"]}}}`, nil},
		{`{"type": "object", "properties": {"at": {"type": "string", "format": 5, "examples": ["soon"]}}}`, nil},
	} {
		if got := messages(t, ExamplesMatchFormat, tt.src); !slices.Equal(got, tt.want) {
			t.Errorf("%s\nfound %q, want %q", tt.src, got, tt.want)
		}
	}
}
