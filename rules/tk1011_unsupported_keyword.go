package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// UnsupportedKeyword flags keywords outside the dialect.
var UnsupportedKeyword = &lint.Rule{
	ID:       "TK1011",
	Name:     "unsupported-keyword",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Keywords are part of the dialect",
		Text: `Trigger schemas use a small part of JSON Schema: type, properties, required, title, description,
examples, format, items, oneOf, const, identityType, futureDate, wixCustomType, $schema,
additionalProperties, default and $id. Other keywords ($ref, definitions, allOf, anyOf, not, if/then/else,
patternProperties, enum, minLength, ...) are not documented for triggers: the dashboard may ignore them or
reject the schema. Use oneOf with const options instead of enum, and write definitions out in place.`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "enum": ["open", "closed"]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "oneOf": [{"type": "string", "title": "Open", "const": "open"}, {"type": "string", "title": "Closed", "const": "closed"}]}}}`,
		Source: "spec rule 11 and decision 9; Wix: The Trigger Payload Schema",
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			for _, m := range s.Unknown {
				if m.Name == "example" {
					continue // TK3007 explains it
				}
				pass.ReportKey(m, "keyword %q is not part of the trigger schema dialect%s", cut(m.Name, 60), keywordHint(m.Name))
			}
		}
		return nil
	},
}

func keywordHint(k string) string {
	switch k {
	case "enum":
		return "; use oneOf with const options"
	case "$ref", "definitions", "$defs":
		return "; write the definition out in place"
	case "allOf", "anyOf", "not", "if", "then", "else":
		return "; write the properties out in one schema"
	case "nullable":
		return "; payload values cannot be null"
	case "hidden", "itemsSelectionConfiguration", "defaultConditionedProperty":
		return "; it is used only by Wix's own triggers"
	case "patternProperties", "dependencies", "dependentRequired", "dependentSchemas", "propertyNames":
		return "; declare every key in properties"
	}
	if f := schema.FoldMatch(schema.Keywords(), k); f != "" {
		return "; keywords are case-sensitive: did you mean \"" + f + "\"?"
	}
	return ""
}
