package metaschema_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	v5 "github.com/santhosh-tekuri/jsonschema/v5"
	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/metaschema"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/schema"
)

var update = flag.Bool("update", false, "rewrite docs/trigger-schema.schema.json")

// committed are the copies of the meta-schema in the repository: the
// documented one and the VS Code extension's.
var committed = []string{"../docs/trigger-schema.schema.json", "../editors/vscode/trigger-schema.schema.json"}

// TestCommitted keeps the committed copies equal to Build's output;
// -update rewrites them.
func TestCommitted(t *testing.T) {
	got, err := metaschema.Build(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range committed {
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(old, got) {
			t.Errorf("%s is stale: run go test ./metaschema -run TestCommitted -update", path)
		}
	}
}

func compile(t *testing.T) *v5.Schema {
	t.Helper()
	src, err := metaschema.Build(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	c := v5.NewCompiler()
	c.Draft = v5.Draft7
	if err := c.AddResource(metaschema.ID, bytes.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(metaschema.ID)
	if err != nil {
		t.Fatalf("the meta-schema does not compile as draft-07: %v", err)
	}
	return s
}

func decode(t *testing.T, name string, src []byte) (any, bool) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return nil, false
	}
	return v, true
}

// errorFree reports whether triggerlint finds no error in a document.
func errorFree(t *testing.T, name string, src []byte) bool {
	res, err := lint.Bytes(name, src, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return res.Summary.Errors == 0
}

// TestExamples validates the examples: those triggerlint finds no error in
// validate, the ones it flags with errors do not. A file that is not JSON
// (invoice-due-pasted.json, pasted with no-break spaces) is for the JSON
// parser, not the meta-schema, to refuse.
func TestExamples(t *testing.T) {
	ms := compile(t)
	paths, _ := filepath.Glob("../examples/*.json")
	if len(paths) == 0 {
		t.Fatal("no examples")
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := decode(t, p, src)
		if !ok {
			if _, err := schema.Parse(p, src); err == nil {
				t.Errorf("%s: santhosh cannot decode it but schema.Parse can", p)
			}
			continue
		}
		clean := errorFree(t, p, src)
		err = ms.Validate(v)
		switch {
		case clean && err != nil:
			t.Errorf("%s: triggerlint finds no error, but the meta-schema refuses it: %v", p, err)
		case !clean && err == nil:
			t.Errorf("%s: triggerlint finds errors, but the meta-schema accepts it", p)
		}
	}
}

// TestCleanGoldens validates every input of the rules' clean goldens that
// the whole rule set finds no error in. (A clean golden is clean for its own
// rule; many hold another rule's error on purpose, such as a key "_x" in
// TK2001's, which TK2002 flags.)
func TestCleanGoldens(t *testing.T) {
	ms := compile(t)
	archives, _ := filepath.Glob("../rules/testdata/*/clean.txtar")
	n, all, accepted := 0, 0, 0
	for _, a := range archives {
		eachJSON(t, a, func(name string, src []byte) {
			v, ok := decode(t, name, src)
			if !ok {
				return
			}
			all++
			err := ms.Validate(v)
			if err == nil {
				accepted++
			}
			if !errorFree(t, name, src) {
				return
			}
			n++
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		})
	}
	if n == 0 {
		t.Fatal("no error-free clean golden input")
	}
	t.Logf("%d error-free clean golden inputs validate; %d of all %d clean inputs do", n, accepted, all)
}

// TestRefusedMeansFlagged checks every golden input, clean or flagged: when
// the meta-schema refuses one, triggerlint finds an error in it or a
// keyword outside the dialect (TK1011). The meta-schema is never stricter
// than the linter.
func TestRefusedMeansFlagged(t *testing.T) {
	ms := compile(t)
	archives, _ := filepath.Glob("../rules/testdata/*/*.txtar")
	for _, a := range archives {
		eachJSON(t, a, func(name string, src []byte) {
			v, ok := decode(t, name, src)
			if !ok || ms.Validate(v) == nil {
				return
			}
			res, err := lint.Bytes(name, src, lint.Options{Rules: rules.All()})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.Findings {
				if f.Severity == lint.Error || f.Rule == "TK1011" {
					return
				}
			}
			t.Errorf("%s: the meta-schema refuses it (%v), but triggerlint finds no error in it", name, ms.Validate(v))
		})
	}
}

// flaggedByMetaSchema are rules whose every flagged golden input breaks
// the meta-schema: problems JSON Schema can express.
var flaggedByMetaSchema = []string{
	"TK1002", "TK1003", "TK1006", "TK1010", "TK1011", "TK2001", "TK2002", "TK2003", "TK3001", "TK3002", "TK3007",
	"TK4001", "TK4003", "TK4004", "TK4005", "TK4007", "TK5001", "TK5003", "TK5004", "TK6001", "TK6003",
	"TK7002", "TK7007", "TK7008", "TK7011", "TK8001", "TK8002", "TK8005", "TK8006", "TK8007", "TK8009",
}

// TestFlaggedGoldens checks that a selection of flagged goldens does not
// validate.
func TestFlaggedGoldens(t *testing.T) {
	ms := compile(t)
	for _, id := range flaggedByMetaSchema {
		eachJSON(t, filepath.Join("../rules/testdata", id, "flagged.txtar"), func(name string, src []byte) {
			if strings.Contains(name, ":fixed/") {
				return // the input after the rule's fixes
			}
			v, ok := decode(t, name, src)
			if !ok {
				return // a syntax error: the editor's JSON parser reports it
			}
			if err := ms.Validate(v); err == nil {
				t.Errorf("%s: flagged by %s, but the meta-schema accepts it", name, id)
			}
		})
	}
}

func eachJSON(t *testing.T, archive string, fn func(name string, src []byte)) {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".json") {
			fn(archive+":"+f.Name, f.Data)
		}
	}
}

// TestEveryKeywordDocumented checks that the documentation covers the
// dialect's keywords and names only rules that exist.
func TestEveryKeywordDocumented(t *testing.T) {
	all := rules.All()
	for _, k := range schema.Keywords() {
		d, ok := metaschema.LookupKeyword(k)
		if !ok || d.Summary == "" {
			t.Errorf("keyword %q has no documentation", k)
		}
		for _, id := range d.Rules {
			if lint.Find(all, id) == nil {
				t.Errorf("keyword %q names rule %s, which does not exist", k, id)
			}
		}
	}
	var doc map[string]any
	src, _ := metaschema.Build(all)
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	md := doc["definitions"].(map[string]any)["property1"].(map[string]any)["properties"].(map[string]any)["futureDate"].(map[string]any)["markdownDescription"].(string)
	if !strings.Contains(md, "TK7007 FutureDate is true or absent") || !strings.Contains(md, "Allow scheduled events") {
		t.Errorf("futureDate's markdownDescription lacks the doc of TK7007: %s", md)
	}
}
