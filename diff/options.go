package diff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// options compares the oneOf options of two versions of a property.
func (d *differ) options(o, n *schema.Schema, m *schema.Member, path string) {
	if sameMember(o.OneOf, n.OneOf) && !dupOptions(n) {
		return // no options, or the same written the same
	}
	name := d.label(path)
	switch {
	case o.OneOf == nil:
		c := d.keyword(OptionsAdded, n.OneOf, m, path, fmt.Sprintf("%s is now a drop-down of %s: other values are refused", name, optionList(n)))
		c.probe = probe{appFirst: true}
		return
	case n.OneOf == nil:
		c := d.keyword(OptionsRemoved, nil, m, path, fmt.Sprintf("%s is no longer a drop-down (was %s): automations that chose from the options may get other values", name, optionList(o)))
		c.probe = probe{}
		return
	}
	oldOpts, newOpts := optionMap(o), optionMap(n)
	for _, no := range n.Options {
		key := optionKey(no)
		oo, ok := oldOpts[key]
		if !ok {
			c := d.changeAt(OptionAdded, New, no.Node, path,
				fmt.Sprintf("option %s added to %s: automations whose conditions chose from the old options do not expect it", optionLabel(no), name))
			c.probe = probe{values: []string{optionValue(no)}}
			continue
		}
		if ot, nt := oo.TitleText(), no.TitleText(); ot != nt && no.Title != nil {
			d.change(OptionTitleChanged, New, no.Title, path, fmt.Sprintf("title of option %s of %s changed from %q to %q", optionLabel(no), name, ot, nt))
		}
	}
	for _, oo := range o.Options {
		if _, ok := newOpts[optionKey(oo)]; ok {
			continue
		}
		c := d.keyword(OptionRemoved, n.OneOf, m, path,
			fmt.Sprintf("option %s removed from %s: payloads that send it are refused and conditions that chose it never match", optionLabel(oo), name))
		c.probe = probe{appFirst: true, values: []string{optionValue(oo)}}
	}
}

// dupOptions reports whether two options of s may have the same
// optionKey: it compares the keys of up to 16 options, and says yes for
// more, which leaves them to the maps of options.
func dupOptions(s *schema.Schema) bool {
	if len(s.Options) > 16 {
		return true
	}
	var buf [512]byte
	keys := buf[:0]
	var ends [16]int
	at := ends[:0]
	for _, o := range s.Options {
		if o.Const != nil {
			keys = appendCanon(keys, o.Const.Value)
		} else {
			keys = appendCanon(keys, o.Node)
		}
		at = append(at, len(keys))
	}
	for i := range at {
		ki := keys[start(at, i):at[i]]
		for j := range i {
			if string(keys[start(at, j):at[j]]) == string(ki) {
				return true
			}
		}
	}
	return false
}

// start is where the i-th of the texts ending at ends starts.
func start(ends []int, i int) int {
	if i == 0 {
		return 0
	}
	return ends[i-1]
}

func optionMap(s *schema.Schema) map[string]*schema.Schema {
	m := make(map[string]*schema.Schema, len(s.Options))
	for _, o := range s.Options {
		if _, dup := m[optionKey(o)]; !dup {
			m[optionKey(o)] = o
		}
	}
	return m
}

// optionKey identifies an option by its const, or by its whole text when
// it has none.
func optionKey(o *schema.Schema) string {
	if o.Const != nil {
		return canon(o.Const.Value)
	}
	return canon(o.Node)
}

// optionValue is the JSON text of the value an option admits, or "" when
// it has no const.
func optionValue(o *schema.Schema) string {
	if o.Const != nil {
		return canon(o.Const.Value)
	}
	return ""
}

func optionLabel(o *schema.Schema) string {
	if o.Const != nil {
		return canon(o.Const.Value)
	}
	if t := o.TitleText(); t != "" {
		return strconv.Quote(t)
	}
	return string(o.Node.Pointer())
}

func optionList(s *schema.Schema) string {
	var parts []string
	for _, o := range s.Options {
		parts = append(parts, optionLabel(o))
	}
	if len(parts) > 6 {
		parts = append(parts[:6], "...")
	}
	return strings.Join(parts, ", ")
}
