package diff

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// Side says which version of a schema a position is in.
type Side uint8

// The two versions.
const (
	Old Side = iota
	New
)

func (s Side) String() string {
	if s == Old {
		return "old"
	}
	return "new"
}

// Change is one difference between two versions of a payload schema.
type Change struct {
	Kind Kind
	// Side is the version that Span and Pointer refer to: the new one
	// wherever the changed thing still exists, else the old one.
	Side    Side
	Span    schema.Span
	Pointer schema.Pointer
	Message string
	// Path is the JSON Pointer, in payloads, of the property the change is
	// about: "/total/value", "/lineItems/0/price"; "" for the whole payload.
	Path string
	// Example shows the change on a payload. Compare fills it in for every
	// change that breaks something when such a payload exists.
	Example *Example

	probe probe
}

// ErrNotObject is returned for a schema whose root is not a JSON object.
var ErrNotObject = errors.New("the schema is not a JSON object")

// Compare lists the changes from old to new, two versions of one trigger's
// payload schema, in the order of the new version (changes that exist only
// in the old one come where the old one had them). Both documents must have
// parsed; their dialect problems are the linter's to report, and the
// comparison reads what it can.
func Compare(old, new *schema.Document) ([]Change, error) {
	if old == nil || old.Root == nil || new == nil || new.Root == nil {
		return nil, ErrNotObject
	}
	d := &differ{old: old, new: new}
	d.docs(old.Root, new.Root, "", "the schema")
	d.object(old.Root, new.Root, "")
	d.annotations()
	d.examples()
	sort.SliceStable(d.changes, func(i, j int) bool { return d.order(d.changes[i]) < d.order(d.changes[j]) })
	return d.changes, nil
}

type differ struct {
	old, new *schema.Document
	changes  []Change
	// The properties that carry identityType or futureDate, in each
	// version, by payload path in the new version's naming.
	identity, future [2][]site
	// identityChanged lists the paths whose identityType value changed,
	// which are reported as such and not as a move.
	identityChanged map[string]bool
	look            lookup
	// labels remembers label of the last path asked: a property's
	// comparisons ask for it again and again, mostly for nothing.
	labelPath, labelText string
}

// label is label(path), remembered for the last path.
func (d *differ) label(path string) string {
	if d.labelText == "" || d.labelPath != path {
		d.labelPath, d.labelText = path, label(path)
	}
	return d.labelText
}

// site is a property that carries an annotation.
type site struct {
	path  string
	prop  *schema.Property
	value string
}

// order sorts changes: those placed in the new version by their position
// there, then those placed in the old version by theirs.
func (d *differ) order(c Change) int {
	if c.Side == New {
		return c.Span.Start
	}
	return 1<<40 + c.Span.Start
}

func (d *differ) add(c Change) *Change {
	d.changes = append(d.changes, c)
	return &d.changes[len(d.changes)-1]
}

// at places a change on a member of one side: the whole member, key to
// value.
func at(side Side, m *schema.Member) (Side, schema.Span, schema.Pointer) {
	return side, schema.Span{Start: m.KeySpan.Start, End: m.Value.Span.End}, m.Value.Pointer()
}

func (d *differ) change(id string, side Side, m *schema.Member, path, msg string) *Change {
	s, span, ptr := at(side, m)
	return d.add(Change{Kind: kindByID[id], Side: s, Span: span, Pointer: ptr, Path: path, Message: msg})
}

func (d *differ) changeAt(id string, side Side, n *schema.Node, path, msg string) *Change {
	return d.add(Change{Kind: kindByID[id], Side: side, Span: n.Span, Pointer: n.Pointer(), Path: path, Message: msg})
}

// object compares the properties and required lists of two object schemas
// whose payload path is path.
func (d *differ) object(o, n *schema.Schema, path string) {
	oldProps, newProps := d.look.props(o), d.look.props(n)
	oldReq, newReq := requiredSet(o), requiredSet(n)
	removed := slices.DeleteFunc(slices.Clone(o.Props), func(p *schema.Property) bool { return newProps[p.Name] != nil })
	added := slices.DeleteFunc(slices.Clone(n.Props), func(p *schema.Property) bool { return oldProps[p.Name] != nil })
	renamed := pairRenames(removed, added)

	for _, np := range n.Props {
		child := path + "/" + escape(np.Name)
		op := oldProps[np.Name]
		if op == nil {
			op = renamed[np]
		}
		if op == nil {
			d.sites(New, np, child)
			if newReq[np.Name] {
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
		oreq, nreq := oldReq[op.Name], newReq[np.Name]
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
	renamedFrom := make(map[*schema.Property]bool, len(renamed))
	for _, op := range renamed {
		renamedFrom[op] = true
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

// requiredSet holds the names s requires, as Schema.IsRequired finds them.
func requiredSet(s *schema.Schema) map[string]bool {
	names := s.RequiredNames()
	m := make(map[string]bool, len(names))
	for _, r := range names {
		m[r] = true
	}
	return m
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
	out := map[*schema.Property]*schema.Property{}
	if len(removed) == 0 || len(added) == 0 {
		return out
	}
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
	d.docs(op.Schema, np.Schema, path, d.label(path))
	d.schema(op.Schema, np.Schema, np.Member, path)
}

// schema compares two versions of the schema of the value at path; m is
// the new version's property member, for changes with no keyword to point
// at.
func (d *differ) schema(o, n *schema.Schema, m *schema.Member, path string) {
	name := d.label(path)
	if ot, nt := typeText(o), typeText(n); ot != nt {
		c := d.keyword(TypeChanged, n.Type, m, path,
			fmt.Sprintf("type of %s changed from %s to %s", name, orAny(ot), orAny(nt)))
		c.probe = probe{appFirst: true}
		return // what else changed is moot
	}
	switch of, nf := o.FormatName(), n.FormatName(); {
	case of == nf:
	case of == "":
		c := d.keyword(FormatAdded, n.Format, m, path, fmt.Sprintf("format of %s is now %q: strings in other forms are refused", name, nf))
		c.probe = probe{appFirst: true}
	case nf == "":
		c := d.keyword(FormatRemoved, nil, m, path, fmt.Sprintf("format %q removed from %s: automations that use it as %s may get any text", of, name, article(of)))
		c.probe = probe{}
	default:
		c := d.keyword(FormatChanged, n.Format, m, path, fmt.Sprintf("format of %s changed from %q to %q", name, of, nf))
		c.probe = probe{appFirst: true, behaviour: func(p *jv) (string, string) {
			return fmt.Sprintf("automations read %s at %s as %s", p.text(path), path, article(of)),
				fmt.Sprintf("they read it as %s", article(nf))
		}}
	}
	if oc, nc := constText(o.Const), constText(n.Const); oc != nc {
		c := d.keyword(ConstChanged, n.Const, m, path, fmt.Sprintf("constant of %s changed from %s to %s", name, orNone(oc), orNone(nc)))
		c.probe = probe{appFirst: true}
	}
	d.options(o, n, m, path)
	switch oc, nc := o.CustomType(), n.CustomType(); {
	case oc == nc:
	case oc == "":
		d.keyword(CustomTypeAdded, n.WixCustomType, m, path, fmt.Sprintf("%s is now of custom type %s", name, nc))
	case nc == "":
		c := d.keyword(CustomTypeRemoved, nil, m, path, fmt.Sprintf("wixCustomType %s removed from %s: actions built for %s lose it", oc, name, oc))
		c.probe = probe{behaviour: customBehaviour(path, oc, nc)}
	default:
		c := d.keyword(CustomTypeChanged, n.WixCustomType, m, path, fmt.Sprintf("wixCustomType of %s changed from %s to %s", name, oc, nc))
		c.probe = probe{appFirst: true, behaviour: customBehaviour(path, oc, nc)}
	}
	if oi, ni := stringOf(o.IdentityType), stringOf(n.IdentityType); oi != "" && ni != "" && oi != ni {
		if d.identityChanged == nil {
			d.identityChanged = map[string]bool{}
		}
		d.identityChanged[path] = true
		c := d.keyword(IdentityChanged, n.IdentityType, m, path, fmt.Sprintf("identityType of %s changed from %q to %q", name, oi, ni))
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
		d.docs(oi, ni, path+"/0", name+"[]")
		d.schema(oi, ni, n.Items, path+"/0")
	case oi == nil && ni != nil:
		c := d.keyword(ItemsAdded, n.Items, m, path, fmt.Sprintf("the elements of %s are now described by an items schema", name))
		c.probe = probe{appFirst: true}
	case oi != nil && ni == nil:
		c := d.keyword(ItemsRemoved, nil, m, path, fmt.Sprintf("the items schema of %s was removed: automations lose the fields of its elements", name))
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

// options compares the oneOf options of two versions of a property.
func (d *differ) options(o, n *schema.Schema, m *schema.Member, path string) {
	name := d.label(path)
	switch {
	case o.OneOf == nil && n.OneOf == nil:
		return
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

// docs compares titles, descriptions and examples.
func (d *differ) docs(o, n *schema.Schema, path, name string) {
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
			msg = fmt.Sprintf("%s of %s added: %s", p.what, name, clip(nv))
		case p.new == nil:
			msg = fmt.Sprintf("%s of %s removed (was %s)", p.what, name, clip(ov))
		default:
			msg = fmt.Sprintf("%s of %s changed from %s to %s", p.what, name, clip(ov), clip(nv))
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

// sameMember reports whether two members are written the same, which
// makes their memberText the same without writing it.
func sameMember(a, b *schema.Member) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameValue(a.Value, b.Value)
}

func sameValue(a, b *schema.Node) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.Object:
		if len(a.Members) != len(b.Members) {
			return false
		}
		for i, m := range a.Members {
			if m.Name != b.Members[i].Name || !sameValue(m.Value, b.Members[i].Value) {
				return false
			}
		}
		return true
	case schema.Array:
		if len(a.Elems) != len(b.Elems) {
			return false
		}
		for i, e := range a.Elems {
			if !sameValue(e, b.Elems[i]) {
				return false
			}
		}
		return true
	}
	return a.Text == b.Text
}

// clip shortens a JSON text for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// sites records the annotations a property carries.
func (d *differ) sites(side Side, p *schema.Property, path string) {
	if p.Schema == nil {
		return
	}
	if v := stringOf(p.Schema.IdentityType); v != "" {
		d.identity[side] = append(d.identity[side], site{path, p, v})
	}
	if fd := p.Schema.FutureDate; fd != nil && fd.Value.Bool() {
		d.future[side] = append(d.future[side], site{path, p, "true"})
	}
}

// annotations reports identityType and futureDate markings that were
// added, removed or moved, comparing where each value sits in the two
// versions.
func (d *differ) annotations() {
	byValue := func(ss []site) map[string][]site {
		m := map[string][]site{}
		for _, s := range ss {
			if !d.identityChanged[s.path] {
				m[s.value] = append(m[s.value], s)
			}
		}
		return m
	}
	oldID, newID := byValue(d.identity[Old]), byValue(d.identity[New])
	for _, v := range sortedKeys(oldID, newID) {
		d.moves(oldID[v], newID[v], "identityType "+strconv.Quote(v), IdentityAdded, IdentityRemoved, IdentityMoved, identityBehaviour(v))
	}
	d.moves(d.future[Old], d.future[New], "futureDate", FutureDateAdded, FutureDateRemoved, FutureDateMoved, futureBehaviour)
}

func sortedKeys(ms ...map[string][]site) []string {
	var keys []string
	for _, m := range ms {
		for k := range m {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// moves compares the properties that carry one annotation in each version.
func (d *differ) moves(old, new []site, what, addedID, removedID, movedID string, behaviour func(from, to string) behaviourFunc) {
	in := func(ss []site, path string) bool {
		return slices.ContainsFunc(ss, func(s site) bool { return s.path == path })
	}
	var gone, came []site
	for _, s := range old {
		if !in(new, s.path) {
			gone = append(gone, s)
		}
	}
	for _, s := range new {
		if !in(old, s.path) {
			came = append(came, s)
		}
	}
	for len(gone) > 0 && len(came) > 0 {
		from, to := gone[0], came[0]
		gone, came = gone[1:], came[1:]
		c := d.change(movedID, New, annotationMember(to.prop, movedID), to.path,
			fmt.Sprintf("%s moved from %s to %s", what, label(from.path), label(to.path)))
		c.probe = probe{behaviourFirst: true, behaviour: behaviour(from.path, to.path), also: from.path}
	}
	for _, s := range gone {
		var c *Change
		// Point at the property in the new version when it is still there.
		if np := d.newProperty(s.path); np != nil {
			c = d.change(removedID, New, np.Member, s.path, fmt.Sprintf("%s removed from %s", what, label(s.path)))
		} else {
			c = d.change(removedID, Old, annotationMember(s.prop, removedID), s.path, fmt.Sprintf("%s removed with %s", what, label(s.path)))
		}
		c.probe = probe{behaviourFirst: true, behaviour: behaviour(s.path, ""), also: s.path}
	}
	for _, s := range came {
		c := d.change(addedID, New, annotationMember(s.prop, addedID), s.path, fmt.Sprintf("%s added to %s", what, label(s.path)))
		if kindByID[addedID].Class == Breaking {
			c.probe = probe{behaviourFirst: true, behaviour: behaviour("", s.path)}
		}
	}
}

func annotationMember(p *schema.Property, id string) *schema.Member {
	var m *schema.Member
	if strings.HasPrefix(kindByID[id].Name, "future") {
		m = p.Schema.FutureDate
	} else {
		m = p.Schema.IdentityType
	}
	if m == nil {
		return p.Member
	}
	return m
}

// newProperty returns the property at a payload path in the new version.
func (d *differ) newProperty(path string) *schema.Property {
	_, p := d.look.schemaAt(d.new.Root, path)
	return p
}

// lookup finds properties by name through an index of each object schema
// made on first use, so that a path costs one map look-up per step, not a
// search of each object's properties.
type lookup struct {
	index map[*schema.Schema]map[string]*schema.Property
}

// props maps each property name of s to its first property, as
// Schema.Prop finds it.
func (l *lookup) props(s *schema.Schema) map[string]*schema.Property {
	if m, ok := l.index[s]; ok {
		return m
	}
	if l.index == nil {
		l.index = map[*schema.Schema]map[string]*schema.Property{}
	}
	m := make(map[string]*schema.Property, len(s.Props))
	for _, p := range s.Props {
		if m[p.Name] == nil {
			m[p.Name] = p
		}
	}
	l.index[s] = m
	return m
}

// schemaAt returns the schema of the value at a payload path, and the
// property it belongs to when the last step is a key.
func (l *lookup) schemaAt(root *schema.Schema, path string) (*schema.Schema, *schema.Property) {
	s := root
	var prop *schema.Property
	for _, tok := range schema.Pointer(path).Tokens() {
		if s == nil {
			return nil, nil
		}
		p := l.props(s)[tok]
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

// typeText names a schema's type: "string", "string or null", or "" for
// any.
func typeText(s *schema.Schema) string {
	if s == nil || s.Type == nil {
		return ""
	}
	v := s.Type.Value
	switch v.Kind {
	case schema.String:
		return v.Text
	case schema.Array:
		var names []string
		for _, e := range v.Elems {
			names = append(names, e.Text)
		}
		sort.Strings(names)
		return strings.Join(slices.Compact(names), " or ")
	}
	return canon(v)
}

func typeSuffix(s *schema.Schema) string {
	if t := typeText(s); t != "" {
		return " (" + t + ")"
	}
	return ""
}

func orAny(t string) string {
	if t == "" {
		return "any type"
	}
	return t
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func article(format string) string {
	switch format {
	case "date-time":
		return "a date and time"
	case "date":
		return "a date"
	case "time":
		return "a time of day"
	case "email":
		return "an e-mail address"
	case "uri":
		return "a link"
	case "uuid":
		return "an ID"
	case "number", "DECIMAL_VALUE":
		return "a decimal number (" + format + ")"
	}
	return format
}

func constText(m *schema.Member) string {
	if m == nil {
		return ""
	}
	return canon(m.Value)
}

func stringOf(m *schema.Member) string {
	if m == nil || m.Value.Kind != schema.String {
		return ""
	}
	return m.Value.Text
}

// label names a property for messages by its payload path: "total.value",
// "lineItems[].price".
func label(path string) string {
	if path == "" {
		return "the payload"
	}
	var b strings.Builder
	for i, tok := range schema.Pointer(path).Tokens() {
		if isIndex(tok) {
			b.WriteString("[]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return strconv.Quote(b.String())
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string { return string(appendJSONString(nil, s)) }

func escape(name string) string {
	return strings.TrimPrefix(string(schema.Pointer("").Append(name)), "/")
}

// canon writes a node as compact JSON with object keys sorted, so that
// values that differ only in layout or key order compare equal.
func canon(n *schema.Node) string {
	var buf [128]byte
	return string(appendCanon(buf[:0], n))
}

// appendCanon appends canon(n) to b.
func appendCanon(b []byte, n *schema.Node) []byte {
	switch n.Kind {
	case schema.Null:
		return append(b, "null"...)
	case schema.String:
		return appendJSONString(b, n.Text)
	case schema.Object:
		ms := n.Members
		byName := func(x, y *schema.Member) int { return strings.Compare(x.Name, y.Name) }
		if !slices.IsSortedFunc(ms, byName) {
			ms = slices.Clone(ms)
			slices.SortStableFunc(ms, byName)
		}
		b = append(b, '{')
		for i, m := range ms {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, m.Name)
			b = append(b, ':')
			b = appendCanon(b, m.Value)
		}
		return append(b, '}')
	case schema.Array:
		b = append(b, '[')
		for i, e := range n.Elems {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCanon(b, e)
		}
		return append(b, ']')
	}
	return append(b, n.Text...)
}
