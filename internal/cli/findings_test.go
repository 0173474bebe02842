package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/findings"
)

// TestSeverityOverrideAppliesToSecondSeverity is the regression test of
// --severity TK5002=error leaving a finding that the rule reports as a
// warning ("format": "hostname" is JSON Schema, but not documented for
// triggers) a warning, with exit 0.
func TestSeverityOverrideAppliesToSecondSeverity(t *testing.T) {
	const schema = `{"type": "object", "required": ["host"], "properties": {
  "host": {"type": "string", "format": "hostname", "title": "Host", "description": "The host.", "examples": ["example.com"]}}}`
	r := triggerlint(t, schema, nil, false, "lint", "--format", "json", "-")
	rep := decodeReport(t, r.stdout)
	if r.code != ExitOK || len(rep.Findings) != 1 || rep.Findings[0].Rule != "TK5002" || rep.Findings[0].Severity != findings.Warning {
		t.Fatalf("without --severity: exit %d, %+v", r.code, rep.Findings)
	}
	r = triggerlint(t, schema, nil, false, "lint", "--format", "json", "--severity", "TK5002=error", "-")
	rep = decodeReport(t, r.stdout)
	if r.code != ExitFindings || len(rep.Findings) != 1 || rep.Findings[0].Severity != findings.Error || rep.Summary.Errors != 1 {
		t.Errorf("--severity TK5002=error: exit %d, %+v, %+v", r.code, rep.Findings, rep.Summary)
	}
}

// TestExplainCoversEveryKindOfID is the regression test of explain answering
// "no rule" for the IDs that validate and diff print.
func TestExplainCoversEveryKindOfID(t *testing.T) {
	for _, tc := range []struct{ arg, want string }{
		{"TK3008", "TK3008 (examples-match-type): Examples have the property's type"},
		{"TK9004", "TK9004 (payload-types): Value does not have the declared type"},
		{"tk9004", "docs/payload-rules.md#tk9004"},
		{"payload-types", "Severity: error. JSON Schema."},
		{"TK9101", "TK9101 (request-shape): Request body does not have the call's shape"},
		{"TKD301", "TKD301 (option-removed): Drop-down option removed"},
		{"TK0001", "TK0001 (stale-ignore): Ignore entry matched nothing"},
		{"stale-accept", "Online: https://github.com/triggerkit/triggerkit#suppressions"},
		{"TKD301", "Severity: breaking (error)."},
		{"option-removed", "docs/changes.md#tkd301"},
	} {
		r := triggerlint(t, "", nil, false, "explain", tc.arg)
		if r.code != ExitOK || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("explain %s: exit %d, want %q in:\n%s%s", tc.arg, r.code, tc.want, r.stdout, r.stderr)
		}
	}
	if r := triggerlint(t, "", nil, false, "explain", "TKD999"); r.code != ExitError || !strings.Contains(r.stderr, `no rule or change "TKD999"`) {
		t.Errorf("explain TKD999: exit %d, %s", r.code, r.stderr)
	}
}

// TestRulesListCoversEveryKindOfID checks that `rules` lists the schema
// rules, the payload and request rules and the change kinds, each once,
// with a URL that works for its kind.
func TestRulesListCoversEveryKindOfID(t *testing.T) {
	r := triggerlint(t, "", nil, false, "rules", "--format", "json")
	var list []struct {
		ID, Name, Severity, Title, URL, Category, Class string
		Optional                                        bool
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != ExitOK {
		t.Fatalf("rules --format json: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	count := map[string]int{}
	ids, names := map[string]bool{}, map[string]bool{}
	for _, e := range list {
		if ids[e.ID] || names[e.Name] {
			t.Errorf("%s %s listed twice", e.ID, e.Name)
		}
		ids[e.ID], names[e.Name] = true, true
		count[e.Category]++
		url := findings.URL(e.ID)
		if e.Category == "other" {
			url = "https://github.com/triggerkit/triggerkit#suppressions" // the stale config entries
		}
		if e.URL != url || e.URL == "" || e.Title == "" || e.Severity == "" {
			t.Errorf("entry %+v", e)
		}
		if (e.Category == "change") != (e.Class != "") {
			t.Errorf("%s: category %s, class %q", e.ID, e.Category, e.Class)
		}
	}
	if count["schema-rule"] < 70 || count["payload-rule"] < 20 || count["change"] < 30 {
		t.Errorf("rules --format json lists %v", count)
	}
	for _, id := range []string{"TK3008", "TK9004", "TK9111", "TKD001", "TKD301", "TK0001", "TK0002"} {
		if !ids[id] {
			t.Errorf("rules --format json lacks %s", id)
		}
	}

	r = triggerlint(t, "", nil, false, "rules")
	for _, want := range []string{
		"Schema rules (triggerlint lint):\nTK1001  error",
		"\nTK9004  error      payload-types",
		"Schema changes (triggerlint diff):\nTKD001  safe",
		"\nTKD301  breaking   option-removed",
		"Config entries (.triggerlint.yaml):\nTK0001  warning    stale-ignore",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("rules lacks %q:\n%s", want, r.stdout)
		}
	}
}

// hostile is a key that would clear the screen, move the cursor home,
// split the line and reverse the text that follows, printed raw.
const hostile = "\x1b[2J\r\n\u202eevil"

// hostileJSON is hostile as a JSON string's content.
var hostileJSON = strings.Trim(mustJSON(hostile), `"`)

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// checkTerminalSafe fails when out holds a character that acts on a
// terminal: a control character other than the newline that ends lines, a
// bidirectional mark or override, or a byte that is not UTF-8.
func checkTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		bad := r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0x061c || r == 0x200e || r == 0x200f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029 ||
			r == utf8.RuneError && !strings.HasPrefix(out[i:], "\uFFFD")
		if bad {
			t.Errorf("%s: raw %U at byte %d in:\n%q", what, r, i, out)
			return
		}
	}
}

// TestTerminalEscapesDoNotReachTheTerminal is the regression test of a
// payload key "\u001b[2J" clearing the screen: a hostile key in a schema
// (lint), a payload (validate), a property (diff) or a sample (schemagen
// notes), and a hostile file name, reach stdout and stderr only escaped, in
// text and in JSON.
func TestTerminalEscapesDoNotReachTheTerminal(t *testing.T) {
	dir := t.TempDir()
	schemaWithKey := `{"type": "object", "required": ["id"], "properties": {
  "id": {"type": "string", "title": "ID", "description": "The ID.", "examples": ["a"]},
  "` + hostileJSON + `": {"type": "string", "title": "Evil", "description": "d", "examples": ["x"]}}}`
	clean := `{"type": "object", "required": ["id"], "properties": {
  "id": {"type": "string", "title": "ID", "description": "The ID.", "examples": ["a"]}}}`
	writeFiles(t, dir, map[string]string{
		"hostile.json":            schemaWithKey,
		"clean.json":              clean,
		"payload.json":            `{"id": "a", "` + hostileJSON + `": 1}`,
		"bad" + hostile + ".json": "{\"a\": ",
	})
	// A file name with the hostile characters, where the file system allows
	// one.
	evilName := filepath.Join(dir, "a"+hostile+".json")
	writeFiles(t, dir, map[string]string{filepath.Base(evilName): schemaWithKey})

	for _, format := range []string{"text", "json"} {
		for _, tc := range []struct {
			name string
			args []string
			rule string
		}{
			{"lint with a schema key", []string{"lint", "--format", format, filepath.Join(dir, "hostile.json")}, "TK2001"},
			{"lint a file name", []string{"lint", "--format", format, evilName}, "TK2001"},
			{"lint a missing file name", []string{"lint", "--format", format, evilName + ".missing"}, ""},
			{"validate with a payload key", []string{"validate", "--format", format, "--schema", filepath.Join(dir, "clean.json"), filepath.Join(dir, "payload.json")}, "TK9007"},
			{"validate a file name", []string{"validate", "--format", format, "--schema", filepath.Join(dir, "clean.json"), evilName}, ""},
			{"validate a missing file name", []string{"validate", "--format", format, "--schema", filepath.Join(dir, "clean.json"), evilName + ".missing"}, ""},
			{"validate a missing schema name", []string{"validate", "--format", format, "--schema", evilName + ".missing", evilName}, ""},
			{"diff with a property key", []string{"diff", "--format", format, filepath.Join(dir, "hostile.json"), filepath.Join(dir, "clean.json")}, "TKD101"},
			{"diff file names", []string{"diff", "--format", format, evilName, filepath.Join(dir, "clean.json")}, "TKD101"},
			{"diff a missing file name", []string{"diff", "--format", format, evilName + ".missing", filepath.Join(dir, "clean.json")}, ""},
			{"diff a file name that does not parse", []string{"diff", "--format", format, filepath.Join(dir, "clean.json"), filepath.Join(dir, "bad"+hostile+".json")}, ""},
			{"explain a hostile ID", []string{"explain", hostile}, ""},
		} {
			r := triggerlint(t, "", nil, false, tc.args...)
			what := tc.name + " (" + format + ")"
			checkTerminalSafe(t, what+" stdout", r.stdout)
			checkTerminalSafe(t, what+" stderr", r.stderr)
			if tc.rule != "" && !strings.Contains(r.stdout, tc.rule) {
				t.Errorf("%s: no %s finding:\n%s\n%s", what, tc.rule, r.stdout, r.stderr)
			}
			if format == "text" && tc.rule != "" {
				// Each finding is one line, the example lines of diff
				// start with spaces, and the summary ends the output.
				for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
					if !strings.HasPrefix(line, filepath.Dir(evilName)) && !strings.HasPrefix(line, "    ") &&
						!strings.HasSuffix(line, " 1 file") {
						t.Errorf("%s: output line split: %q", what, line)
					}
				}
			}
		}
	}

	sample := `{"id": "a", "` + hostileJSON + `": "x"}`
	out, errOut, code := runSchemagen(t, sample, "-")
	if code != ExitOK || !strings.Contains(errOut, "note:") {
		t.Fatalf("schemagen: exit %d, no note:\n%s", code, errOut)
	}
	checkTerminalSafe(t, "schemagen notes", errOut)
	checkTerminalSafe(t, "schemagen stdout", out)
	if strings.Count(errOut, "\n") != strings.Count(errOut, "schemagen: ") {
		t.Errorf("schemagen: a note is split over lines:\n%s", errOut)
	}
}
