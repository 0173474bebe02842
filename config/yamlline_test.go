package config

import (
	"regexp"
	"strconv"
	"testing"
)

// TestYAMLLine checks yamlLine against the regular expression it stands
// for, `^yaml: line (\d+): (.*)$`, on messages of the YAML library and
// near misses.
func TestYAMLLine(t *testing.T) {
	re := regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	for _, s := range []string{
		"yaml: line 3: did not find expected key",
		"yaml: line 12: mapping values are not allowed in this context",
		"yaml: line 0: x",
		"yaml: line 7: ",
		"yaml: line 7:",
		"yaml: line : x",
		"yaml: line 1x: y",
		"yaml: line 2: two\nlines",
		"yaml: unmarshal errors:\n  line 4: cannot unmarshal",
		"yaml: line 99999999999999999999: huge",
		" yaml: line 1: lead",
		"yaml: line 5: colon: inside",
		"",
	} {
		line, msg, ok := yamlLine(s)
		m := re.FindStringSubmatch(s)
		if ok != (m != nil) {
			t.Errorf("%q: got ok %v, want %v", s, ok, m != nil)
			continue
		}
		if m == nil {
			continue
		}
		want, _ := strconv.Atoi(m[1])
		if line != want || msg != m[2] {
			t.Errorf("%q: got %d %q, want %d %q", s, line, msg, want, m[2])
		}
	}
}
