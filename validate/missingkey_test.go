package validate

import "testing"

// TestViolationMissingKeyIsTyped is the regression test for MissingKey
// recovering the key by parsing the violation's message: the key is a field
// set where the violation is made, so it survives a message that is
// reworded, escaped or cut, and keys that quote awkwardly.
func TestViolationMissingKeyIsTyped(t *testing.T) {
	for _, key := range []string{"orderId", "a\"b", "line\nbreak", "\x1b[2J", "é", ""} {
		doc := `{"type": "object", "properties": {"x": {"type": "string", "title": "X"}}, "required": [` + quoteJSON(key) + `]}`
		v, err := New([]byte(doc), nil)
		if err != nil {
			t.Fatalf("%q: %v", key, err)
		}
		res := v.Validate([]byte(`{"x": "a"}`))
		var found bool
		for _, viol := range res.Violations {
			if viol.Rule != RuleRequired {
				continue
			}
			found = true
			if viol.Key != key {
				t.Errorf("%q: Key = %q", key, viol.Key)
			}
			viol.Message = "reworded"
			if got, ok := viol.MissingKey(); !ok || got != key {
				t.Errorf("%q: MissingKey after rewording = %q, %v", key, got, ok)
			}
		}
		if !found {
			t.Errorf("%q: no %s violation in %v", key, RuleRequired, res.Violations)
		}
	}
	other := Violation{Rule: RuleType, Message: `missing required property "x"`}
	if k, ok := other.MissingKey(); ok {
		t.Errorf("MissingKey of a %s violation = %q, true", RuleType, k)
	}
}

// quoteJSON writes s as a JSON string, escaping what JSON needs escaped and
// keeping other bytes as they are.
func quoteJSON(s string) string {
	b := []byte{'"'}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '"'))
}
