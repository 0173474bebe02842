package validate

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// resolve finds the target of a "$ref" inside the document.
func (c *compiler) resolve(ref string, at *schema.Node, from *node) *node {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		c.problem(at.Pointer(), "$ref %q points outside the document; only references inside it (\"#...\") are followed", ref)
		return nil
	}
	frag, err := url.PathUnescape(frag)
	if err != nil {
		c.problem(at.Pointer(), "$ref %q is not a valid URI fragment", ref)
		return nil
	}
	var target *schema.Node
	if frag == "" || frag[0] == '/' {
		target = c.doc
		for _, tok := range strings.Split(frag, "/")[1:] {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			switch target.Kind {
			case schema.Object:
				m := target.Get(tok)
				if m == nil {
					target = nil
				} else {
					target = m.Value
				}
			case schema.Array:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(target.Elems) || strconv.Itoa(i) != tok {
					target = nil
				} else {
					target = target.Elems[i]
				}
			default:
				target = nil
			}
			if target == nil {
				break
			}
		}
	} else {
		if c.anchors == nil {
			c.anchors = map[string]*schema.Node{}
			collectAnchors(c.doc, c.anchors)
		}
		target = c.anchors[frag]
	}
	if target == nil {
		c.problem(at.Pointer(), "$ref %q points to nothing in the document", ref)
		return nil
	}
	if target.Kind != schema.Object && target.Kind != schema.Bool {
		c.problem(at.Pointer(), "$ref %q points to a %s, want a schema", ref, target.Kind)
		return nil
	}
	if n, ok := c.memo[target]; ok {
		return n
	}
	return c.sub(target, 1, "$ref target")
}

// collectAnchors maps each plain-name "$id" ("#name") to its object.
func collectAnchors(n *schema.Node, into map[string]*schema.Node) {
	switch n.Kind {
	case schema.Object:
		if id := n.Get("$id"); id != nil && id.Value.Kind == schema.String {
			if name, ok := strings.CutPrefix(id.Value.Text, "#"); ok && name != "" {
				if _, dup := into[name]; !dup {
					into[name] = n
				}
			}
		}
		for _, m := range n.Members {
			collectAnchors(m.Value, into)
		}
	case schema.Array:
		for _, e := range n.Elems {
			collectAnchors(e, into)
		}
	}
}

// cycles reports a cycle of in-place subschemas ("$ref": "#" in the root's
// allOf, ...), which would check the same value for ever.
func (c *compiler) cycles() {
	const (
		white = iota
		grey
		black
	)
	color := make(map[*node]uint8, len(c.all))
	var visit func(n *node) bool
	visit = func(n *node) bool {
		switch color[n] {
		case grey:
			return false
		case black:
			return true
		}
		color[n] = grey
		ok := true
		n.inPlace(func(b *node) {
			if ok && !visit(b) {
				ok = false
			}
		})
		color[n] = black
		return ok
	}
	for _, n := range c.all {
		if !visit(n) {
			c.problem("", "a $ref cycle applies a schema to the same value again without reaching into it")
			return
		}
	}
}

// foreignKeys adds the keys that n's in-place subschemas declare to n's
// props, so that the dialect does not report them as keys outside the
// schema.
func (c *compiler) foreignKeys(n *node) {
	index := make(map[string]bool, len(n.props))
	for _, p := range n.props {
		index[p.name] = true
	}
	seen := map[*node]bool{n: true}
	var walk func(b *node)
	walk = func(b *node) {
		if seen[b] {
			return
		}
		seen[b] = true
		for _, p := range b.props {
			if !index[p.name] {
				index[p.name] = true
				n.props = append(n.props, prop{name: p.name, keyOK: p.keyOK, foreign: true})
			}
		}
		b.inPlace(walk)
	}
	n.inPlace(walk)
}
