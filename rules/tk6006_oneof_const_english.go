package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// OneOfConstEnglish flags const values that are not plain ASCII.
var OneOfConstEnglish = &lint.Rule{
	ID:       "TK6006",
	Name:     "oneof-const-english",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "String consts are plain English",
		Text: `Option titles are translated into the site's language; "const" values are not, and Wix asks for
them in English. The check is a heuristic: a const with characters outside printable ASCII is flagged.`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Payé", "const": "payé"}]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Payé", "const": "paid"}]}}}`,
		Source: "spec rule 51; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		eachOption(pass.Doc, func(_, o *schema.Schema) {
			if o.Const == nil || o.Const.Value.Kind != schema.String {
				return
			}
			for _, c := range []byte(o.Const.Value.Text) {
				if c < 0x20 || c >= 0x7F {
					pass.ReportValue(o.Const, "const %s is not plain ASCII; const values are not translated, write them in English", show(o.Const.Value))
					return
				}
			}
		})
		return nil
	},
}
