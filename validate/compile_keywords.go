package validate

import (
	"regexp"

	"github.com/triggerkit/triggerkit/schema"
)

// ext holds the keywords of JSON Schema draft-07 that the dialect does not
// have. Integer limits are -1 when absent, number limits "".
type ext struct {
	ref   *node // "$ref": the node stands for its target
	never bool  // the schema is false

	enum    []constant
	hasEnum bool

	minLen, maxLen int
	pattern        *regexp.Regexp
	patternSrc     string

	min, max, exMin, exMax string
	multiple               *divisor

	tuple           []*node // "items" as an array; nil when it is a schema
	additionalItems *node
	minItems        int
	maxItems        int
	unique          bool
	contains        *node

	minProps, maxProps int
	patternProps       []patternProp
	additional         *node // additionalProperties; a never node for false
	propertyNames      *node
	deps               []dependency
	depSrc             *schema.Member

	allOf, anyOf           []*node
	not, ifN, thenN, elseN *node
}

type patternProp struct {
	re   *regexp.Regexp
	node *node
}

// dependency is one entry of "dependencies": when the key is present, the
// required keys must be too, or the object must match the schema.
type dependency struct {
	key      int // props index
	required []int
	schema   *node
}

// ext returns n's extension, creating it.
func (c *compiler) ext(n *node) *ext {
	if n.x == nil {
		n.x = &ext{minLen: -1, maxLen: -1, minItems: -1, maxItems: -1, minProps: -1, maxProps: -1}
	}
	return n.x
}

// annotation lists the keywords that assert nothing, so that validation
// has nothing to apply: they are never reported as ignored.
var annotation = map[string]bool{
	"title": true, "description": true, "default": true, "examples": true, "example": true,
	"$comment": true, "readOnly": true, "writeOnly": true, "contentMediaType": true,
	"contentEncoding": true, "definitions": true, "$defs": true, "$id": true, "$schema": true,
}

// keyword compiles a member that is not a keyword of the dialect.
func (c *compiler) keyword(n *node, s *schema.Schema, m *schema.Member, depth int) {
	v := m.Value
	count := func() int {
		if v.Kind != schema.Number || !v.IsInteger() || numCmp(v.Text, "0") < 0 {
			c.problem(v.Pointer(), "%s is %s, want a non-negative integer", m.Name, kindText(v.Kind))
			return -1
		}
		if numCmp(v.Text, "1e15") > 0 {
			return 1e15 // more than any input can hold
		}
		d := parseDecimal(v.Text)
		var x int
		for k := 0; k < int(d.exp); k++ {
			x *= 10
			if k < d.n {
				x += int(d.digit(d.lead+k) - '0')
			}
		}
		return x
	}
	number := func() string {
		if v.Kind != schema.Number {
			c.problem(v.Pointer(), "%s is %s, want a number", m.Name, kindText(v.Kind))
			return ""
		}
		return v.Text
	}
	list := func() []*node {
		if v.Kind != schema.Array || len(v.Elems) == 0 {
			c.problem(v.Pointer(), "%s is not a non-empty array", m.Name)
			return nil
		}
		out := make([]*node, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = c.sub(e, depth+1, m.Name+" entry")
		}
		return out
	}
	switch m.Name {
	case "enum":
		if v.Kind != schema.Array {
			c.problem(v.Pointer(), "enum is %s, want an array", kindText(v.Kind))
			return
		}
		x := c.ext(n)
		x.hasEnum = true
		for _, e := range v.Elems {
			x.enum = append(x.enum, newConstant(e))
		}
	case "minLength":
		c.ext(n).minLen = count()
	case "maxLength":
		c.ext(n).maxLen = count()
	case "minItems":
		c.ext(n).minItems = count()
	case "maxItems":
		c.ext(n).maxItems = count()
	case "minProperties":
		c.ext(n).minProps = count()
	case "maxProperties":
		c.ext(n).maxProps = count()
	case "pattern":
		if v.Kind != schema.String {
			c.problem(v.Pointer(), "pattern is %s, want a string", kindText(v.Kind))
			return
		}
		if re := c.regexp(m, v.Text); re != nil {
			c.ext(n).pattern, n.x.patternSrc = re, v.Text
		}
	case "minimum":
		c.ext(n).min = number()
	case "maximum":
		c.ext(n).max = number()
	case "exclusiveMinimum":
		c.ext(n).exMin = number()
	case "exclusiveMaximum":
		c.ext(n).exMax = number()
	case "multipleOf":
		if lit := number(); lit != "" {
			if numCmp(lit, "0") <= 0 {
				c.problem(v.Pointer(), "multipleOf is %s, want a number above 0", lit)
				return
			}
			d := newDivisor(lit)
			c.ext(n).multiple = &d
		}
	case "uniqueItems":
		if v.Kind != schema.Bool {
			c.problem(v.Pointer(), "uniqueItems is %s, want a boolean", kindText(v.Kind))
			return
		}
		if v.Bool() {
			c.ext(n).unique = true
		}
	case "additionalItems":
		c.ext(n).additionalItems = c.sub(v, depth+1, m.Name)
	case "contains":
		c.ext(n).contains = c.sub(v, depth+1, m.Name)
	case "propertyNames":
		c.ext(n).propertyNames = c.sub(v, depth+1, m.Name)
	case "not":
		c.ext(n).not = c.sub(v, depth+1, m.Name)
	case "if":
		c.ext(n).ifN = c.sub(v, depth+1, m.Name)
	case "then":
		c.ext(n).thenN = c.sub(v, depth+1, m.Name)
	case "else":
		c.ext(n).elseN = c.sub(v, depth+1, m.Name)
	case "allOf":
		c.ext(n).allOf = list()
	case "anyOf":
		c.ext(n).anyOf = list()
	case "patternProperties":
		if v.Kind != schema.Object {
			c.problem(v.Pointer(), "patternProperties is %s, want an object", kindText(v.Kind))
			return
		}
		x := c.ext(n)
		for _, pm := range v.Members {
			if re := c.regexp(pm, pm.Name); re != nil {
				x.patternProps = append(x.patternProps, patternProp{re, c.sub(pm.Value, depth+1, "patternProperties entry")})
			}
		}
	case "dependencies":
		if v.Kind != schema.Object {
			c.problem(v.Pointer(), "dependencies is %s, want an object", kindText(v.Kind))
			return
		}
		c.ext(n).depSrc = m // compiled once the keys are known
	default:
		if !annotation[m.Name] {
			c.ignore(m)
		}
	}
}

// dependencies compiles "dependencies" once the properties are known.
func (c *compiler) dependencies(n *node, m *schema.Member, keyIndex func(string) int, depth int) {
	x := n.x
	for _, dm := range m.Value.Members {
		d := dependency{key: keyIndex(dm.Name)}
		switch dm.Value.Kind {
		case schema.Array:
			d.required = []int{}
			for _, e := range dm.Value.Elems {
				if e.Kind != schema.String {
					c.problem(e.Pointer(), "dependencies entry is %s, want a string", kindText(e.Kind))
					continue
				}
				d.required = append(d.required, keyIndex(e.Text))
			}
		default:
			d.schema = c.sub(dm.Value, depth+1, "dependencies entry")
		}
		x.deps = append(x.deps, d)
	}
}
