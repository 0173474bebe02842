package validate

import "testing"

// TestSchemaErrorCountsInTheSingular is the regression test of "the schema
// has 1 lint errors".
func TestSchemaErrorCountsInTheSingular(t *testing.T) {
	for n, want := range map[int]string{1: "s.json: the schema has 1 lint error", 2: "s.json: the schema has 2 lint errors"} {
		if got := (&SchemaError{Name: "s.json", Errors: n}).Error(); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
