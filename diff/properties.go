package diff

import (
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// object compares the properties and required lists of two object schemas
// whose payload path is path.
func (d *differ) object(o, n *schema.Schema, path string) {
	// A property keeps its name in most changes: the removed and added
	// ones are listed only when there are any.
	var removed, added []*schema.Property
	for _, p := range o.Props {
		if n.Prop(p.Name) == nil {
			removed = append(removed, p)
		}
	}
	for _, p := range n.Props {
		if o.Prop(p.Name) == nil {
			added = append(added, p)
		}
	}
	renamed := pairRenames(removed, added)

	for _, np := range n.Props {
		child := path + "/" + escape(np.Name)
		op := o.Prop(np.Name)
		if op == nil {
			op = renamed[np]
		}
		if op == nil {
			d.sites(New, np, child)
			if n.IsRequired(np.Name) {
				c := d.change(RequiredPropertyAdded, New, np.Member, child,
					fmt.Sprintf("new required property %s%s: payloads without it are refused", label(child), typeSuffix(np.Schema)))
				c.probe = probe{appFirst: true, absent: true}
			} else {
				d.change(PropertyAdded, New, np.Member, child,
					fmt.Sprintf("new optional property %s%s", label(child), typeSuffix(np.Schema)))
			}
			continue
		}
		if op.Name != np.Name {
			oldPath := path + "/" + escape(op.Name)
			c := d.change(PropertyRenamed, New, np.Member, child,
				fmt.Sprintf("property %s renamed to %s: automations that use %s lose it", label(oldPath), label(child), label(oldPath)))
			c.probe = probe{oldPath: oldPath, behaviour: renameBehaviour(oldPath, child)}
		}
		d.sites(Old, op, child)
		d.sites(New, np, child)
		oreq, nreq := o.IsRequired(op.Name), n.IsRequired(np.Name)
		switch {
		case !oreq && nreq:
			m := requiredEntry(n, np.Name)
			c := d.changeAt(MadeRequired, New, m, child,
				fmt.Sprintf("property %s is now required: payloads without it are refused", label(child)))
			c.probe = probe{appFirst: true, absent: true}
		case oreq && !nreq:
			c := d.change(MadeOptional, New, np.Member, child,
				fmt.Sprintf("property %s is no longer required: automations that expect it may get events without it", label(child)))
			c.probe = probe{absent: true}
		}
		d.property(op, np, child)
	}
	var renamedFrom map[*schema.Property]bool
	if len(renamed) > 0 {
		renamedFrom = make(map[*schema.Property]bool, len(renamed))
		for _, op := range renamed {
			renamedFrom[op] = true
		}
	}
	for _, op := range removed {
		if renamedFrom[op] {
			continue
		}
		child := path + "/" + escape(op.Name)
		d.sites(Old, op, child)
		c := d.change(PropertyRemoved, Old, op.Member, child,
			fmt.Sprintf("property %s%s removed: automations that use it lose it", label(child), typeSuffix(op.Schema)))
		c.probe = probe{behaviour: removedBehaviour(child), also: child}
	}
}

// requiredEntry returns the "required" element that names name, or the
// "required" array.
func requiredEntry(s *schema.Schema, name string) *schema.Node {
	for _, e := range s.Required.Value.Elems {
		if e.Kind == schema.String && e.Text == name {
			return e
		}
	}
	return s.Required.Value
}

// pairRenames pairs removed properties with added ones that look like the
// same property under a new key: the same type, format and custom type,
// and the same title, description or examples, or keys that differ only in
// case and punctuation. Each added property, in order, takes the first
// removed property not yet taken that matches it. Each added property maps
// to its old property.
//
// The removed properties are indexed by shape and by each of the four
// identities, so that the pairing costs one look-up per added property and
// identity, not a search of the removed ones.
func pairRenames(removed, added []*schema.Property) map[*schema.Property]*schema.Property {
	if len(removed) == 0 || len(added) == 0 {
		return nil
	}
	out := map[*schema.Property]*schema.Property{}
	// Each queue lists, in order, the indexes of the removed properties
	// with one shape and one identity; head skips the ones taken.
	type queue struct {
		idx  []int
		head int
	}
	queues := map[renameKey]*queue{}
	for i, op := range removed {
		if op.Schema == nil {
			continue
		}
		for _, k := range renameKeys(op) {
			q := queues[k]
			if q == nil {
				q = &queue{}
				queues[k] = q
			}
			q.idx = append(q.idx, i)
		}
	}
	used := make([]bool, len(removed))
	for _, np := range added {
		if np.Schema == nil {
			continue
		}
		best := -1
		for _, k := range renameKeys(np) {
			q := queues[k]
			if q == nil {
				continue
			}
			for q.head < len(q.idx) && used[q.idx[q.head]] {
				q.head++
			}
			if q.head < len(q.idx) && (best < 0 || q.idx[q.head] < best) {
				best = q.idx[q.head]
			}
		}
		if best >= 0 {
			out[np] = removed[best]
			used[best] = true
		}
	}
	return out
}

// renameKey is one identity of a property under its shape: two properties
// with equal keys have the same shape and one of sameIdentity's identities
// in common.
type renameKey struct {
	typ, format, custom string
	what                byte // 'k'ey, 't'itle, 'd'escription, 'e'xamples
	value               string
}

// renameKeys returns the keys of p, which must have a schema: its squashed
// name, and the canonical title, description and examples it has.
func renameKeys(p *schema.Property) []renameKey {
	s := p.Schema
	base := renameKey{typ: typeText(s), format: s.FormatName(), custom: s.CustomType()}
	keys := make([]renameKey, 0, 4)
	add := func(what byte, value string) {
		k := base
		k.what, k.value = what, value
		keys = append(keys, k)
	}
	add('k', squash(p.Name))
	for _, m := range [...]struct {
		what byte
		m    *schema.Member
	}{{'t', s.Title}, {'d', s.Description}, {'e', s.Examples}} {
		if m.m != nil {
			add(m.what, canon(m.m.Value))
		}
	}
	return keys
}

// squash folds case and drops everything but letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// property compares two versions of one property.
func (d *differ) property(op, np *schema.Property, path string) {
	if op.Schema == nil || np.Schema == nil {
		return // not a schema object; the linter says so
	}
	d.docs(op.Schema, np.Schema, path, func() string { return d.label(path) })
	d.schema(op.Schema, np.Schema, np.Member, path)
}

// newProperty returns the property at a payload path in the new version.
func (d *differ) newProperty(path string) *schema.Property {
	_, p := d.look.schemaAt(d.new.Root, path)
	return p
}

// lookup finds the schema at a payload path, and remembers each answer:
// the example search asks for the same few paths again and again.
type lookup struct {
	at map[lookupKey]lookupAnswer
}

type lookupKey struct {
	root *schema.Schema
	path string
}

type lookupAnswer struct {
	s *schema.Schema
	p *schema.Property
}

// schemaAt returns the schema of the value at a payload path, and the
// property it belongs to when the last step is a key.
func (l *lookup) schemaAt(root *schema.Schema, path string) (*schema.Schema, *schema.Property) {
	k := lookupKey{root, path}
	if a, ok := l.at[k]; ok {
		return a.s, a.p
	}
	s, p := schemaAt(root, path)
	if l.at == nil {
		l.at = make(map[lookupKey]lookupAnswer)
	}
	l.at[k] = lookupAnswer{s, p}
	return s, p
}

// schemaAt is lookup.schemaAt without the memory: each step is a key of an
// object schema (Schema.Prop, which is indexed) or an index of its items.
func schemaAt(root *schema.Schema, path string) (*schema.Schema, *schema.Property) {
	s := root
	var prop *schema.Property
	for rest := path; rest != ""; {
		var tok string
		tok, rest = nextToken(rest)
		if s == nil {
			return nil, nil
		}
		p := s.Prop(tok)
		if s.ItemsSchema != nil && isIndex(tok) && p == nil {
			s, prop = s.ItemsSchema, nil
			continue
		}
		if p == nil {
			return nil, nil
		}
		s, prop = p.Schema, p
	}
	return s, prop
}

// nextToken splits the first reference token, unescaped, off a JSON
// Pointer that is not empty: what Pointer.Tokens gives one by one.
func nextToken(ptr string) (tok, rest string) {
	ptr = ptr[1:]
	if i := strings.IndexByte(ptr, '/'); i >= 0 {
		tok, rest = ptr[:i], ptr[i:]
	} else {
		tok = ptr
	}
	if strings.IndexByte(tok, '~') >= 0 {
		tok = schema.Pointer("/" + tok).Last()
	}
	return tok, rest
}

func isIndex(tok string) bool {
	if tok == "" {
		return false
	}
	for _, c := range tok {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
