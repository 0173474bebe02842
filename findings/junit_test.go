package findings

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// TestJUnitGolden holds the JUnit report to its golden files: the fixed
// set of findings failing at error, and a clean file declared with File.
func TestJUnitGolden(t *testing.T) {
	fs := goldenFindings()
	var b bytes.Buffer
	if err := WriteJUnit(&b, fs, goldenSummary(fs), goldenTool, goldenEntries(), JUnitOptions{Fail: Error}); err != nil {
		t.Fatal(err)
	}
	golden(t, "findings.junit.xml", b.Bytes())

	b.Reset()
	j := NewJUnitWriter(&b, goldenTool, goldenEntries(), JUnitOptions{})
	j.File("examples/clean.json")
	if err := j.Finish(Summary{Files: 1}); err != nil {
		t.Fatal(err)
	}
	golden(t, "clean.junit.xml", b.Bytes())
}

// junitSchema is what the Jenkins JUnit schema (junit-10.xsd) allows: for
// each element, its attributes and its child elements in order.
var junitSchema = map[string]struct {
	attrs    []string
	required []string
	children []string
}{
	"testsuites": {attrs: []string{"name", "time", "tests", "failures", "disabled", "errors"}, children: []string{"testsuite"}},
	"testsuite": {attrs: []string{"name", "tests", "failures", "errors", "time", "disabled", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url", "version"},
		required: []string{"name", "tests"}, children: []string{"properties", "testcase", "system-out", "system-err"}},
	"testcase":   {attrs: []string{"name", "assertions", "time", "classname", "status"}, required: []string{"name"}, children: []string{"skipped", "error", "failure", "system-out", "system-err"}},
	"failure":    {attrs: []string{"type", "message"}},
	"skipped":    {attrs: []string{"message"}},
	"system-out": {},
}

// TestJUnitFollowsTheJenkinsSchema decodes the report with encoding/xml and
// checks every element and attribute against junitSchema, the children's
// order, and that the counts add up.
func TestJUnitFollowsTheJenkinsSchema(t *testing.T) {
	fs := goldenFindings()
	var b bytes.Buffer
	if err := WriteJUnit(&b, fs, goldenSummary(fs), goldenTool, goldenEntries(), JUnitOptions{Fail: Warning}); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&b)
	type open struct {
		name string
		last int // index in children of the last child seen
	}
	var stack []open
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			rule, ok := junitSchema[name]
			if !ok {
				t.Fatalf("element %s is not in the schema", name)
			}
			if len(stack) == 0 && name != "testsuites" {
				t.Fatalf("root is %s, want testsuites", name)
			}
			if len(stack) > 0 {
				parent := &stack[len(stack)-1]
				idx := indexOf(junitSchema[parent.name].children, name)
				if idx < 0 || idx < parent.last {
					t.Errorf("%s inside %s out of the schema's order", name, parent.name)
				}
				parent.last = idx
			}
			seen := map[string]bool{}
			for _, a := range tok.Attr {
				if indexOf(rule.attrs, a.Name.Local) < 0 {
					t.Errorf("%s has attribute %s, not in the schema", name, a.Name.Local)
				}
				seen[a.Name.Local] = true
			}
			for _, r := range rule.required {
				if !seen[r] {
					t.Errorf("%s lacks required attribute %s", name, r)
				}
			}
			stack = append(stack, open{name: name})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	var doc junitSuites
	b.Reset()
	WriteJUnit(&b, fs, goldenSummary(fs), goldenTool, goldenEntries(), JUnitOptions{Fail: Warning})
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	tests, failures, skipped := 0, 0, 0
	for _, s := range doc.Suites {
		n, f, k := 0, 0, 0
		for _, c := range s.Cases {
			n++
			if c.Failure != nil {
				f++
			}
			if c.Skipped != nil {
				k++
			}
		}
		if n != s.Tests || f != s.Failures || k != s.Skipped {
			t.Errorf("suite %s: attributes say %d/%d/%d, cases %d/%d/%d", s.Name, s.Tests, s.Failures, s.Skipped, n, f, k)
		}
		tests, failures, skipped = tests+n, failures+f, skipped+k
	}
	// At warning: the two errors, two warnings and the team's warning
	// fail; the suppressed warning is skipped; the info passes.
	if tests != len(fs) || failures != 4 || skipped != 1 || doc.Tests != tests || doc.Failures != failures {
		t.Errorf("got %d tests, %d failures, %d skipped (root %d/%d), want %d, 4, 1", tests, failures, skipped, doc.Tests, doc.Failures, len(fs))
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("a raw control character reached the report")
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
