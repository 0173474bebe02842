package generate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// Updating an existing schema with new samples (Update, Generator.Update)
// keeps everything a person wrote and changes only what the samples
// demand:
//   - every keyword of every property the schema has is kept as written,
//     in its order: titles, descriptions, examples, formats, oneOf,
//     identityType, futureDate, wixCustomType, required, and keywords the
//     generator never writes;
//   - a property the samples hold and the schema lacks is added, as the
//     generator writes it (placeholder description, notes), after the
//     schema's own properties; it is optional unless the hints make it
//     required or it is the future date, because the payloads an app
//     sends today lack it (a required property added is a breaking
//     change, see package diff);
//   - a property the schema has and no sample holds is kept, with a note;
//   - a type is widened only when the samples hold values it refuses
//     (integer to number, a scalar to string, a scalar to an array or
//     object when the samples hold those), a format dropped only when a
//     value is not one (with the identityType, futureDate or custom type
//     that needs it), and a property that some samples lack or hold null
//     is no longer required; each with a note;
//   - what the options name wins over the schema: a hint's keywords, the
//     contact ID (identityType moves to it) and the future date.

// Update merges samples into an existing schema: Generator.Update of a
// Generator given opts and the samples.
func Update(schemaJSON []byte, opts Options, samples ...[]byte) (*Result, error) {
	g := New(opts)
	for _, s := range samples {
		if err := g.Add(s); err != nil {
			return nil, err
		}
	}
	return g.Update(schemaJSON)
}

// UpdateError is an existing schema that Update cannot merge into: not
// JSON, or not a schema of an object.
type UpdateError struct {
	Msg string
	Err error // the parse error, if that is what it is
}

func (e *UpdateError) Error() string { return "the schema to update: " + e.Msg }

// Unwrap returns the parse error.
func (e *UpdateError) Unwrap() error { return e.Err }

// Update returns the existing schema schemaJSON updated with the samples
// added so far (see the rules above update.go's Update), indented as
// Schema writes schemas, and the notes: every change made to the
// existing schema, and the generator's notes about the properties added.
func (g *Generator) Update(schemaJSON []byte) (*Result, error) {
	f, err := schema.Parse("schema", schemaJSON)
	if err != nil {
		return nil, &UpdateError{Msg: err.Error(), Err: err}
	}
	if f.Root == nil || f.Root.Kind != schema.Object {
		return nil, &UpdateError{Msg: "not a JSON object"}
	}
	if t := f.Root.Get("type"); t != nil && t.Value.Text != "object" {
		return nil, &UpdateError{Msg: fmt.Sprintf("the root has type %q, want \"object\"", t.Value.Text)}
	}
	fresh, b, err := g.build()
	if err != nil {
		return nil, err
	}
	old := jvalOf(f.Root, schemaJSON)
	u := &updater{b: b, fresh: fresh, oldRoot: old}
	u.object(old, fresh, "", 1)
	u.applyOptions(old)
	notes := u.notes
	for _, n := range b.notes {
		if u.isNew(n.Key) {
			notes = append(notes, n)
		}
	}
	return &Result{JSON: old.marshal(), Notes: notes}, nil
}

// updater merges the generator's model of the samples into an existing
// schema.
type updater struct {
	b     *builder
	fresh *prop
	notes []Note
	// added are the output keys of the properties added.
	added []string
	// oldRoot is the schema being updated.
	oldRoot *jval
}

func (u *updater) note(kind NoteKind, p *prop, key, format string, args ...any) {
	src := ""
	if p != nil && p.node != nil {
		src = p.node.source
	}
	u.notes = append(u.notes, Note{Kind: kind, Source: src, Key: key, Message: fmt.Sprintf(format, args...)})
}

// isNew reports whether key is, or is inside, a property added.
func (u *updater) isNew(key string) bool {
	for _, a := range u.added {
		if key == a || strings.HasPrefix(key, a+".") {
			return true
		}
	}
	return false
}

// object merges the properties of fresh into the object schema old.
// parent is the output key of the array or custom object, "" for the
// root.
func (u *updater) object(old *jval, fresh *prop, parent string, depth int) {
	keyOf := func(name string) string {
		if parent == "" {
			return name
		}
		return parent + "." + name
	}
	props := old.get("properties")
	if props != nil && props.kind != schema.Object {
		return // not a schema the dialect knows; the linter says so
	}
	have := map[string]bool{}
	if props != nil {
		for i := range props.members {
			m := &props.members[i]
			have[m.name] = true
			fp := fresh.find(m.name)
			if fp == nil {
				msg := "no sample holds it; kept"
				if isRequiredIn(old, m.name) {
					msg = "no sample holds it; kept, and still required: payloads without it are refused"
				}
				u.note(NoteVanished, nil, keyOf(m.name), "%s", msg)
				continue
			}
			if m.v.kind == schema.Object {
				u.property(m.v, fp, keyOf(m.name), depth)
			}
		}
	}
	var required []string
	for _, fp := range fresh.props {
		if have[fp.key] {
			continue
		}
		if props == nil {
			props = &jval{kind: schema.Object}
			old.set("properties", props)
		}
		nv := jvalOfProp(fp)
		if depth == 1 && fp.identity && u.hasAnnotation("identityType") {
			nv.del("identityType")
		}
		props.members = append(props.members, jmember{fp.key, nv})
		props.dirty = true
		u.added = append(u.added, keyOf(fp.key))
		switch {
		case !fresh.isRequired(fp.key):
			u.note(NoteAdded, fp, keyOf(fp.key), "added: the schema lacked it")
		case fp.futureDate || u.hintedRequired(keyOf(fp.key)):
			u.note(NoteAdded, fp, keyOf(fp.key), "added, required as the options say: the schema lacked it")
			required = append(required, fp.key)
		default:
			u.note(NoteAdded, fp, keyOf(fp.key), "added as optional, though every sample has it: payloads sent today lack it; make it required once the app always sends it (or with the hints)")
		}
	}
	u.required(old, fresh, keyOf, required)
}

// hintedRequired reports whether a hint makes the property of the output
// key required.
func (u *updater) hintedRequired(key string) bool {
	ps := keyedProps(u.fresh, false)
	for hk, h := range u.b.opts.Hints {
		if k, ok := lookupKey(ps, hk); ok && k.key == key && h.Required != nil && *h.Required {
			return true
		}
	}
	return false
}

// required drops from old's required list the properties some samples
// lack, and adds those in add.
func (u *updater) required(old *jval, fresh *prop, keyOf func(string) string, add []string) {
	r := old.get("required")
	if r != nil && r.kind != schema.Array {
		return // not a list of names; the linter says so
	}
	if r != nil {
		for _, e := range r.elems {
			if e.kind != schema.String {
				return
			}
		}
	}
	if r == nil {
		if len(add) == 0 {
			return
		}
		r = &jval{kind: schema.Array}
		old.set("required", r)
	}
	before := len(r.elems)
	out := r.elems[:0]
	for _, e := range r.elems {
		f, err := schema.ParseValue("name", e.raw)
		if err != nil {
			out = append(out, e)
			continue
		}
		name := f.Root.Text
		if fp := fresh.find(name); fp != nil && !fresh.isRequired(name) {
			msg := "no longer required: some samples lack it or hold null"
			if pv := old.get("properties").get(name); pv.get("identityType") != nil || pv.get("futureDate") != nil {
				msg += "; its identityType or futureDate wants it required (TK7005, TK7009): make the app always send it, or move the annotation"
			}
			u.note(NoteWidened, fp, keyOf(name), "%s", msg)
			continue
		}
		out = append(out, e)
	}
	for _, name := range add {
		out = append(out, jstring(name))
	}
	if len(out) != before || len(add) > 0 {
		r.elems = out
		r.dirty = true
	}
	if len(r.elems) == 0 {
		old.del("required")
	}
}

func isRequiredIn(obj *jval, name string) bool {
	r := obj.get("required")
	if r == nil || r.kind != schema.Array {
		return false
	}
	q := string(quote(nil, name))
	for _, e := range r.elems {
		if string(e.raw) == q {
			return true
		}
	}
	return false
}

// hasAnnotation reports whether a 1st-level property of the schema being
// updated carries the keyword.
func (u *updater) hasAnnotation(kw string) bool {
	if u.oldRoot == nil {
		return false
	}
	for _, m := range u.oldRoot.get("properties").membersOrNil() {
		if m.v.get(kw) != nil {
			return true
		}
	}
	return false
}

func (v *jval) membersOrNil() []jmember {
	if v == nil || v.kind != schema.Object {
		return nil
	}
	return v.members
}

// property merges fresh, what the samples hold under key, into the
// property schema old.
func (u *updater) property(old *jval, fresh *prop, key string, depth int) {
	oldType := old.str("type")
	n := fresh.node
	if oldType == "" || n == nil || n.kinds&^kNull == 0 {
		return // no type to widen, or only nulls seen
	}
	switch {
	case oldType == "object" && fresh.typ == "object":
		u.object(old, fresh, key, depth+1)
		return
	case oldType == "array" && fresh.typ == "array":
		items := old.get("items")
		if items == nil {
			old.set("items", jvalOfProp(fresh.items))
			u.note(NoteAdded, fresh, key, "items described: the schema had no items")
			return
		}
		if items.kind == schema.Object && fresh.items != nil {
			u.object(items, fresh.items, key, depth+1)
		}
		return
	}
	if widened := widen(oldType, fresh.typ); widened != oldType {
		if isScalarType(oldType) && isScalarType(widened) {
			old.set("type", jstring(widened))
			u.note(NoteWidened, fresh, key, "type %s widened to %s: the samples hold %s", oldType, widened, kindNames(n.kinds&^kNull))
			if widened == "string" {
				stringExamples(old)
				old.del("format")
				u.dropAnnotations(old, fresh, key, "it is no longer a formatted string")
			}
			return
		}
		// The samples hold another shape: describe it as they do, with
		// the schema's own title and description.
		nv := jvalOfProp(fresh)
		for _, kw := range []string{"title", "description"} {
			if v := old.get(kw); v != nil {
				nv.set(kw, v)
			}
		}
		*old = *nv
		old.dirty = true
		u.note(NoteWidened, fresh, key, "was %s, the samples hold %s: described as the samples are", article(oldType), article(fresh.typ))
		return
	}
	if f := old.str("format"); f != "" && oldType == "string" && n != nil && checkable(f) && !fitsFormat(n, f) {
		old.del("format")
		u.note(NoteWidened, fresh, key, "format %s dropped: not every value in the samples is one", f)
		if ex := old.get("examples"); ex != nil && ex.kind == schema.Array && n.refute != nil {
			// As the generator does: an example shows why there is no
			// format, so that the linter does not ask for it back.
			ex.elems = append(ex.elems, &jval{kind: schema.String, raw: n.refute})
			ex.dirty = true
			u.note(NoteWidened, fresh, key, "example %s added: it is why the format was dropped", n.refute)
		}
		u.dropAnnotations(old, fresh, key, "its format "+f+" was dropped")
	}
}

// dropAnnotations removes the annotations that need a format old no
// longer has: identityType (uuid), futureDate (date-time), ORDER_ID
// (uuid) and IMAGE_URL (uri).
func (u *updater) dropAnnotations(old *jval, fresh *prop, key, why string) {
	if old.get("identityType") != nil {
		old.del("identityType")
		u.note(NoteWidened, fresh, key, "identityType dropped: %s", why)
	}
	if old.get("futureDate") != nil {
		old.del("futureDate")
		u.note(NoteWidened, fresh, key, "futureDate dropped: %s", why)
	}
	if c := old.str("wixCustomType"); c == "ORDER_ID" || c == "IMAGE_URL" {
		old.del("wixCustomType")
		u.note(NoteWidened, fresh, key, "wixCustomType %s dropped: %s", c, why)
	}
}

// checkable reports whether the values the generator records tell if
// they are all of format f.
func checkable(f string) bool {
	switch f {
	case "number", "DECIMAL_VALUE", "regex":
		return true
	}
	for _, x := range formatOrder {
		if x.name == f {
			return true
		}
	}
	return false
}

func isScalarType(t string) bool {
	return t == "string" || t == "integer" || t == "number" || t == "boolean"
}

// widen returns the type a property of type old has once it must accept
// values of type seen: old when it does already (a string accepts every
// scalar, which Transform writes as its text; a number accepts integers).
func widen(old, seen string) string {
	switch {
	case old == seen, old == "number" && seen == "integer", old == "string" && isScalarType(seen):
		return old
	case old == "integer" && seen == "number":
		return "number"
	case isScalarType(old) && isScalarType(seen):
		return "string"
	}
	return seen
}

func article(t string) string {
	if t != "" && strings.ContainsRune("aeiou", rune(t[0])) {
		return "an " + t
	}
	return "a " + t
}

// stringExamples writes the scalar examples of old as strings, as
// Transform writes such values.
func stringExamples(old *jval) {
	ex := old.get("examples")
	if ex == nil || ex.kind != schema.Array {
		return
	}
	for i, e := range ex.elems {
		if e.kind == schema.Number || e.kind == schema.Bool {
			ex.elems[i] = &jval{kind: schema.String, raw: quote(nil, string(e.raw))}
			ex.dirty = true
		}
	}
}

// applyOptions makes what the options name win over the schema: the
// keywords a hint sets, identityType on the contact ID (and on no other
// 1st-level property), futureDate on the future date.
func (u *updater) applyOptions(old *jval) {
	props := old.get("properties")
	if props == nil || props.kind != schema.Object {
		return
	}
	opts := u.b.opts
	if opts.ContactID != "" {
		u.moveAnnotation(props, opts.ContactID, "identityType", jstring("contact"))
	}
	if opts.FutureDate != "" {
		u.moveAnnotation(props, opts.FutureDate, "futureDate", &jval{kind: schema.Bool, raw: []byte("true")})
	}
	ps := keyedProps(u.fresh, false)
	for _, key := range slices.Sorted(maps.Keys(opts.Hints)) {
		h := opts.Hints[key]
		k, ok := lookupKey(ps, key)
		if !ok || u.isNew(k.key) {
			continue // refused by build, or written as hinted
		}
		target := old
		parent, child, nested := strings.Cut(k.key, ".")
		if nested {
			pv := props.get(parent)
			if pv.get("items") != nil {
				pv = pv.get("items")
			}
			target = pv
		} else {
			child = parent
		}
		pv := target.get("properties").get(child)
		if pv == nil || pv.kind != schema.Object {
			continue
		}
		for _, kv := range [][2]string{{"title", h.Title}, {"description", h.Description}, {"format", h.Format}, {"wixCustomType", h.WixCustomType}} {
			if kv[1] != "" && pv.str(kv[0]) != kv[1] {
				pv.set(kv[0], jstring(kv[1]))
				u.note(NoteAnnotation, k.p, k.key, "%s set from the hints", kv[0])
			}
		}
		if h.Required != nil && isRequiredIn(target, child) != *h.Required {
			setRequired(target, child, *h.Required)
			u.note(NoteAnnotation, k.p, k.key, "required set to %v from the hints", *h.Required)
		}
	}
}

// moveAnnotation puts the keyword on the 1st-level property key names
// (an output key or a source path) and removes it from the others.
func (u *updater) moveAnnotation(props *jval, key, kw string, val *jval) {
	k, ok := lookupKey(keyedProps(u.fresh, true), key)
	if !ok {
		return // refused by build
	}
	for _, m := range props.members {
		if m.name != k.key && m.v.get(kw) != nil {
			m.v.del(kw)
			u.note(NoteAnnotation, nil, m.name, "%s removed: the options put it on %s", kw, k.key)
		}
	}
	if pv := props.get(k.key); pv != nil && pv.get(kw) == nil {
		pv.set(kw, val)
		u.note(NoteAnnotation, k.p, k.key, "%s set from the options", kw)
	}
}

func setRequired(obj *jval, name string, on bool) {
	r := obj.get("required")
	if r == nil {
		r = &jval{kind: schema.Array}
		obj.set("required", r)
	}
	q := string(quote(nil, name))
	out := r.elems[:0]
	for _, e := range r.elems {
		if string(e.raw) != q {
			out = append(out, e)
		}
	}
	if on {
		out = append(out, jstring(name))
	}
	r.elems = out
	r.dirty = true
	if len(r.elems) == 0 {
		obj.del("required")
	}
}
