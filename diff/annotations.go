package diff

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

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
