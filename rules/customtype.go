package rules

import (
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// orList joins names as "A, B, C or D".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// customTypeIs reports whether name is a custom type of the given JSON type
// and format.
func customTypeIs(name, typ, format string) bool {
	if name == "" {
		return false
	}
	c, ok := schema.LookupCustomTypeHead(name)
	return ok && c.Type == typ && c.Format == format
}

// checkMembers checks the object shape of a custom type: type "object",
// and each of the custom type's members present and, when the table says
// so, required.
func checkMembers(pass *lint.Pass, p *schema.Property, ct schema.CustomType) {
	custom := ct.Name
	s := p.Schema
	if t := s.TypeName(); t != "object" {
		if s.Type == nil {
			pass.ReportKey(p.Member, `%s property has no "type", want "object"`, custom)
		} else {
			pass.ReportValue(s.Type, `%s property has type %s, want "object"`, custom, show(s.Type.Value))
		}
		return
	}
	for _, m := range ct.Members {
		name := m.Name
		if s.Prop(name) == nil {
			if s.Properties != nil {
				pass.ReportKey(s.Properties, `%s property has no %q property`, custom, name)
			} else {
				pass.ReportKey(p.Member, `%s property has no %q property`, custom, name)
			}
			continue
		}
		if m.Required && !s.IsRequired(name) {
			if s.Required != nil {
				pass.ReportValue(s.Required, `%s property does not list %q in "required"`, custom, name)
			} else {
				pass.ReportKey(s.WixCustomType, `%s property does not list %q in "required"`, custom, name)
			}
		}
	}
}
