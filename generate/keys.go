package generate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/internal/textdist"
)

// The keys that options name (Options.ContactID, Options.FutureDate and
// the keys of Hints) are output keys ("submitter_contactId", or
// "lineItems.name" for a property of array items or of a custom object)
// or source paths: where the value is in the samples, dotted as
// Options.Root takes it ("submitter.contactId", "lineItems[].name"),
// with or without the Wix envelope keys the generator reads through
// ("createdEvent.entityAsJson.submitter.contactId"). An output key wins
// over a source path. A key that names nothing is refused with the
// closest output keys.

// KeyError is an Options.ContactID or Options.FutureDate that names no
// property the samples hold.
type KeyError struct {
	What    string   // "contact ID" or "future date"
	Key     string   // the key given
	Closest []string // the output keys closest to Key, at most three
}

func (e *KeyError) Error() string {
	return fmt.Sprintf("%s %q: no such 1st-level property%s", e.What, e.Key, closestText(e.Closest))
}

func closestText(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return "; closest output keys: " + strings.Join(keys, ", ")
}

// keyed is a property that a key may name: its output key, its owner and
// the source paths it answers to.
type keyed struct {
	key     string
	owner   *prop
	p       *prop
	sources []string
}

// keyedProps lists the properties of root, 1st-level first, and, unless
// firstLevel, those of array items and custom objects after them.
func keyedProps(root *prop, firstLevel bool) []keyed {
	var out []keyed
	add := func(key string, owner, p *prop) {
		k := keyed{key: key, owner: owner, p: p}
		if p.node != nil && p.node.source != "" {
			full := dotted(p.node.source)
			k.sources = append(k.sources, full)
			if short := stripEnvelopes(full); short != full {
				k.sources = append(k.sources, short)
			}
		}
		out = append(out, k)
	}
	for _, p := range root.props {
		add(p.key, root, p)
	}
	if firstLevel {
		return out
	}
	for _, p := range root.props {
		owner := p
		if p.items != nil {
			owner = p.items
		}
		for _, c := range owner.props {
			add(p.key+"."+c.key, owner, c)
		}
	}
	return out
}

// stripEnvelopes drops the Wix envelope keys from a dotted source path
// ("createdEvent.entityAsJson.submitter.contactId" is
// "submitter.contactId").
func stripEnvelopes(path string) string {
	segs := strings.Split(path, ".")
	kept := segs[:0:0]
	for _, s := range segs {
		if !isEnvelope([]byte(s)) {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return path
	}
	return strings.Join(kept, ".")
}

// lookupKey returns the property key names among ps: the one whose output
// key it is, else the one whose source path it is. Several properties
// with the same source path (a value seen both as an array and as a
// single value) are ambiguous: the first is taken, as the output key
// order is the samples'.
func lookupKey(ps []keyed, key string) (keyed, bool) {
	for _, k := range ps {
		if k.key == key {
			return k, true
		}
	}
	for _, k := range ps {
		if slices.Contains(k.sources, key) {
			return k, true
		}
	}
	return keyed{}, false
}

// closestKeys returns the output keys of ps nearest to key, at most three:
// by edit distance, ignoring case, with a key whose last segment (or
// source path's) is key itself counted nearest. Ties keep output order.
func closestKeys(ps []keyed, key string) []string {
	type cand struct {
		key  string
		dist int
	}
	low := strings.ToLower(key)
	var cs []cand
	for _, k := range ps {
		d := textdist.Levenshtein(low, strings.ToLower(k.key))
		lk := strings.ToLower(k.key)
		if strings.HasSuffix(lk, "_"+low) || strings.HasSuffix(lk, "."+low) {
			d = min(d, 1)
		}
		for _, s := range k.sources {
			if strings.HasSuffix(strings.ToLower(s), "."+low) {
				d = min(d, 1)
			}
		}
		cs = append(cs, cand{k.key, d})
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.dist - b.dist })
	var out []string
	for _, c := range cs {
		if len(out) == 3 {
			break
		}
		if !slices.Contains(out, c.key) {
			out = append(out, c.key)
		}
	}
	return out
}
