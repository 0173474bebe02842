package rules

import (
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

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

// constSet is the const values of a schema's oneOf options, for checking
// that a value is one of them in constant time.
type constSet struct {
	keys map[string]bool
	n    int    // how many options have a const
	list string // the first five consts, for messages
}

// optionConsts returns the const values of a schema's oneOf options.
func optionConsts(s *schema.Schema) *constSet {
	set := &constSet{keys: map[string]bool{}}
	var shown []string
	for _, o := range s.Options {
		if o.Const == nil {
			continue
		}
		set.n++
		if k, ok := valueKey(o.Const.Value); ok {
			set.keys[k] = true
		}
		if len(shown) < 5 {
			shown = append(shown, show(o.Const.Value))
		}
	}
	set.list = strings.Join(shown, ", ")
	if set.n > len(shown) {
		set.list += ", ..."
	}
	return set
}

// has reports whether v is one of the consts.
func (c *constSet) has(v *schema.Node) bool {
	k, ok := valueKey(v)
	return ok && c.keys[k]
}

// valueKey is a scalar's identity for comparing values: two scalars have
// the same key when they are the same value: strings, booleans and null by
// their text, numbers by their float64 value (1, 1.0 and 1e0 are one value;
// a number too large for a float64 by its text). Objects and arrays have
// none: they never match.
func valueKey(v *schema.Node) (string, bool) {
	switch v.Kind {
	case schema.String:
		return "s" + v.Text, true
	case schema.Bool:
		return "b" + v.Text, true
	case schema.Null:
		return "z", true
	case schema.Number:
		x, err := strconv.ParseFloat(v.Text, 64)
		if err != nil {
			return "t" + v.Text, true
		}
		if x == 0 {
			x = 0 // -0 is 0
		}
		return "n" + strconv.FormatFloat(x, 'g', -1, 64), true
	}
	return "", false
}
