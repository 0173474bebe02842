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
		checkText(pass, d, "description", "", func() { pass.ReportKey(p.Member, `missing "description"`) })
		if d != nil && d.Value.Kind == schema.String && schema.IsPlaceholder(d.Value.Text) {
			pass.ReportValue(d, `"description" is a placeholder; say what the value means to the people building automations`)
		}
	}
}

// checkText reports a text keyword (title, description) that is missing,
// not a string, or blank. what prefixes the messages ("option "); missing
// reports the absence where it belongs.
func checkText(pass *lint.Pass, m *schema.Member, keyword, what string, missing func()) {
	switch {
	case m == nil:
		missing()
	case m.Value.Kind != schema.String:
		pass.ReportValue(m, `%s%q is %s, want a string`, what, keyword, kindOf(m.Value))
	case isBlank(m.Value.Text):
		pass.ReportValue(m, `%s%q is empty`, what, keyword)
	}
}
