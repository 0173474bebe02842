package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfConstUnique flags repeated option values and titles.
var OneOfConstUnique = &lint.Rule{
	ID:       "TK6007",
	Name:     "oneof-const-unique",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Options have distinct consts and titles",
		Text: `Two options with the same "const" make the value match both, and JSON Schema's oneOf then refuses
it; two options with the same "title" cannot be told apart in the drop-down.`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Open", "const": "open"}, {"type": "string", "title": "Reopened", "const": "open"}]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Open", "const": "open"}, {"type": "string", "title": "Reopened", "const": "reopened"}]}}}`,
		Source: "spec rule 52",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			switch {
			case len(s.Options) < 2:
				continue
			case len(s.Options) > scanMax:
				uniqueOptionsHashed(pass, s)
				continue
			}
			// Each option against the earlier ones.
			for i, o := range s.Options {
				if o.Const != nil {
					for _, q := range s.Options[:i] {
						if q.Const != nil && sameValue(q.Const.Value, o.Const.Value) {
							pass.ReportValue(o.Const, "const %s is used by an earlier option", show(o.Const.Value))
							break
						}
					}
				}
				if t := o.TitleText(); t != "" {
					for _, q := range s.Options[:i] {
						if q.TitleText() == t {
							pass.ReportValue(o.Title, "title %q is used by an earlier option", cut(t, 60))
							break
						}
					}
				}
			}
		}
		return nil
	},
}

// uniqueOptionsHashed reports the repeated consts and titles of many
// options, by their keys.
func uniqueOptionsHashed(pass *lint.Pass, s *schema.Schema) {
	consts := make(map[string]bool, len(s.Options))
	titles := make(map[string]bool, len(s.Options))
	for _, o := range s.Options {
		if o.Const != nil {
			if k, ok := valueKey(o.Const.Value); ok {
				if consts[k] {
					pass.ReportValue(o.Const, "const %s is used by an earlier option", show(o.Const.Value))
				}
				consts[k] = true
			}
		}
		if t := o.TitleText(); t != "" {
			if titles[t] {
				pass.ReportValue(o.Title, "title %q is used by an earlier option", cut(t, 60))
			}
			titles[t] = true
		}
	}
}
