package diff

import (
	"slices"

	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// mend changes the payload so that the given errors, which the change does
// not explain, go away: a missing required key gets a value, a wrong value
// gets one that both versions accept, or else one that the need side
// accepts. It never touches keep. It reports
// whether it mended every error; with a stuck map, it records there the
// pointers it could not mend instead of giving up.
func (x *exampler) mend(p *jv, errs []validate.Violation, keep string, need Side, stuck map[string]bool) bool {
	fail := func(ptr string) bool {
		if stuck == nil {
			return false
		}
		stuck[ptr] = true
		return true
	}
	// done is the last object that addRequired completed, and its number
	// of keys then. A validator reports the keys an object lacks one
	// after another, and the first time they all go in; while the object
	// is the same and has no key more (mending puts values, and removes
	// none), addRequired would find nothing to add, and is not asked
	// again: asking costs the object's keys each time.
	var done completed
	for _, v := range errs {
		if v.Rule == validate.RuleRequired {
			if done.obj != nil && done.ptr == v.Pointer {
				if obj := p.get(v.Pointer); obj == done.obj && len(obj.keys) == done.keys {
					if !fail(v.Pointer) {
						return false
					}
					continue
				}
			}
			if !x.addRequired(p, v.Pointer, keep) && !fail(v.Pointer) {
				return false
			}
			if obj := p.get(v.Pointer); obj != nil {
				done = completed{v.Pointer, obj, len(obj.keys)}
			}
			continue
		}
		touchesKeep := keep != "" && (v.Pointer == keep || under(v.Pointer, keep))
		if touchesKeep || v.Pointer == "" || !x.replace(p, v.Pointer, need, stuck == nil) {
			if !fail(v.Pointer) {
				return false
			}
		}
	}
	return true
}

// completed is an object that addRequired completed, at ptr, and its
// number of keys then.
type completed struct {
	ptr  string
	obj  *jv
	keys int
}

// addRequired gives the object at ptr every key that either version
// requires there and it lacks.
func (x *exampler) addRequired(p *jv, ptr, keep string) bool {
	added := false
	for _, side := range []Side{Old, New} {
		s, _ := x.look.schemaAt(x.root[side], ptr)
		obj := p.get(ptr)
		if s == nil || obj == nil || obj.kind != 'o' {
			continue
		}
		// The keys are mostly in the order required lists them (made
		// writes them so): each name is first compared with the key after
		// the last one found. A long object's keys are looked up in a set,
		// so that the cost stays linear whatever the order. The keys
		// looked at are those the object had before this pass (the root
		// gets its new keys in place); the ones it gets are in fresh.
		have := obj.keys
		var keys map[string]bool
		if len(have) > 64 {
			keys = make(map[string]bool, len(have))
			for _, k := range have {
				keys[k] = true
			}
		}
		var target *jv            // the object at ptr, owned, once it gets a key
		var fresh map[string]bool // the keys it got in this pass, once many
		next := 0
		for name := range requiredNames(s) {
			switch {
			case keys != nil:
				if keys[name] {
					continue
				}
			case next < len(have) && have[next] == name:
				next++
				continue
			default:
				if i := slices.Index(have, name); i >= 0 {
					next = i + 1
					continue
				}
			}
			if child := ptr + "/" + escape(name); child != keep {
				// A name listed twice was given its value already: the
				// same value again would change nothing.
				if target != nil && gotKey(target, len(have), fresh, name) {
					continue
				}
				ps, _ := x.look.schemaAt(x.root[side], child)
				val := x.sample(ps)
				// The object is made owned once for all the keys it gets,
				// which it lacks: they go in without a search of its keys.
				if target == nil {
					target = p.owned(schema.Pointer(ptr))
				}
				if target != nil && target.kind == 'o' {
					target.putNew(name, val)
				}
				if target != nil && len(target.keys)-len(have) > 16 {
					if fresh == nil {
						fresh = make(map[string]bool)
						for _, k := range target.keys[len(have) : len(target.keys)-1] {
							fresh[k] = true
						}
					}
					fresh[name] = true
				}
				added = true
			}
		}
	}
	return added
}

// replace puts at path a value that neither version finds an error in,
// else (with fallback) one that the need side finds none in, or leaves the
// payload as it was.
func (x *exampler) replace(p *jv, path string, need Side, fallback bool) bool {
	orig := p.get(path)
	var tries []string
	for _, side := range []Side{need, 1 - need} {
		if s, _ := x.look.schemaAt(x.root[side], path); s != nil {
			tries = append(tries, x.samplesOf(s)...)
		}
	}
	clean := func(vd *verdict, side Side, body []byte) bool {
		for _, v := range x.sideErrors(vd, side, body) {
			if v.Pointer == path || under(v.Pointer, path) {
				return false
			}
		}
		return true
	}
	// Only the value at path changes from one try to the next: the payload
	// is encoded once around it, and each try is spliced in. The tries'
	// values are the parsed samples themselves, which nothing changes; the
	// one kept goes in as a copy.
	if len(tries) == 0 {
		return false
	}
	mark := &jv{kind: 'r'}
	p.set(path, mark)
	around, start, end, ok := p.appendMarked(x.around[:0], mark)
	x.around = around
	second, haveSecond := "", false
	// A try listed again (the versions share a sample) would find what it
	// found before: it is skipped. A long list is looked up in a set.
	var tried map[string]bool
	if len(tries) > 16 {
		tried = make(map[string]bool, len(tries))
	}
	for i, t := range tries {
		if tried != nil {
			if tried[t] {
				continue
			}
			tried[t] = true
		} else if slices.Contains(tries[:i], t) {
			continue
		}
		val := x.parse(t)
		body := around
		if ok {
			x.buf = append(x.buf[:0], around[:start]...)
			x.buf = val.appendTo(x.buf)
			x.buf = append(x.buf, around[end:]...)
			body = x.buf
		}
		vd := x.verdictOf(body)
		if clean(vd, need, body) {
			if clean(vd, 1-need, body) {
				p.set(path, val)
				return true
			}
			if !haveSecond && fallback {
				second, haveSecond = t, true
			}
		}
	}
	switch {
	case haveSecond:
		p.set(path, x.parse(second))
		return true
	case orig != nil:
		p.set(path, orig)
	default:
		p.set(path, x.parse(tries[len(tries)-1]))
	}
	return false
}

// relatedTo reports whether a violation is the change's doing: it is about
// the changed value, or about the change's key missing from its object.
func relatedTo(v validate.Violation, c *Change) bool {
	paths := []string{c.Path}
	if c.probe.oldPath != "" {
		paths = append(paths, c.probe.oldPath)
	}
	for _, path := range paths {
		if v.Pointer == path || under(v.Pointer, path) {
			return true
		}
		if key, ok := v.MissingKey(); ok && path != "" && isChild(path, v.Pointer, key) {
			return true
		}
	}
	return false
}

// under reports whether pointer is strictly inside path.
func under(pointer, path string) bool {
	return len(pointer) > len(path) && pointer[len(path)] == '/' && pointer[:len(path)] == path
}

// isChild reports whether path is parent + "/" + escape(key).
func isChild(path, parent, key string) bool {
	if !under(path, parent) {
		return false
	}
	return path[len(parent)+1:] == escape(key)
}

// gotKey reports whether the object obj, which had n keys before this
// pass of addRequired, got the key name in it: the keys it got are
// compared while few, and looked up in fresh after that.
func gotKey(obj *jv, n int, fresh map[string]bool, name string) bool {
	if fresh != nil {
		return fresh[name]
	}
	return slices.Contains(obj.keys[n:], name)
}
