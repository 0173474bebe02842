package generate_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/schema"
)

// TestHintsFileMistakesArePositioned is the regression test of
// `hints.json: 1:17:  is number, want generate.Hint` and of
// `json: unknown field "type"` with no position: each mistake in the shape
// of a hints file is a *HintsError at its line and column, saying which
// hint and field in the project's words, with no Go type name.
func TestHintsFileMistakesArePositioned(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"first_name": 5}`, `1:16: hint for "first_name" is a number, want an object`},
		{`{"first_name": [{}]}`, `1:16: hint for "first_name" is an array, want an object`},
		{`{"first_name": "x"}`, `1:16: hint for "first_name" is a string, want an object`},
		{`{"first_name": {"type": "string"}}`, `1:17: unknown field "type" in the hint for "first_name"; want title, description, format, required or wixCustomType`},
		{"{\n  \"a\": {\"titel\": \"A\"}\n}", `2:9: unknown field "titel" in the hint for "a" (did you mean title?); want title, description, format, required or wixCustomType`},
		{`{"a": {"WixCustomType": "MONEY"}}`, `1:8: unknown field "WixCustomType" in the hint for "a" (did you mean wixCustomType?); want title, description, format, required or wixCustomType`},
		{`{"a": {"title": 5}}`, `1:17: title in the hint for "a" is a number, want a string`},
		{`{"a": {"format": true}}`, `1:18: format in the hint for "a" is a boolean, want a string`},
		{`{"a": {"required": "yes"}}`, `1:20: required in the hint for "a" is a string, want true or false`},
		{`[{"a": {}}]`, `1:1: the hints are an array, want an object of key to hint`},
		{`null`, `1:1: the hints are null, want an object of key to hint`},
		{`{"a": {}, "a": {"title": "A"}}`, `1:11: a second hint for "a"; the first is at 1:2`},
		{`{"a": {"title": "A", "title": "B"}}`, `1:22: a second title in the hint for "a"; the first is at 1:8`},
	} {
		_, err := generate.ParseHints([]byte(tc.in))
		var he *generate.HintsError
		if !errors.As(err, &he) || err.Error() != tc.want {
			t.Errorf("%s: got %v, want %q", tc.in, err, tc.want)
			continue
		}
		if strings.Contains(tc.want, "generate.") || he.Pos.String() != strings.SplitN(tc.want, ": ", 2)[0] {
			t.Errorf("%s: position %v", tc.in, he.Pos)
		}
	}
	// Syntax errors are the parser's, positioned too.
	_, err := generate.ParseHints([]byte(`{"a": {"title": "A",}}`))
	var list schema.ErrorList
	if !errors.As(err, &list) || list[0].Pos.String() != "1:20" {
		t.Errorf("trailing comma: got %v", err)
	}
	// What is well formed reads as before; null is a hint or field not given.
	h, err := generate.ParseHints([]byte(`{"a": {"title": "A", "description": "D", "format": "uuid", "required": false, "wixCustomType": "ORDER_ID"}, "b": null, "c": {"title": null, "required": null}}`))
	no := false
	want := generate.Hints{"a": {Title: "A", Description: "D", Format: "uuid", Required: &no, WixCustomType: "ORDER_ID"}, "b": {}, "c": {}}
	if err != nil || !reflect.DeepEqual(h, want) {
		t.Errorf("got %+v, %v; want %+v", h, err, want)
	}
}
