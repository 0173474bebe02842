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

// TestViolationLimitCountsInTheSingular is the regression test of "and 1
// more violations, not listed".
func TestViolationLimitCountsInTheSingular(t *testing.T) {
	v, err := New([]byte(`{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}}}`), &Options{MaxViolations: 2})
	if err != nil {
		t.Fatal(err)
	}
	for payload, want := range map[string]string{
		`{"a": 1, "b": 1, "c": 1}`:         "and 1 more violation, not listed: the limit is 2 per payload",
		`{"a": 1, "b": 1, "c": 1, "d": 1}`: "and 2 more violations, not listed: the limit is 2 per payload",
	} {
		vs := v.Validate([]byte(payload)).Violations
		if len(vs) != 3 || vs[2].Rule != RuleLimit || vs[2].Message != want {
			t.Errorf("%s: got %+v, want the third %q", payload, vs, want)
		}
	}
}
