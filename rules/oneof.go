package rules

import "github.com/triggerkit/triggerkit/schema"

// eachOption calls fn for every oneOf option of every schema.
func eachOption(d *schema.Document, fn func(parent, option *schema.Schema)) {
	d.Schemas(func(s *schema.Schema) {
		for _, o := range s.Options {
			fn(s, o)
		}
	})
}

// optionType is the type an option's const must have: the option's own
// type, else its parent's.
func optionType(parent, option *schema.Schema) string {
	if t := option.TypeName(); t != "" {
		return t
	}
	return parent.TypeName()
}
