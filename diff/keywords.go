package diff

import (
	"fmt"

	"github.com/triggerkit/triggerkit/schema"
)

// schema compares two versions of the schema of the value at path; m is
// the new version's property member, for changes with no keyword to point
// at.
func (d *differ) schema(o, n *schema.Schema, m *schema.Member, path string) {
	// The property's name is written only for a message.
	name := func() string { return d.label(path) }
	if ot, nt := typeText(o), typeText(n); ot != nt {
		c := d.keyword(TypeChanged, n.Type, m, path,
			fmt.Sprintf("type of %s changed from %s to %s", name(), orAny(ot), orAny(nt)))
		c.probe = probe{appFirst: true}
		return // what else changed is moot
	}
	switch of, nf := o.FormatName(), n.FormatName(); {
	case of == nf:
	case of == "":
		c := d.keyword(FormatAdded, n.Format, m, path, fmt.Sprintf("format of %s is now %q: strings in other forms are refused", name(), nf))
		c.probe = probe{appFirst: true}
	case nf == "":
		c := d.keyword(FormatRemoved, nil, m, path, fmt.Sprintf("format %q removed from %s: automations that use it as %s may get any text", of, name(), article(of)))
		c.probe = probe{}
	default:
		c := d.keyword(FormatChanged, n.Format, m, path, fmt.Sprintf("format of %s changed from %q to %q", name(), of, nf))
		c.probe = probe{appFirst: true, behaviour: func(p *jv) (string, string) {
			return fmt.Sprintf("automations read %s at %s as %s", p.text(path), path, article(of)),
				fmt.Sprintf("they read it as %s", article(nf))
		}}
	}
	if oc, nc := constText(o.Const), constText(n.Const); oc != nc {
		c := d.keyword(ConstChanged, n.Const, m, path, fmt.Sprintf("constant of %s changed from %s to %s", name(), orNone(oc), orNone(nc)))
		c.probe = probe{appFirst: true}
	}
	d.options(o, n, m, path)
	switch oc, nc := o.CustomType(), n.CustomType(); {
	case oc == nc:
	case oc == "":
		d.keyword(CustomTypeAdded, n.WixCustomType, m, path, fmt.Sprintf("%s is now of custom type %s", name(), nc))
	case nc == "":
		c := d.keyword(CustomTypeRemoved, nil, m, path, fmt.Sprintf("wixCustomType %s removed from %s: actions built for %s lose it", oc, name(), oc))
		c.probe = probe{behaviour: customBehaviour(path, oc, nc)}
	default:
		c := d.keyword(CustomTypeChanged, n.WixCustomType, m, path, fmt.Sprintf("wixCustomType of %s changed from %s to %s", name(), oc, nc))
		c.probe = probe{appFirst: true, behaviour: customBehaviour(path, oc, nc)}
	}
	if oi, ni := stringOf(o.IdentityType), stringOf(n.IdentityType); oi != "" && ni != "" && oi != ni {
		if d.identityChanged == nil {
			d.identityChanged = map[string]bool{}
		}
		d.identityChanged[path] = true
		c := d.keyword(IdentityChanged, n.IdentityType, m, path, fmt.Sprintf("identityType of %s changed from %q to %q", name(), oi, ni))
		c.probe = probe{behaviourFirst: true, behaviour: func(p *jv) (string, string) {
			v := p.text(path)
			return fmt.Sprintf("actions take %s at %s for a %s ID", v, path, oi), fmt.Sprintf("actions take %s for a %s ID", v, ni)
		}}
	}
	if o.Properties != nil || n.Properties != nil {
		d.object(o, n, path)
	}
	switch oi, ni := o.ItemsSchema, n.ItemsSchema; {
	case oi != nil && ni != nil:
		d.docs(oi, ni, path+"/0", func() string { return name() + "[]" })
		d.schema(oi, ni, n.Items, path+"/0")
	case oi == nil && ni != nil:
		c := d.keyword(ItemsAdded, n.Items, m, path, fmt.Sprintf("the elements of %s are now described by an items schema", name()))
		c.probe = probe{appFirst: true}
	case oi != nil && ni == nil:
		c := d.keyword(ItemsRemoved, nil, m, path, fmt.Sprintf("the items schema of %s was removed: automations lose the fields of its elements", name()))
		c.probe = probe{values: []string{"[{}]", `["any text"]`}}
	}
}

// keyword records a change at the new version's keyword member kw, or at
// the property member m when the keyword is gone.
func (d *differ) keyword(id string, kw, m *schema.Member, path, msg string) *Change {
	if kw == nil {
		kw = m
	}
	return d.change(id, New, kw, path, msg)
}

// docs compares titles, descriptions and examples; name names the schema
// in messages.
func (d *differ) docs(o, n *schema.Schema, path string, name func() string) {
	type pair struct {
		id       string
		what     string
		old, new *schema.Member
	}
	for _, p := range []pair{
		{TitleChanged, "title", o.Title, n.Title},
		{DescriptionChanged, "description", o.Description, n.Description},
		{ExamplesChanged, "examples", o.Examples, n.Examples},
	} {
		if sameMember(p.old, p.new) {
			continue
		}
		ov, nv := memberText(p.old), memberText(p.new)
		if ov == nv {
			continue
		}
		var msg string
		switch {
		case p.old == nil:
			msg = fmt.Sprintf("%s of %s added: %s", p.what, name(), clip(nv))
		case p.new == nil:
			msg = fmt.Sprintf("%s of %s removed (was %s)", p.what, name(), clip(ov))
		default:
			msg = fmt.Sprintf("%s of %s changed from %s to %s", p.what, name(), clip(ov), clip(nv))
		}
		if p.new != nil {
			d.change(p.id, New, p.new, path, msg)
		} else if n.Node != nil {
			d.changeAt(p.id, New, n.Node, path, msg)
		}
	}
}

func memberText(m *schema.Member) string {
	if m == nil {
		return ""
	}
	return canon(m.Value)
}

// clip shortens a JSON text for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
