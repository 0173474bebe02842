package validate

import (
	"fmt"
	"strings"
	"time"

	"github.com/triggerkit/triggerkit/schema"
)

// Options configure a Validator.
type Options struct {
	// Now is the clock for futureDate checks; nil means time.Now.
	Now func() time.Time
	// MaxViolations caps the violations reported for one payload: past it,
	// one more violation (RuleLimit) counts the rest. 0 means
	// DefaultMaxViolations; a negative value means no limit.
	MaxViolations int
}

// DefaultMaxViolations is the cap on violations per payload when
// Options.MaxViolations is 0.
const DefaultMaxViolations = 100

// Validator is a compiled payload schema. It is immutable and safe for
// concurrent use.
type Validator struct {
	root    *node
	now     func() time.Time
	limit   int // the violation cap; 0 for none
	ignored []Ignored
	// identityKey and futureKey are the root keys marked with identityType
	// and futureDate, or "".
	identityKey, futureKey string
	// identity is 1 + the index of identityKey in root.props, or 0 when
	// the root declares no such key.
	identity int
}

// Ignored is a keyword of the schema that the validator does not apply: a
// keyword that is neither JSON Schema draft-07 nor the dialect's, a format
// that is not asserted, a pattern that Go's regular expressions cannot run,
// or a keyword beside "$ref", which draft-07 ignores.
type Ignored struct {
	Pointer string
	Keyword string
}

// Ignored lists the schema's keywords that validation does not apply, in
// the order compiled.
func (v *Validator) Ignored() []Ignored { return v.ignored }

// CompileError lists what made a schema impossible to compile.
type CompileError struct {
	Problems []Problem
}

// Problem is one reason a schema cannot be compiled.
type Problem struct {
	Pointer string
	Message string
}

func (e *CompileError) Error() string {
	var b strings.Builder
	b.WriteString("schema cannot be compiled: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		ptr := p.Pointer
		if ptr == "" {
			ptr = "/"
		}
		b.WriteString(ptr + ": " + p.Message)
	}
	return b.String()
}

// New parses a payload schema and compiles it. A schema that is not valid
// JSON gives its schema.ErrorList.
func New(schemaJSON []byte, opts *Options) (*Validator, error) {
	doc, err := schema.Load("schema.json", schemaJSON)
	if err != nil {
		return nil, err
	}
	return Compile(doc, opts)
}

// Compile turns a parsed payload schema into a Validator. It applies the
// keywords of JSON Schema draft-07 as that draft defines them, plus the Wix
// annotations identityType, futureDate and wixCustomType. "$ref" is followed
// only inside the document ("#", "#/definitions/x", "#name" for an "$id" of
// "#name"); any other reference is a compile error, so that nothing is ever
// read from a file or the network. It fails on a schema whose keywords
// cannot be read (a "type" that names no type, a "properties" that is not
// an object, a "minimum" that is not a number, a "$ref" cycle that never
// reaches a value, ...); the linter reports the dialect's problems with
// positions.
func Compile(doc *schema.Document, opts *Options) (*Validator, error) {
	v := &Validator{now: time.Now, limit: DefaultMaxViolations}
	if opts != nil {
		if opts.Now != nil {
			v.now = opts.Now
		}
		switch {
		case opts.MaxViolations < 0:
			v.limit = 0
		case opts.MaxViolations > 0:
			v.limit = opts.MaxViolations
		}
	}
	c := &compiler{v: v, memo: map[*schema.Node]*node{}}
	if doc == nil || doc.Root == nil {
		c.problem("", "the schema is not a JSON object")
	} else {
		if doc.File != nil {
			c.doc = doc.File.Root
		} else {
			c.doc = doc.Root.Node
		}
		v.root = c.compile(doc.Root, 0)
		for _, p := range doc.Root.Props {
			if p.Schema == nil {
				continue
			}
			if p.Schema.IdentityType != nil && v.identityKey == "" {
				v.identityKey = p.Name
			}
			if isTrue(p.Schema.FutureDate) && v.futureKey == "" {
				v.futureKey = p.Name
			}
		}
		c.finish()
		if v.root != nil {
			v.identity = v.root.lookup(v.identityKey) + 1
		}
	}
	if len(c.problems) > 0 {
		return nil, &CompileError{Problems: c.problems}
	}
	return v, nil
}

type compiler struct {
	v        *Validator
	problems []Problem
	doc      *schema.Node // the document's root value, for "$ref"
	// memo holds the node compiled from each schema object, so that every
	// object is compiled once however often it is referenced.
	memo map[*schema.Node]*node
	// all lists the nodes in the order compiled.
	all []*node
	// refs are the "$ref" nodes waiting for their targets.
	refs []pendingRef
	// anchors maps the "#name" of each plain-name "$id" to its object.
	anchors map[string]*schema.Node
}

type pendingRef struct {
	n   *node
	ref string
	at  *schema.Node
}

func (c *compiler) problem(ptr schema.Pointer, format string, args ...any) {
	c.problems = append(c.problems, Problem{Pointer: string(ptr), Message: fmt.Sprintf(format, args...)})
}

func (c *compiler) ignore(m *schema.Member) {
	c.v.ignored = append(c.v.ignored, Ignored{Pointer: string(m.Value.Pointer()), Keyword: m.Name})
}

// sub compiles a subschema of a keyword outside the dialect: an object, or
// true or false.
func (c *compiler) sub(v *schema.Node, depth int, what string) *node {
	switch v.Kind {
	case schema.Bool:
		if v.Bool() {
			return &node{types: tAny}
		}
		return &node{types: tAny, x: &ext{never: true}}
	case schema.Object:
		if n, ok := c.memo[v]; ok {
			return n
		}
		return c.compile(schema.Build(&schema.File{Root: v}).Root, depth)
	}
	c.problem(v.Pointer(), "%s is a %s, want a schema (an object or a boolean)", what, v.Kind)
	return &node{types: tAny}
}

func (c *compiler) compile(s *schema.Schema, depth int) *node {
	if n, ok := c.memo[s.Node]; ok {
		return n
	}
	n := &node{types: tAny}
	c.memo[s.Node] = n
	c.all = append(c.all, n)
	if depth > maxSchemaDepth {
		c.problem(s.Node.Pointer(), "schema nests deeper than %d levels", maxSchemaDepth)
		return n
	}
	if ref := s.Node.Get("$ref"); ref != nil {
		// Draft-07: beside "$ref", every other keyword is ignored.
		for _, m := range s.Node.Members {
			if m != ref && !annotation[m.Name] {
				c.ignore(m)
			}
		}
		if ref.Value.Kind != schema.String {
			c.problem(ref.Value.Pointer(), "$ref is a %s, want a string", ref.Value.Kind)
			return n
		}
		n.x = &ext{}
		c.refs = append(c.refs, pendingRef{n, ref.Value.Text, ref.Value})
		return n
	}
	for _, m := range s.Unknown {
		c.keyword(n, s, m, depth)
	}
	if m := s.AdditionalProperties; m != nil {
		// true or {} allows every key, as no additionalProperties does: the
		// dialect then warns about keys outside the schema.
		if a := c.sub(m.Value, depth+1, "additionalProperties"); !a.trivial() {
			c.ext(n).additional = a
		}
	}
	if m := s.Type; m != nil {
		n.types = c.types(m.Value)
	}
	if m := s.Format; m != nil {
		if m.Value.Kind != schema.String {
			c.problem(m.Value.Pointer(), "format is a %s, want a string", m.Value.Kind)
		} else if check := formatOf(m.Value.Text); check != fmtNone {
			n.format, n.check = m.Value.Text, check
		} else {
			c.ignore(m)
		}
	}
	if m := s.Const; m != nil {
		n.hasConst = true
		n.cnst = newConstant(m.Value)
	}
	index := map[string]int{}
	addProp := func(p prop) int {
		i := len(n.props)
		index[p.name] = i
		n.props = append(n.props, p)
		return i
	}
	if m := s.Properties; m != nil {
		if m.Value.Kind != schema.Object {
			c.problem(m.Value.Pointer(), "properties is a %s, want an object", m.Value.Kind)
		}
		for _, p := range s.Props {
			if p.Schema == nil {
				c.problem(p.Value.Pointer(), "property %q is a %s, want an object", p.Name, p.Value.Kind)
				continue
			}
			if _, dup := index[p.Name]; dup {
				continue // a duplicate key: the first definition counts, as in the model
			}
			addProp(prop{name: p.Name, node: c.compile(p.Schema, depth+1), keyOK: schema.KeyProblem(p.Name) == schema.KeyOK})
		}
	}
	// keyIndex returns the props index of a key named by a keyword other
	// than properties, adding it as a key without a schema.
	keyIndex := func(name string) int {
		if i, ok := index[name]; ok {
			return i
		}
		return addProp(prop{name: name, keyOK: schema.KeyProblem(name) == schema.KeyOK})
	}
	if m := s.Required; m != nil {
		if m.Value.Kind != schema.Array {
			c.problem(m.Value.Pointer(), "required is a %s, want an array", m.Value.Kind)
		}
		listed := map[int]bool{}
		for _, e := range m.Value.Elems {
			if e.Kind != schema.String {
				c.problem(e.Pointer(), "required entry is a %s, want a string", e.Kind)
				continue
			}
			i := keyIndex(e.Text)
			if !listed[i] {
				listed[i] = true
				n.required = append(n.required, i)
			}
		}
	}
	if n.x != nil && n.x.depSrc != nil {
		c.dependencies(n, n.x.depSrc, keyIndex, depth)
	}
	if m := s.Items; m != nil {
		switch {
		case s.ItemsSchema != nil:
			n.items = c.compile(s.ItemsSchema, depth+1)
		case m.Value.Kind == schema.Array:
			x := c.ext(n)
			x.tuple = []*node{}
			for _, e := range m.Value.Elems {
				x.tuple = append(x.tuple, c.sub(e, depth+1, "items entry"))
			}
		case m.Value.Kind == schema.Bool:
			n.items = c.sub(m.Value, depth+1, "items")
		default:
			c.problem(m.Value.Pointer(), "items is a %s, want a schema or an array of schemas", m.Value.Kind)
		}
	}
	if m := s.OneOf; m != nil {
		if m.Value.Kind != schema.Array || len(m.Value.Elems) == 0 {
			c.problem(m.Value.Pointer(), "oneOf is not a non-empty array")
		}
		next := 0 // s.Options lists the object options in order
		for _, e := range m.Value.Elems {
			if e.Kind == schema.Object {
				n.oneOf = append(n.oneOf, c.compile(schemaOf(s, e, &next), depth+1))
			} else {
				n.oneOf = append(n.oneOf, c.sub(e, depth+1, "oneOf option"))
			}
		}
	}
	if s.Role == schema.RoleProperty {
		for _, p := range n.props {
			if p.node == nil {
				continue
			}
			m, _ := schema.CustomMemberOf(s.CustomType(), p.name)
			switch m.Holds {
			case schema.Decimal:
				p.node.role = roleMoneyValue
			case schema.CurrencyCode:
				p.node.role = roleCurrency
			case schema.DownloadURL:
				p.node.role = roleDownloadURL
			}
			p.node.simple = p.node.simple && p.node.role == roleNone
		}
		n.futureDate = isTrue(s.FutureDate) && s.Level == 1
		n.identity = s.IdentityType != nil && s.Level == 1
	}
	n.simple = n.check == fmtNone && n.props == nil && n.items == nil && n.oneOf == nil &&
		n.role == roleNone && !n.futureDate && !n.identity && n.x == nil
	return n
}

// schemaOf returns the dialect's Schema of a oneOf option of s. The
// options are asked for in order: *next is the index in s.Options of the
// one expected, tried first so that a oneOf costs one look-up per option,
// not a search of the options before it.
func schemaOf(s *schema.Schema, e *schema.Node, next *int) *schema.Schema {
	if i := *next; i < len(s.Options) && s.Options[i].Node == e {
		*next = i + 1
		return s.Options[i]
	}
	for i, o := range s.Options {
		if o.Node == e {
			*next = i + 1
			return o
		}
	}
	return schema.Build(&schema.File{Root: e}).Root
}

// finish resolves "$ref"s, checks that no cycle of in-place subschemas
// loops without reaching into the value, adds the keys declared by
// in-place subschemas, and builds every node's look-up structures.
func (c *compiler) finish() {
	for i := 0; i < len(c.refs); i++ { // resolving may compile more refs
		r := c.refs[i]
		if t := c.resolve(r.ref, r.at, r.n); t != nil {
			r.n.x.ref = t
		}
	}
	if len(c.problems) > 0 {
		return
	}
	c.cycles()
	if len(c.problems) > 0 {
		return
	}
	for _, n := range c.all {
		if n.x != nil {
			c.foreignKeys(n)
		}
		n.index()
	}
}

func (c *compiler) types(v *schema.Node) uint8 {
	one := func(e *schema.Node) uint8 {
		if e.Kind != schema.String {
			c.problem(e.Pointer(), "type is a %s, want a string", e.Kind)
			return 0
		}
		switch e.Text {
		case "null":
			return tNull
		case "boolean":
			return tBool
		case "integer":
			return tInteger
		case "number":
			return tNumber
		case "string":
			return tString
		case "object":
			return tObject
		case "array":
			return tArray
		}
		c.problem(e.Pointer(), "unknown type %q", e.Text)
		return 0
	}
	if v.Kind != schema.Array {
		return one(v)
	}
	var t uint8
	for _, e := range v.Elems {
		t |= one(e)
	}
	return t
}

func isTrue(m *schema.Member) bool { return m != nil && m.Value.Bool() }
