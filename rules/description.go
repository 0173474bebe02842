package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// checkDescriptions reports properties of one level without a usable
// description.
func checkDescriptions(pass *lint.Pass, level int) {
	for _, p := range defined(pass.Doc) {
		if p.Level() != level {
			continue
		}
		d := p.Schema.Description
		switch {
		case d == nil:
			pass.ReportKey(p.Member, `missing "description"`)
		case d.Value.Kind != schema.String:
			pass.ReportValue(d, `"description" is %s, want a string`, kindOf(d.Value))
		case isBlank(d.Value.Text):
			pass.ReportValue(d, `"description" is empty`)
		}
	}
}
