package validate

import (
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
)

// TestNestingLimitOfRequests is the regression test of a payload nested
// 600 deep, which passed Validate while ValidateRequest refused it at 512
// levels: payloads and request bodies share jsonscan.MaxDepth.
func TestNestingLimitOfRequests(t *testing.T) {
	v, err := New([]byte(`{}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	syntax := func(r Result) string {
		for _, viol := range r.Violations {
			if viol.Rule == RuleSyntax {
				return viol.Message
			}
		}
		return ""
	}
	request := func(payload string) []byte {
		return []byte(`{"triggerKey":"k","payload":` + payload + `,"externalEntityId":"` + guid + `"}`)
	}
	deep := func(levels int) string {
		return `{"a":` + strings.Repeat("[", levels-1) + strings.Repeat("]", levels-1) + "}"
	}
	for _, levels := range []int{600, jsonscan.MaxDepth - 1} {
		if msg := syntax(v.Validate([]byte(deep(levels)))); msg != "" {
			t.Errorf("payload %d deep: %s", levels, msg)
		}
		if _, r := v.ValidateRequest(request(deep(levels)), KindAuto); syntax(r) != "" {
			t.Errorf("request with a payload %d deep: %s", levels, syntax(r))
		}
	}
	const want = "nesting deeper than 10000 levels"
	if msg := syntax(v.Validate([]byte(deep(jsonscan.MaxDepth + 1)))); msg != want {
		t.Errorf("payload %d deep: %q, want %q", jsonscan.MaxDepth+1, msg, want)
	}
	if _, r := v.ValidateRequest(request(deep(jsonscan.MaxDepth)), KindAuto); syntax(r) != want {
		t.Errorf("request %d deep: %q, want %q", jsonscan.MaxDepth+1, syntax(r), want)
	}
}
