package validate

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// The JSON types a value can have, as a bit set. A number is either an
// integer (a whole number, whatever its spelling) or not.
const (
	tNull uint8 = 1 << iota
	tBool
	tInteger
	tFraction
	tString
	tObject
	tArray

	tAny    = tNull | tBool | tInteger | tFraction | tString | tObject | tArray
	tNumber = tInteger | tFraction
)

// maxSchemaDepth bounds how deeply schema objects nest in the document. The
// dialect needs three levels (root, property, array items); "$ref" targets
// count from 1 again.
const maxSchemaDepth = 32

// role is a check that a string property gets from the custom type of the
// object it is in.
type role uint8

const (
	roleNone        role = iota
	roleMoneyValue       // "value" of a MONEY: a decimal string
	roleCurrency         // "currency" of a MONEY: an ISO 4217 code
	roleDownloadURL      // "downloadUrl" of an ATTACHMENT: an http(s) URL
)

// node is a compiled schema.
type node struct {
	types  uint8  // allowed types
	format string // the asserted format, or ""
	check  format // how the format is checked

	props    []prop
	keys     map[string]int // key to props index, for objects with many properties
	required []int          // props indexes of the required keys
	reqMask  []uint64       // the required keys as a bit set over props

	items *node
	oneOf []*node

	hasConst bool
	cnst     constant

	role       role
	futureDate bool
	identity   bool

	// open marks the stand-in for an undeclared object, whose keys are
	// not reported one by one.
	open bool

	// simple is set when the node checks nothing but type and const, so
	// that oneOf can test it without a second scan.
	simple bool

	// fold maps the case-folded form of each key to its first props index,
	// for objects with many properties.
	fold map[string]int

	// x holds the JSON Schema keywords outside the dialect; it is nil when
	// the schema uses none, so that dialect schemas pay nothing for them.
	x *ext
}

// prop is one declared key of an object schema.
type prop struct {
	name  string
	node  *node // nil: declared in required only, so any value
	keyOK bool  // the key follows the dialect's key rules
	plain bool  // the key needs no escaping in JSON
	// foreign marks a key declared only by a subschema applied in place
	// (allOf, anyOf, oneOf, then, else, $ref, dependencies): the object's
	// own keywords treat it as undeclared, but it is in the schema.
	foreign bool
	// quoted is `"name":` when plain. When it fits in 16 bytes, w0 and w1
	// hold its bytes and m0 and m1 mask them, so that the key and its colon
	// are recognised with two word compares.
	quoted         string
	w0, w1, m0, m1 uint64
}

// setQuoted fills in the quoted forms of a plain key.
func (p *prop) setQuoted() {
	p.quoted = `"` + p.name + `":`
	if len(p.quoted) > 16 {
		return
	}
	var b, m [16]byte
	copy(b[:], p.quoted)
	for i := range p.quoted {
		m[i] = 0xff
	}
	p.w0, p.w1 = binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
	p.m0, p.m1 = binary.LittleEndian.Uint64(m[:8]), binary.LittleEndian.Uint64(m[8:])
}

// lookupLinear is the number of properties below which a key is looked up
// by scanning instead of through the map.
const lookupLinear = 8

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
		for _, e := range m.Value.Elems {
			if e.Kind == schema.Object {
				n.oneOf = append(n.oneOf, c.compile(schemaOf(s, e), depth+1))
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

// trivial reports whether n accepts every value and checks nothing.
func (n *node) trivial() bool {
	return n.types == tAny && n.x == nil && n.props == nil && n.items == nil && n.oneOf == nil &&
		!n.hasConst && n.check == fmtNone && n.role == roleNone && !n.futureDate && !n.identity
}

// schemaOf returns the dialect's Schema of a oneOf option of s.
func schemaOf(s *schema.Schema, e *schema.Node) *schema.Schema {
	for _, o := range s.Options {
		if o.Node == e {
			return o
		}
	}
	return schema.Build(&schema.File{Root: e}).Root
}

// index builds the look-up structures of an object node once its props
// are final.
func (n *node) index() {
	if len(n.required) > 0 {
		n.reqMask = make([]uint64, (len(n.props)+63)/64)
		for _, i := range n.required {
			n.reqMask[i/64] |= 1 << (i % 64)
		}
	}
	for i := range n.props {
		if n.props[i].plain = plainKey(n.props[i].name); n.props[i].plain {
			n.props[i].setQuoted()
		}
	}
	n.keys, n.fold = nil, nil
	if len(n.props) > lookupLinear {
		n.keys = make(map[string]int, len(n.props))
		n.fold = make(map[string]int, len(n.props))
		for i := len(n.props) - 1; i >= 0; i-- {
			n.keys[n.props[i].name] = i
			n.fold[foldKey(n.props[i].name)] = i
		}
	}
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

// inPlace lists the subschemas of n that apply to the same value as n.
func (n *node) inPlace(fn func(*node)) {
	for _, o := range n.oneOf {
		fn(o)
	}
	x := n.x
	if x == nil {
		return
	}
	for _, list := range [][]*node{x.allOf, x.anyOf} {
		for _, b := range list {
			fn(b)
		}
	}
	for _, b := range []*node{x.ref, x.not, x.ifN, x.thenN, x.elseN} {
		if b != nil {
			fn(b)
		}
	}
	for _, d := range x.deps {
		if d.schema != nil {
			fn(d.schema)
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

// regexp compiles a pattern with ECMA-262 semantics as far as Go's RE2
// allows (see ecmaToRE2). A pattern that needs what RE2 lacks (look-around,
// back-references) is listed as ignored; one that is not a regular
// expression at all is a compile error.
func (c *compiler) regexp(m *schema.Member, pattern string) *regexp.Regexp {
	re, err := regexp.Compile(ecmaToRE2(pattern))
	if err == nil {
		return re
	}
	for _, unsupported := range []string{"(?=", "(?!", "(?<=", "(?<!", `\k<`, `\1`, `\2`, `\3`, `\4`, `\5`, `\6`, `\7`, `\8`, `\9`} {
		if strings.Contains(pattern, unsupported) {
			c.ignore(m)
			return nil
		}
	}
	c.problem(m.Value.Pointer(), "pattern %q is not a valid regular expression: %v", pattern, err)
	return nil
}

// ecmaSpace is what \s matches in ECMA-262: white space and line
// terminators, Unicode ones included (RE2's \s is only ASCII).
const ecmaSpace = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

// ecmaToRE2 rewrites an ECMA-262 pattern for Go's regexp: "." stops at
// every ECMA line terminator (\n, \r, U+2028, U+2029) instead of \n alone;
// \s and \S outside a class use ECMA's white space; \uXXXX, \cX, \0,
// [\b], [] and [^] are translated. What stays different: \S inside a class
// is RE2's ASCII \S, \d, \w and \b are ASCII in both, and look-around and
// back-references do not exist in RE2.
func ecmaToRE2(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		ch := p[i]
		if ch == '\\' && i+1 < len(p) {
			nx := p[i+1]
			switch {
			case nx == 'u' && i+6 <= len(p) && isHex4(p[i+2:i+6]):
				b.WriteString(`\x{` + p[i+2:i+6] + `}`)
				i += 5
			case nx == 's' && inClass:
				b.WriteString(ecmaSpace)
				i++
			case nx == 's':
				b.WriteString("[" + ecmaSpace + "]")
				i++
			case nx == 'S' && !inClass:
				b.WriteString("[^" + ecmaSpace + "]")
				i++
			case nx == 'c' && i+2 < len(p) && (p[i+2]|0x20) >= 'a' && (p[i+2]|0x20) <= 'z':
				fmt.Fprintf(&b, `\x{%x}`, p[i+2]%32)
				i += 2
			case nx == '0' && !(i+2 < len(p) && p[i+2] >= '0' && p[i+2] <= '9'):
				b.WriteString(`\x{0}`)
				i++
			case nx == 'b' && inClass:
				b.WriteString(`\x{8}`)
				i++
			default:
				b.WriteByte(ch)
				b.WriteByte(nx)
				i++
			}
			continue
		}
		switch {
		case inClass:
			if ch == ']' {
				inClass = false
			}
			b.WriteByte(ch)
		case strings.HasPrefix(p[i:], "[^]"):
			b.WriteString(`(?s:.)`)
			i += 2
		case strings.HasPrefix(p[i:], "[]"):
			b.WriteString(`[^\x00-\x{10FFFF}]`)
			i++
		case ch == '[':
			inClass = true
			b.WriteByte(ch)
			if strings.HasPrefix(p[i+1:], "^") {
				b.WriteByte('^')
				i++
			}
		case ch == '.':
			b.WriteString(`[^\n\r\x{2028}\x{2029}]`)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// foldKey maps each rune of s to the smallest rune it folds to, so that
// strings.EqualFold(a, b) exactly when foldKey(a) == foldKey(b).
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

func (n *node) lookup(name string) int {
	if n.keys != nil {
		if i, ok := n.keys[name]; ok {
			return i
		}
		return -1
	}
	for i := range n.props {
		if n.props[i].name == name {
			return i
		}
	}
	return -1
}

// plainKey reports whether a key is written in JSON as it is, so that its
// raw bytes can be compared with the input.
func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] == '"' || k[i] == '\\' {
			return false
		}
	}
	return true
}

func isTrue(m *schema.Member) bool { return m != nil && m.Value.Bool() }

// format is an asserted format.
type format uint8

const (
	fmtNone format = iota
	fmtDateTime
	fmtDate
	fmtTime
	fmtUUID
	fmtEmail
	fmtURI
	fmtDecimal
	fmtRegex
)

// formatOf returns the check of an asserted format, or fmtNone for a
// format that is not asserted (JSON Schema ignores unknown formats).
func formatOf(name string) format {
	switch name {
	case "date-time":
		return fmtDateTime
	case "date":
		return fmtDate
	case "time":
		return fmtTime
	case "uuid":
		return fmtUUID
	case "email":
		return fmtEmail
	case "uri":
		return fmtURI
	case "number", "DECIMAL_VALUE":
		return fmtDecimal
	case "regex":
		return fmtRegex
	}
	return fmtNone
}

// rawSafe reports whether every valid value of the format is plain ASCII
// without quotes, backslashes or control characters, so that a raw JSON
// string the format accepts needs no other check. E-mail addresses are not:
// a quoted local part and an internationalised domain can hold anything.
func (f format) rawSafe() bool {
	switch f {
	case fmtDateTime, fmtDate, fmtTime, fmtUUID, fmtURI, fmtDecimal:
		return true
	}
	return false
}

// valid reports whether s is a valid value of the format. Direct calls,
// not function values, keep s from escaping, so checking allocates nothing.
func (f format) valid(s string) bool {
	switch f {
	case fmtDateTime:
		return schema.IsDateTime(s)
	case fmtDate:
		return schema.IsDate(s)
	case fmtTime:
		return schema.IsTime(s)
	case fmtUUID:
		return schema.IsUUID(s)
	case fmtEmail:
		return schema.IsEmail(s)
	case fmtURI:
		return schema.IsURI(s)
	case fmtDecimal:
		return schema.IsDecimal(s)
	case fmtRegex:
		// A compiled expression keeps its source, so give it a copy.
		return schema.CheckFormat("regex", strings.Clone(s))
	}
	return true
}

// constant is a compiled "const" value.
type constant struct {
	typ uint8  // its JSON type
	str string // the decoded string, a number's literal, or "true"/"false"
	// composite is the decoded value of an object or array constant.
	composite any
}

func newConstant(n *schema.Node) constant {
	c := constant{str: n.Text}
	switch n.Kind {
	case schema.Null:
		c.typ = tNull
	case schema.Bool:
		c.typ = tBool
	case schema.Number:
		c.typ = tFraction
		if n.IsInteger() {
			c.typ = tInteger
		}
	case schema.String:
		c.typ = tString
	default:
		c.typ = tObject
		if n.Kind == schema.Array {
			c.typ = tArray
		}
		c.composite = decodeNode(n)
	}
	return c
}

// decodeNode turns a parsed node into the values encoding/json produces
// with UseNumber.
func decodeNode(n *schema.Node) any {
	switch n.Kind {
	case schema.Null:
		return nil
	case schema.Bool:
		return n.Bool()
	case schema.Number:
		return json.Number(n.Text)
	case schema.String:
		return n.Text
	case schema.Array:
		out := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			out[i] = decodeNode(e)
		}
		return out
	case schema.Object:
		out := make(map[string]any, len(n.Members))
		for _, m := range n.Members {
			out[m.Name] = decodeNode(m.Value)
		}
		return out
	}
	return nil
}

// isHex4 reports whether s is four hexadecimal digits.
func isHex4(s string) bool {
	_, ok := jsonscan.Hex4([]byte(s))
	return ok
}
