package validate

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

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

// maxSchemaDepth bounds how deeply compiled schemas nest. The dialect needs
// three levels (root, property, array items).
const maxSchemaDepth = 10

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
	index    map[string]int // key to props index, for objects with many properties
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
}

// prop is one declared key of an object schema.
type prop struct {
	name  string
	node  *node // nil: declared in required only, so any value
	keyOK bool  // the key follows the dialect's key rules
	plain bool  // the key needs no escaping in JSON
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
}

// Validator is a compiled payload schema. It is immutable and safe for
// concurrent use.
type Validator struct {
	root    *node
	now     func() time.Time
	ignored []Ignored
	// identityKey and futureKey are the root keys marked with identityType
	// and futureDate, or "".
	identityKey, futureKey string
}

// Ignored is a keyword of the schema that the validator does not apply: a
// keyword outside the dialect, or additionalProperties, which Wix forces to
// true.
type Ignored struct {
	Pointer string
	Keyword string
}

// Ignored lists the schema's keywords that validation does not apply, in
// file order.
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
// keywords of the dialect as JSON Schema (draft-07) defines them: type,
// properties, required, items, format, const and oneOf, plus the Wix
// annotations identityType, futureDate and wixCustomType. It fails on a
// schema those keywords cannot be read from (a "type" that names no type, a
// "properties" that is not an object, ...); the linter reports the same
// problems with positions.
func Compile(doc *schema.Document, opts *Options) (*Validator, error) {
	v := &Validator{now: time.Now}
	if opts != nil && opts.Now != nil {
		v.now = opts.Now
	}
	c := &compiler{v: v}
	if doc == nil || doc.Root == nil {
		c.problem("", "the schema is not a JSON object")
	} else {
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
	}
	if len(c.problems) > 0 {
		return nil, &CompileError{Problems: c.problems}
	}
	return v, nil
}

type compiler struct {
	v        *Validator
	problems []Problem
}

func (c *compiler) problem(ptr schema.Pointer, format string, args ...any) {
	c.problems = append(c.problems, Problem{Pointer: string(ptr), Message: fmt.Sprintf(format, args...)})
}

func (c *compiler) compile(s *schema.Schema, depth int) *node {
	n := &node{types: tAny}
	if depth > maxSchemaDepth {
		c.problem(s.Node.Pointer, "schema nests deeper than %d levels", maxSchemaDepth)
		return n
	}
	for _, m := range s.Unknown {
		c.v.ignored = append(c.v.ignored, Ignored{Pointer: string(m.Value.Pointer), Keyword: m.Name})
	}
	if m := s.AdditionalProperties; m != nil {
		c.v.ignored = append(c.v.ignored, Ignored{Pointer: string(m.Value.Pointer), Keyword: m.Name})
	}
	if m := s.Type; m != nil {
		n.types = c.types(m.Value)
	}
	if m := s.Format; m != nil {
		if m.Value.Kind != schema.String {
			c.problem(m.Value.Pointer, "format is a %s, want a string", m.Value.Kind)
		} else if check := formatOf(m.Value.Text); check != fmtNone {
			n.format, n.check = m.Value.Text, check
		}
	}
	if m := s.Const; m != nil {
		n.hasConst = true
		n.cnst = newConstant(m.Value)
	}
	if m := s.Properties; m != nil {
		if m.Value.Kind != schema.Object {
			c.problem(m.Value.Pointer, "properties is a %s, want an object", m.Value.Kind)
		}
		for _, p := range s.Props {
			if p.Schema == nil {
				c.problem(p.Value.Pointer, "property %q is a %s, want an object", p.Name, p.Value.Kind)
				continue
			}
			if n.lookup(p.Name) >= 0 {
				continue // a duplicate key: the first definition counts, as in the model
			}
			n.props = append(n.props, prop{name: p.Name, node: c.compile(p.Schema, depth+1), keyOK: schema.KeyProblem(p.Name) == schema.KeyOK})
		}
	}
	if m := s.Required; m != nil {
		if m.Value.Kind != schema.Array {
			c.problem(m.Value.Pointer, "required is a %s, want an array", m.Value.Kind)
		}
		for _, e := range m.Value.Elems {
			if e.Kind != schema.String {
				c.problem(e.Pointer, "required entry is a %s, want a string", e.Kind)
				continue
			}
			i := n.lookup(e.Text)
			if i < 0 {
				i = len(n.props)
				n.props = append(n.props, prop{name: e.Text, keyOK: schema.KeyProblem(e.Text) == schema.KeyOK})
			}
			if !containsInt(n.required, i) {
				n.required = append(n.required, i)
			}
		}
	}
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
	if len(n.props) > lookupLinear {
		n.index = make(map[string]int, len(n.props))
		for i, p := range n.props {
			n.index[p.name] = i
		}
	}
	if m := s.Items; m != nil {
		if s.ItemsSchema == nil {
			c.problem(m.Value.Pointer, "items is a %s, want an object", m.Value.Kind)
		} else {
			n.items = c.compile(s.ItemsSchema, depth+1)
		}
	}
	if m := s.OneOf; m != nil {
		if m.Value.Kind != schema.Array || len(m.Value.Elems) == 0 {
			c.problem(m.Value.Pointer, "oneOf is not a non-empty array")
		} else if len(s.Options) != len(m.Value.Elems) {
			c.problem(m.Value.Pointer, "oneOf has an option that is not an object")
		}
		for _, o := range s.Options {
			n.oneOf = append(n.oneOf, c.compile(o, depth+1))
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
		n.role == roleNone && !n.futureDate && !n.identity
	return n
}

func (c *compiler) types(v *schema.Node) uint8 {
	one := func(e *schema.Node) uint8 {
		if e.Kind != schema.String {
			c.problem(e.Pointer, "type is a %s, want a string", e.Kind)
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
		c.problem(e.Pointer, "unknown type %q", e.Text)
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

func (n *node) lookup(name string) int {
	if n.index != nil {
		if i, ok := n.index[name]; ok {
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

func containsInt(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

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
