package diff

import (
	"errors"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/internal/walk"
)

const fileSchema = `{"type": "object", "title": "T", "properties": {"a": {"type": "string", "title": "A", "description": "d", "examples": ["x"]}}}`

func TestCompareFiles(t *testing.T) {
	changed := strings.Replace(fileSchema, `"title": "A"`, `"title": "B"`, 1)
	v := func(path, src string) FileVersion {
		return FileVersion{Path: path, Name: "v1:" + path, Src: []byte(src)}
	}
	pairs := []FilePair{
		{Old: v("same.json", fileSchema), New: v("same.json", fileSchema)},                                      // unchanged: left out
		{New: v("new.json", fileSchema)},                                                                        // TKD001
		{Old: v("gone.json", fileSchema)},                                                                       // TKD002
		{Old: v("a.json", fileSchema), New: v("b.json", changed)},                                               // TKD003 and the title change
		{Old: v("form.json", fileSchema), New: FileVersion{Path: "form.json.bak", Outside: true}},               // left the gate: TKD002
		{Old: v("pkg.json", `{"name": "x"}`), New: v("pkg.json", `{"name": "y"}`)},                              // not a schema
		{New: v("token.json", "ghp_secret\n")},                                                                  // not JSON: not quoted
		{Old: FileVersion{Path: "x.txt", Outside: true, Src: []byte(fileSchema)}, New: v("x.json", fileSchema)}, // moved in
	}
	results, errs := CompareFiles(pairs)
	var got []string
	for _, r := range results {
		for _, c := range r.Changes {
			got = append(got, c.Kind.ID+" "+c.Side.String()+" "+c.Message)
		}
	}
	want := []string{
		"TKD001 new new schema file",
		"TKD002 old schema file deleted: automations built on this trigger lose its payload",
		"TKD003 new schema file moved from v1:a.json",
		`TKD501 new title of "a" changed from "A" to "B"`,
		"TKD002 old schema file moved to form.json.bak, outside the schemas checked: automations built on this trigger lose its payload",
		"TKD003 new schema file moved from x.txt",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var pe *ParseError
	if len(errs) != 1 || !errors.As(errs[6], &pe) || !pe.NotJSON || strings.Contains(errs[6].Error(), "ghp") {
		t.Errorf("errors: %v", errs)
	}
}

func TestLooksLikeSchema(t *testing.T) {
	for src, want := range map[string]bool{
		fileSchema: true, `{"name": "app"}`: false, `{"$schema": "x"}`: true, `{,`: true,
		// tsconfig.json has comments: judged by its recovered root, as lint's walk does.
		"{\n  // the compiler\n  \"compilerOptions\": {\"strict\": true},\n}\n": false,
	} {
		if got := LooksLikeSchema([]byte(src)); got != want {
			t.Errorf("LooksLikeSchema(%s) = %v", src, got)
		}
	}
	if LooksLikeSchema(nil) {
		t.Error("nil is a schema")
	}
}

// TestLooksLikeSchemaScanAgreesWithParser checks the one-scan test of
// valid JSON against the parser's judgement, walk.IsSchema, on valid and
// broken texts: both say the same of every one.
func TestLooksLikeSchemaScanAgreesWithParser(t *testing.T) {
	for _, src := range []string{
		fileSchema, `{"name": "x"}`, `{}`, `{"$schema": 1}`, `{"typ\u0065": "object"}`, `{"a": {"type": "object"}}`,
		`{"a": [{"properties": {}}], "b": 1}`, `{"a": 1, "properties": {}}`, `{"x": "\u00e9", "y": [1, 2, {"z": null}]}`,
		` {"type": 1} `, "\xef\xbb\xbf{\"type\": 1}", `{"type": 1} x`, `{"type": 1,}`, `{"a": 1 // c
}`, `{"a": "` + "\xff" + `", "type": 1}`, `{"name": "x"`, `[{"type": 1}]`, `{"type": 1}{}`, `{"a":` + strings.Repeat("[", 20000) + `}`,
		`{"pro\"perties": 1}`, `{"\u0024schema": true}`,
	} {
		want, _ := walk.IsSchema([]byte(src))
		if !startsLikeJSON([]byte(src)) {
			want = true
		}
		if got := LooksLikeSchema([]byte(src)); got != want {
			t.Errorf("LooksLikeSchema(%.60q) = %v, the parser says %v", src, got, want)
		}
	}
}
