package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ItemsPropertiesMisplaced flags items and properties where they mean
// nothing.
var ItemsPropertiesMisplaced = &lint.Rule{
	ID:       "TK4008",
	Name:     "items-properties-misplaced",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Items and properties only where the type uses them",
		Text: `"items" is used only by array properties and "properties" only by objects (and array items); on
other types they are ignored, which usually means the "type" is wrong.`,
		Bad:    `{"type": "object", "properties": {"tags": {"type": "string", "title": "Tags", "items": {"type": "object"}}}}`,
		Good:   `{"type": "object", "properties": {"tags": {"type": "string", "title": "Tags"}}}`,
		Source: "spec rule 37; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			t := s.TypeName()
			if t == "" || !schema.IsType(t) {
				continue
			}
			if s.Items != nil && t != "array" {
				pass.ReportKey(s.Items, `"items" on %s property is ignored`, withArticle(t))
			}
			if s.Properties != nil && t != "object" {
				pass.ReportKey(s.Properties, `"properties" on %s property is ignored`, withArticle(t))
			}
		}
		return nil
	},
}
