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
exactly "fileName" and "downloadUrl", and a uri string whose key ends in "image" or "imageUrl" are flagged
when they have no wixCustomType. ORDER_ID makes automations offer eCommerce order actions (payment
requests, order updates), which are wrong on a Pricing Plans, Bookings or Restaurants order, so a key name
is not evidence enough: a uuid string whose key ends in "orderId" is flagged only when the schema says its
payloads are about eCommerce, through a 1st-level "entityFqdn" property whose const, default, examples or
oneOf values all name a wix.ecom or wix.stores entity ("wix.ecom.v1.order"). schemagen sets ORDER_ID by the
same rule.`,
		Bad: `{"type": "object", "properties": {"price": {"type": "object", "title": "Price",
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Good: `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
  "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}}}}}`,
		Source: "spec rule 77",
	},
	Run: func(pass *lint.Pass) error {
		ecom := ecomEvidence(pass.Doc)
		for _, p := range defined(pass.Doc) {
			s := p.Schema
			if p.Level() != 1 || s.WixCustomType != nil {
				continue
			}
			if c := suggestCustomType(p); c != "" && (c != "ORDER_ID" || ecom) {
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
	switch s.TypeName() {
	case "object":
		// The custom object types have a few members: their names fit on
		// the stack.
		var buf [8]string
		names := buf[:0]
		if len(s.Props) > len(buf) {
			names = make([]string, 0, len(s.Props))
		}
		for _, c := range s.Props {
			names = append(names, c.Name)
		}
		return schema.ShapedLike(names...)
	case "string":
		switch {
		case s.FormatName() == "uri" && (normKeyHasSuffix(p.Name, "image") || normKeyHasSuffix(p.Name, "imageurl")):
			return "IMAGE_URL"
		case s.FormatName() == "uuid" && normKeyHasSuffix(p.Name, "orderid"):
			return "ORDER_ID"
		}
	}
	return ""
}

// ecomEvidence reports whether a schema says its payloads are about an
// eCommerce entity: it has a 1st-level entityFqdn property, and every
// value its const, default, examples and oneOf consts show (one at least)
// names a wix.ecom or wix.stores entity. The generator reads the samples'
// entityFqdn by the same rule (generate/envelope.go, isEcom).
func ecomEvidence(d *schema.Document) bool {
	if d == nil || d.Root == nil {
		return false
	}
	n := 0 // values seen, all of them ecommerce ones
	ecom := func(v *schema.Node) bool {
		n++
		return v.Kind == schema.String && (strings.HasPrefix(v.Text, "wix.ecom.") || strings.HasPrefix(v.Text, "wix.stores."))
	}
	for _, p := range d.Root.Props {
		if p.Name != "entityFqdn" || p.Schema == nil {
			continue
		}
		s := p.Schema
		if s.Const != nil && !ecom(s.Const.Value) || s.Default != nil && !ecom(s.Default.Value) {
			return false
		}
		if s.Examples != nil && s.Examples.Value.Kind == schema.Array {
			for _, e := range s.Examples.Value.Elems {
				if !ecom(e) {
					return false
				}
			}
		}
		if s.OneOf != nil && s.OneOf.Value.Kind == schema.Array {
			for _, o := range s.OneOf.Value.Elems {
				if c := o.Get("const"); c != nil && !ecom(c.Value) {
					return false
				}
			}
		}
	}
	return n > 0
}
