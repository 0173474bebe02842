package config

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	if err := c.AddResource(SchemaURL, bytes.NewReader(Schema())); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlToJSON reads YAML into the values encoding/json would give for the
// same document.
func yamlToJSON(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	if v == nil {
		v = map[string]any{}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaValidatesExamples checks that the starting config and the full
// example validate against the shipped JSON Schema.
func TestSchemaValidatesExamples(t *testing.T) {
	s := compileSchema(t)
	full, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var printed bytes.Buffer
	if err := (&Config{}).Print(&printed); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string][]byte{"init": Init(), "full": full, "printed": printed.Bytes()} {
		if err := s.Validate(yamlToJSON(t, src)); err != nil {
			t.Errorf("%s does not validate: %v", name, err)
		}
	}
}

// TestSchemaRefusesWhatParseRefuses checks that the schema, like the
// decoder, refuses the structural mistakes an editor can flag.
func TestSchemaRefusesWhatParseRefuses(t *testing.T) {
	s := compileSchema(t)
	for name, src := range map[string]string{
		"unknown key":       "fail_severity: error\n",
		"unknown rules key": "rules: {enabled: [TK3003]}\n",
		"wrong type":        "files: \"*.json\"\n",
		"missing reason":    "ignore:\n  - rule: TK3003\n",
		"empty reason":      "ignore:\n  - rule: TK3003\n    reason: \" \"\n",
		"bad severity":      "rules: {severity: {TK3003: high}}\n",
		"bad fail-severity": "fail-severity: fatal\n",
		"bad pointer":       "ignore:\n  - {rule: TK3003, pointer: properties/x, reason: r}\n",
		"glob outside":      "exclude: [\"../x/**\"]\n",
		"absolute glob":     "exclude: [\"/x/**\"]\n",
		"override no files": "overrides:\n  - rules: {}\n",
		"accept no change":  "diff: {accept: [{reason: r}]}\n",
		"unknown diff key":  "diff: {allow: []}\n",
	} {
		if err := s.Validate(yamlToJSON(t, []byte(src))); err == nil {
			t.Errorf("%s: the schema accepts %q", name, src)
		}
	}
}

func keysOf(t *testing.T, v any, path ...string) []string {
	t.Helper()
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("schema at %v is not an object", path)
		}
		v = m[p]
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("schema at %v has no object", path)
	}
	if ap, ok := m["additionalProperties"]; !ok || ap != false {
		t.Errorf("schema at %v allows additional properties", path)
	}
	props, _ := m["properties"].(map[string]any)
	var keys []string
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sorted(list []string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}

// TestSchemaKeysAreTheDecodersKeys keeps the shipped schema equal to the
// decoder in the keys of every mapping, each closed to other keys.
func TestSchemaKeysAreTheDecodersKeys(t *testing.T) {
	var doc any
	if err := json.Unmarshal(Schema(), &doc); err != nil {
		t.Fatal(err)
	}
	if id := doc.(map[string]any)["$id"]; id != SchemaURL {
		t.Errorf("$id = %v, want %s", id, SchemaURL)
	}
	for _, tt := range []struct {
		path []string
		want []string
	}{
		{nil, topKeys()},
		{[]string{"definitions", "rules"}, rulesKeys()},
		{[]string{"properties", "overrides", "items"}, overrideKeys()},
		{[]string{"properties", "ignore", "items"}, ignoreKeys()},
		{[]string{"properties", "diff"}, diffKeys()},
		{[]string{"properties", "diff", "properties", "accept", "items"}, acceptKeys()},
	} {
		if got := keysOf(t, doc, tt.path...); !reflect.DeepEqual(got, sorted(tt.want)) {
			t.Errorf("schema at %v has keys %v, the decoder %v", tt.path, got, sorted(tt.want))
		}
	}
}
