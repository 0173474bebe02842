package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ObjectNeedsProperties checks that object properties declare properties.
var ObjectNeedsProperties = &lint.Rule{
	ID:       "TK4007",
	Name:     "object-needs-properties",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Object properties declare their properties",
		Text: `A property of type "object" has a non-empty "properties" object: its 2nd-level properties. Nested
"required" is optional. (MONEY and ATTACHMENT objects are checked by TK8002 and TK8005.)`,
		Bad:    `{"type": "object", "properties": {"customer": {"type": "object", "title": "Customer"}}}`,
		Good:   `{"type": "object", "properties": {"customer": {"type": "object", "title": "Customer", "properties": {"name": {"type": "string", "title": "Name"}}}}}`,
		Source: "spec rule 36; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			s := p.Schema
			if s.TypeName() != "object" || s.CustomType() == "MONEY" || s.CustomType() == "ATTACHMENT" {
				continue
			}
			switch pr := s.Properties; {
			case pr == nil:
				pass.ReportKey(p.Member, `object property has no "properties"`)
			case pr.Value.Kind == schema.Object && len(pr.Value.Members) == 0:
				pass.ReportValue(pr, `object property has empty "properties"`)
			}
		}
		return nil
	},
}
