package rules

import (
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// CustomTypeSuggest suggests custom types for properties shaped like them.
var CustomTypeSuggest = &lint.Rule{
	ID:       "TK8010",
	Name:     "custom-type-suggest",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Properties shaped like a custom type declare it",
		Text: `Custom types unlock features: MONEY formats prices, ATTACHMENT attaches files to emails, IMAGE_URL
renders images, ORDER_ID enables order actions. A 1st-level object with exactly "value" and "currency", or
exactly "fileName" and "downloadUrl", a uri string whose key ends in "image" or "imageUrl", and a uuid
string whose key ends in "orderId" are flagged when they have no wixCustomType.`,
		Bad: `{"type": "object", "properties": {"price": {"type": "object", "title": "Price",
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Good: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Source: "spec rule 77",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			s := p.Schema
			if p.Level() != 1 || s.WixCustomType != nil {
				continue
			}
			if c := suggestCustomType(p); c != "" {
				pass.ReportKey(p.Member, `%q looks like %s; add "wixCustomType": %q`, cut(p.Name, 60), c, c)
			}
		}
		return nil
	},
}

// suggestCustomType returns the custom type a 1st-level property is shaped
// like, or "".
func suggestCustomType(p *schema.Property) string {
	s := p.Schema
	key := normKey(p.Name)
	switch s.TypeName() {
	case "object":
		names := make([]string, len(s.Props))
		for i, c := range s.Props {
			names[i] = c.Name
		}
		return schema.ShapedLike(names...)
	case "string":
		switch {
		case s.FormatName() == "uri" && (strings.HasSuffix(key, "image") || strings.HasSuffix(key, "imageurl")):
			return "IMAGE_URL"
		case s.FormatName() == "uuid" && strings.HasSuffix(key, "orderid"):
			return "ORDER_ID"
		}
	}
	return ""
}
