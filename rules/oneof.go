package rules

import (
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// eachOption calls fn for every oneOf option of every schema.
func eachOption(d *schema.Document, fn func(parent, option *schema.Schema)) {
	for _, s := range d.AllSchemas() {
		for _, o := range s.Options {
			fn(s, o)
		}
	}
}

// hasOptions reports whether a schema of the document has oneOf options.
func hasOptions(d *schema.Document) bool {
	for _, s := range d.AllSchemas() {
		if len(s.Options) > 0 {
			return true
		}
	}
	return false
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
// that a value is one of them: by comparing it with each when there are at
// most scanMax options, which allocates nothing, and by their keys when
// there are more, in constant time.
type constSet struct {
	s    *schema.Schema
	n    int             // how many options have a const
	keys map[string]bool // the consts' valueKeys; nil for scanMax options or fewer
}

// optionConsts returns the const values of a schema's oneOf options.
func optionConsts(s *schema.Schema) constSet {
	set := constSet{s: s}
	for _, o := range s.Options {
		if o.Const != nil {
			set.n++
		}
	}
	if len(s.Options) > scanMax {
		set.keys = make(map[string]bool, set.n)
		for _, o := range s.Options {
			if o.Const == nil {
				continue
			}
			if k, ok := valueKey(o.Const.Value); ok {
				set.keys[k] = true
			}
		}
	}
	return set
}

// has reports whether v is one of the consts.
func (c *constSet) has(v *schema.Node) bool {
	if c.keys != nil {
		k, ok := valueKey(v)
		return ok && c.keys[k]
	}
	for _, o := range c.s.Options {
		if o.Const != nil && sameValue(o.Const.Value, v) {
			return true
		}
	}
	return false
}

// list shows the first five consts for a message, then ", ..." when there
// are more.
func (c *constSet) list() string {
	var shown []string
	for _, o := range c.s.Options {
		if o.Const != nil && len(shown) < 5 {
			shown = append(shown, show(o.Const.Value))
		}
	}
	list := strings.Join(shown, ", ")
	if c.n > len(shown) {
		list += ", ..."
	}
	return list
}

// sameValue reports whether two values have the same valueKey, without
// making the keys.
func sameValue(a, b *schema.Node) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.String, schema.Bool:
		return a.Text == b.Text
	case schema.Null:
		return true
	case schema.Number:
		if a.Text == b.Text {
			return true
		}
		x, errx := strconv.ParseFloat(a.Text, 64)
		y, erry := strconv.ParseFloat(b.Text, 64)
		// Numbers that do not fit a float64 are keyed by their text.
		return errx == nil && erry == nil && (x == y || x != x && y != y)
	}
	return false
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
