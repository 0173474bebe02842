package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// suiteCase is one string case of the JSON-Schema-Test-Suite's
// optional/format files.
type suiteCase struct {
	file, format, desc, data string
	valid                    bool
}

// suiteFormats are the formats whose test-suite files are vendored.
var suiteFormats = []string{"email", "date-time", "date", "time", "uuid", "uri"}

// loadSuite reads every string case of the vendored test-suite files under
// root (testdata/json-schema-test-suite, vendored from
// github.com/json-schema-org/JSON-Schema-Test-Suite at commit
// 44401e0c046704b476ec9d2e2fccdaee618f259d; see its LICENSE there). Cases
// whose data is not a string test the "formats ignore other types" rule of
// JSON Schema, which the format checks, taking strings, have no part in.
func loadSuite(t testing.TB, root string) []suiteCase {
	t.Helper()
	var cases []suiteCase
	for _, draft := range []string{"draft7", "draft2020-12"} {
		for _, format := range suiteFormats {
			file := filepath.Join(root, "tests", draft, "optional", "format", format+".json")
			src, err := os.ReadFile(file)
			if os.IsNotExist(err) && draft == "draft7" && format == "uuid" {
				continue // uuid came with draft 2019-09
			}
			if err != nil {
				t.Fatal(err)
			}
			var groups []struct {
				Tests []struct {
					Description string
					Data        any
					Valid       bool
				}
			}
			if err := json.Unmarshal(src, &groups); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, g := range groups {
				for _, tc := range g.Tests {
					if s, ok := tc.Data.(string); ok {
						cases = append(cases, suiteCase{filepath.Join(draft, format+".json"), format, tc.Description, s, tc.Valid})
					}
				}
			}
		}
	}
	if len(cases) < 300 {
		t.Fatalf("read only %d string cases from %s", len(cases), root)
	}
	return cases
}

// suiteDeviations are the test-suite cases whose verdict triggerkit
// reverses on purpose, by format and value, with the reason.
var suiteDeviations = map[[2]string]string{
	{"time", "12:00:00"}:    "decision 12: the time offset is optional, as in Wix's own examples",
	{"time", "12:00:00.52"}: "decision 12: the time offset is optional, as in Wix's own examples",
}

// TestJSONSchemaTestSuiteFormats runs every string case of the vendored
// JSON-Schema-Test-Suite format files through CheckFormat and through the
// RFC oracles of formats_ref_test.go: both give the suite's verdict except
// for the listed deviations, which give the reverse.
func TestJSONSchemaTestSuiteFormats(t *testing.T) {
	used := map[[2]string]bool{}
	cases := loadSuite(t, "../testdata/json-schema-test-suite")
	for _, tc := range cases {
		want := tc.valid
		if why, ok := suiteDeviations[[2]string{tc.format, tc.data}]; ok {
			want = !want
			used[[2]string{tc.format, tc.data}] = true
			t.Logf("%s: %s: %q is %v (%s)", tc.file, tc.desc, tc.data, want, why)
		}
		if got := CheckFormat(tc.format, tc.data); got != want {
			t.Errorf("%s: %s: CheckFormat(%q, %q) = %v, want %v", tc.file, tc.desc, tc.format, tc.data, got, want)
		}
		if got := refCheckFormat(tc.format, tc.data); got != want {
			t.Errorf("%s: %s: oracle for %s on %q = %v, want %v", tc.file, tc.desc, tc.format, tc.data, got, want)
		}
	}
	for k := range suiteDeviations {
		if !used[k] {
			t.Errorf("deviation %q is no longer in the suite: remove it", k)
		}
	}
	t.Logf("%d string cases", len(cases))
}
