package rules

import (
	"strconv"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// sameValueByScan is how TK3010 and TK6007 compared values before they
// used valueKey: scalars by text, numbers also by float64 value.
func sameValueByScan(a, b *schema.Node) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.String, schema.Bool, schema.Null:
		return a.Text == b.Text
	case schema.Number:
		if a.Text == b.Text {
			return true
		}
		x, err1 := strconv.ParseFloat(a.Text, 64)
		y, err2 := strconv.ParseFloat(b.Text, 64)
		return err1 == nil && err2 == nil && x == y
	}
	return false
}

// TestValueKeyIsSameValue checks that equal keys are exactly the pairs the
// pairwise comparison found equal, so that the constant-time checks of
// TK3010 and TK6007 give the findings the quadratic ones gave.
func TestValueKeyIsSameValue(t *testing.T) {
	src := `[1, 1.0, 1e0, 10e-1, -0, 0, 0.0, 1e-400, 1e400, 1e400, 2e400, 1.5, "1", "1.0", "", true, false, "true", null, "null", {}, {}, [], [1], 9007199254740993, 9007199254740992]`
	f, err := schema.Parse("v.json", []byte(`{"v": `+src+`}`))
	if err != nil {
		t.Fatal(err)
	}
	vals := f.Root.Members[0].Value.Elems
	for _, a := range vals {
		for _, b := range vals {
			ka, oka := valueKey(a)
			kb, okb := valueKey(b)
			if got, want := oka && okb && ka == kb, sameValueByScan(a, b); got != want {
				t.Errorf("%s vs %s: same key %v, same value %v", a.Text, b.Text, got, want)
			}
		}
	}
}

// TestSameValueIsValueKey checks that sameValue, which the scans of a few
// options use, holds for exactly the pairs with equal valueKeys, which the
// hashes of many options use, so that a schema's findings do not depend on
// how many options it has.
func TestSameValueIsValueKey(t *testing.T) {
	src := `[1, 1.0, 1e0, 10e-1, -0, 0, 0.0, -0.0, 1e-400, 1e400, 1e400, 2e400, -1e400, 1.5, 15e-1, "1", "1.0", "", " ", true, false, "true", "false", null, "null", {}, {}, {"a": 1}, [], [], [1], 9007199254740993, 9007199254740992, 0.1, 1e-1, 100, 1e2]`
	f, err := schema.Parse("v.json", []byte(`{"v": `+src+`}`))
	if err != nil {
		t.Fatal(err)
	}
	vals := f.Root.Members[0].Value.Elems
	for _, a := range vals {
		for _, b := range vals {
			ka, oka := valueKey(a)
			kb, okb := valueKey(b)
			if got, want := sameValue(a, b), oka && okb && ka == kb; got != want {
				t.Errorf("%s vs %s: sameValue %v, same key %v", a.Text, b.Text, got, want)
			}
		}
	}
}
