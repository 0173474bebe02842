package validate

import (
	"encoding/binary"
	"strings"
	"unicode"
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
	// req is reqMask[0] when the object has at most 64 props, which
	// objectPlain keeps in one word.
	req uint64

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

	// The flags of value's common path, set by index: rawFormat when a
	// string's format accepts only plain ASCII (format.rawSafe) and strings
	// are allowed; stringChecked when strings are allowed and have a
	// format or an annotation to check, annotated when they have an
	// annotation; more when the node has a const, a oneOf or keywords
	// outside the dialect.
	rawFormat, stringChecked, annotated, more bool

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
	// fast marks a key that objectPlain checks without a string scan: plain,
	// following the key rules, with a schema.
	fast bool
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

// trivial reports whether n accepts every value and checks nothing.
func (n *node) trivial() bool {
	return n.types == tAny && n.x == nil && n.props == nil && n.items == nil && n.oneOf == nil &&
		!n.hasConst && n.check == fmtNone && n.role == roleNone && !n.futureDate && !n.identity
}

// index builds the look-up structures of an object node once its props
// are final, and sets the flags of value's common path.
func (n *node) index() {
	n.annotated = n.role != roleNone || n.identity || n.futureDate
	n.stringChecked = n.types&tString != 0 && (n.check != fmtNone || n.annotated)
	n.rawFormat = n.types&tString != 0 && n.check.rawSafe()
	n.more = n.hasConst || n.oneOf != nil || n.x != nil
	n.req = 0
	if len(n.required) > 0 {
		n.reqMask = make([]uint64, (len(n.props)+63)/64)
		for _, i := range n.required {
			n.reqMask[i/64] |= 1 << (i % 64)
		}
		if len(n.props) <= 64 {
			n.req = n.reqMask[0]
		}
	}
	for i := range n.props {
		p := &n.props[i]
		if p.plain = plainKey(p.name); p.plain {
			p.setQuoted()
		}
		p.fast = p.plain && p.keyOK && p.node != nil
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
