package schema

import (
	"fmt"
	"strings"
	"testing"
)

// TestPropAndIsRequiredIndexed checks that the index Build makes for long
// "properties" and "required" lists answers as the linear search does: the
// first of duplicate keys, no property for an unknown name, and required
// names that are strings only.
func TestPropAndIsRequiredIndexed(t *testing.T) {
	for _, n := range []int{3, indexMin, 100} {
		var props, req []string
		for i := range n {
			props = append(props, fmt.Sprintf(`"p%d": {"type": "string", "title": "first"}`, i))
			req = append(req, fmt.Sprintf(`"p%d"`, i))
		}
		props = append(props, `"p0": {"type": "string", "title": "second"}`)
		req = append(req, `7`)
		src := `{"type": "object", "properties": {` + strings.Join(props, ", ") + `}, "required": [` + strings.Join(req, ", ") + `]}`
		doc, _ := Load("s.json", []byte(src))
		s := doc.Root
		if p := s.Prop("p0"); p == nil || p.Schema.TitleText() != "first" {
			t.Errorf("%d: Prop(p0) is not the first definition", n)
		}
		if p := s.Prop(fmt.Sprintf("p%d", n-1)); p == nil {
			t.Errorf("%d: Prop of the last property is nil", n)
		}
		if s.Prop("missing") != nil || s.IsRequired("missing") || s.IsRequired("7") {
			t.Errorf("%d: an unknown name is found", n)
		}
		if !s.IsRequired("p0") || !s.IsRequired(fmt.Sprintf("p%d", n-1)) {
			t.Errorf("%d: a required name is not found", n)
		}
	}
}
