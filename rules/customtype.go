package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// customTyped returns the property definitions whose wixCustomType is one
// of names.
func customTyped(d *schema.Document, names ...string) []*schema.Property {
	var out []*schema.Property
	for _, p := range defined(d) {
		if schema.Contains(names, p.Schema.CustomType()) {
			out = append(out, p)
		}
	}
	return out
}

// checkMembers checks the object shape of a custom type: type "object",
// the given string members, all of them required.
func checkMembers(pass *lint.Pass, p *schema.Property, custom string, members ...string) {
	s := p.Schema
	if t := s.TypeName(); t != "object" {
		if s.Type == nil {
			pass.ReportKey(p.Member, `%s property has no "type", want "object"`, custom)
		} else {
			pass.ReportValue(s.Type, `%s property has type %s, want "object"`, custom, show(s.Type.Value))
		}
		return
	}
	for _, name := range members {
		if s.Prop(name) == nil {
			if s.Properties != nil {
				pass.ReportKey(s.Properties, `%s property has no %q property`, custom, name)
			} else {
				pass.ReportKey(p.Member, `%s property has no %q property`, custom, name)
			}
			continue
		}
		if !s.IsRequired(name) {
			if s.Required != nil {
				pass.ReportValue(s.Required, `%s property does not list %q in "required"`, custom, name)
			} else {
				pass.ReportKey(s.WixCustomType, `%s property does not list %q in "required"`, custom, name)
			}
		}
	}
}
