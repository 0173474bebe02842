package rules

import "github.com/triggerkit/triggerkit/schema"

// marked returns the property definitions that carry a keyword, found with
// get, in document order.
func marked(d *schema.Document, get func(*schema.Schema) *schema.Member) []*schema.Property {
	var out []*schema.Property
	for _, p := range defined(d) {
		if get(p.Schema) != nil {
			out = append(out, p)
		}
	}
	return out
}

func identityOf(s *schema.Schema) *schema.Member { return s.IdentityType }
func futureOf(s *schema.Schema) *schema.Member   { return s.FutureDate }

// rootRequires reports whether a 1st-level property is in the root's
// "required".
func rootRequires(d *schema.Document, p *schema.Property) bool {
	return d.Root != nil && d.Root.IsRequired(p.Name)
}
