package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// DefaultMatchesProperty checks "default" values as TK3008, TK3009 and
// TK3010 check examples.
var DefaultMatchesProperty = &lint.Rule{
	ID:       "TK3012",
	Name:     "default-matches-property",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Defaults have the property's type, format and options",
		Text: `"default" is tolerated in trigger schemas (jsonschema.net-style generators write one on every
property), and whoever reads it takes it for a valid value. A default has the schema's type, with an object
default's keys declared in "properties" and their values of the nested types; a string default satisfies
the "format"; the default of a property with "oneOf" options is one of their "const" values. The root's
default is checked against the root schema the same way. Jsonschema.net's "default": "" on a uuid, number
or date-time property is flagged: remove it or give a real value.`,
		Bad:    `{"type": "object", "properties": {"quantity": {"type": "integer", "title": "Quantity", "default": ""}, "orderId": {"type": "string", "format": "uuid", "title": "Order ID", "default": ""}}}`,
		Good:   `{"type": "object", "properties": {"quantity": {"type": "integer", "title": "Quantity", "default": 1}, "orderId": {"type": "string", "format": "uuid", "title": "Order ID"}}}`,
		Source: "spec rules 11 and 26-28; S13's generated skeleton",
		Fix:    `As TK3008 for examples: writes a default of the wrong type as its schema's type where the intended value is certain.`,
	},
	Run: func(pass *lint.Pass) error {
		var sets optionSets
		for _, s := range pass.Doc.AllSchemas() {
			if s.Default == nil {
				continue
			}
			exampleValue(s, s.Default.Value, func(s *schema.Schema, v *schema.Node) {
				checkValueType(pass, "default", s, v)
				checkValueFormat(pass, "default", s, v)
				sets.check(pass, "default", s, v)
			})
		}
		return nil
	},
}
