package format_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzSource checks, for arbitrary input, that Source never panics and
// that whenever it accepts the input its output parses cleanly, means the
// same (values, numbers by their text, property order) and is a fixed
// point: formatting it again changes no byte.
func FuzzSource(f *testing.F) {
	f.Add([]byte(`{"required": ["a"], "type": "object", "properties": {"a": {"examples": ["x", 1, 1.5e3, true, null, {}, []], "type": "string"}}}`))
	f.Add([]byte(`{"type": "string", "oneOf": [{"title": "A", "const": "a"}, {"const": 1.0}], "x": {"b": 1, "a": [[], [1]]}}`))
	f.Add([]byte("{\"a\\u00e9\\/\": \"\\ud83d\\ude00\", \"n\": -0.0e-0, \"b\": 123456789012345678901234567890}"))
	f.Add([]byte("{\n\u00a0\"a\": 'b', // c\n \"d\": [1,],}"))
	f.Add([]byte(`{"a": 1, "a": 2}`))
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, name := range files {
		if ar, err := txtar.ParseFile(name); err == nil {
			for _, s := range ar.Files {
				f.Add(s.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFormatted(t, "fuzz.json", src)
	})
}
