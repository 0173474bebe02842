package generate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// Hint sets what samples cannot tell about one property.
type Hint struct {
	Title         string `json:"title,omitempty"`
	Description   string `json:"description,omitempty"`
	Format        string `json:"format,omitempty"`
	Required      *bool  `json:"required,omitempty"`
	WixCustomType string `json:"wixCustomType,omitempty"`
}

// Hints are hints by output key: "orderId" for a 1st-level property,
// "lineItems.name" for a property of array items or of a custom object.
type Hints map[string]Hint

// ParseHints reads a hints file: a JSON object of key to hint. Unknown
// fields are refused, so that a misspelt one is not ignored.
func ParseHints(data []byte) (Hints, error) {
	if _, err := schema.Parse("hints", data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var h Hints
	if err := dec.Decode(&h); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			p := schema.NewLines(data).Position(int(ute.Offset))
			return nil, fmt.Errorf("%d:%d: %s is %s, want %s", p.Line, p.Column, ute.Field, ute.Value, ute.Type)
		}
		return nil, err
	}
	if h == nil {
		return nil, errors.New("want an object of key to hint")
	}
	return h, nil
}

// applyHints sets the hinted keywords. A hint for no property is noted.
func (b *builder) applyHints(root *prop) error {
	for _, key := range slices.Sorted(maps.Keys(b.opts.Hints)) {
		h := b.opts.Hints[key]
		owner, p := root, root.find(key)
		if parent, child, ok := strings.Cut(key, "."); ok {
			if pp := root.find(parent); pp != nil {
				owner = pp
				if pp.items != nil {
					owner = pp.items
				}
				p = owner.find(child)
			}
		}
		if p == nil {
			b.notes = append(b.notes, Note{Key: key, Message: "the hint matches no property"})
			continue
		}
		if h.Title != "" {
			p.title = h.Title
			if schema.IsPlaceholder(p.description) {
				p.description = schema.Placeholder(h.Title)
			}
		}
		if h.Description != "" {
			p.description = h.Description
		}
		if h.Format != "" {
			if p.typ != "string" {
				return fmt.Errorf("hint for %s: format %q on a %s property; formats are for strings", key, h.Format, p.typ)
			}
			p.format = h.Format
		}
		if h.WixCustomType != "" {
			p.custom = h.WixCustomType
		}
		if h.Required != nil {
			name := p.key
			owner.required = slices.DeleteFunc(owner.required, func(r string) bool { return r == name })
			if *h.Required {
				owner.required = append(owner.required, name)
				b.sortRequired(owner)
			}
		}
	}
	return nil
}

// sortRequired puts the required names in property order.
func (b *builder) sortRequired(owner *prop) {
	order := map[string]int{}
	for i, c := range owner.props {
		order[c.key] = i
	}
	slices.SortFunc(owner.required, func(x, y string) int { return order[x] - order[y] })
}

// applyFlags connects the contact ID and marks the future date.
func (b *builder) applyFlags(root *prop) error {
	if k := b.opts.ContactID; k != "" {
		p := root.find(k)
		switch {
		case p == nil:
			return fmt.Errorf("contact ID %q: no such 1st-level property", k)
		case p.typ != "string" || p.format != "uuid":
			return fmt.Errorf("contact ID %q: its values are not all UUIDs (it is a %s%s)", k, p.typ, formatSuffix(p.format))
		}
		p.identity = true
	}
	if k := b.opts.FutureDate; k != "" {
		p := root.find(k)
		switch {
		case p == nil:
			return fmt.Errorf("future date %q: no such 1st-level property", k)
		case p.typ != "string" || p.format != "date-time":
			return fmt.Errorf("future date %q: its values are not all RFC 3339 date-times (it is a %s%s)", k, p.typ, formatSuffix(p.format))
		}
		p.futureDate = true
		if !root.isRequired(k) {
			root.required = append(root.required, k)
			b.sortRequired(root)
			b.notes = append(b.notes, Note{Key: k, Message: "made required, as a future date must be; some samples lack it"})
		}
	}
	return nil
}

func formatSuffix(f string) string {
	if f == "" {
		return ""
	}
	return " with format " + f
}

// examples sets p's examples: its samples' values in the schema's form.
func (b *builder) examples(p *prop, tr *Transformer) error {
	for _, raw := range p.raw {
		e, err := tr.convert(p.key, compact(raw))
		if err != nil {
			return err
		}
		dup := false
		for _, x := range p.examples {
			dup = dup || bytes.Equal(x, e)
		}
		if !dup {
			p.examples = append(p.examples, e)
		}
	}
	return nil
}
