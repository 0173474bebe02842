package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// suggestFormat reports 1st-level string properties without the format
// that all of their examples have.
func suggestFormat(pass *lint.Pass, format, noun string, check func(string) bool, why string) {
	for _, p := range defined(pass.Doc) {
		s := p.Schema
		if p.Level() != 1 || s.TypeName() != "string" || s.FormatName() == format || s.Examples == nil || s.Examples.Value.Kind != schema.Array {
			continue
		}
		ex := s.Examples.Value.Elems
		all := len(ex) > 0
		for _, e := range ex {
			if e.Kind != schema.String || !check(e.Text) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		if s.Format == nil {
			pass.ReportKey(p.Member, `every example is %s but there is no "format": %q; only with it %s`, noun, format, why)
		} else {
			pass.ReportValue(s.Format, `every example is %s but "format" is %s; only with %q %s`, noun, show(s.Format.Value), format, why)
		}
	}
}
