package schema

import (
	"strconv"
	"sync"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
)

// Kind is the JSON type of a node.
type Kind uint8

// The kinds of node. Invalid marks a value that could not be read (a
// malformed number or literal); the parser reports it and goes on.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"invalid", "null", "boolean", "number", "string", "object", "array"}

// String returns the JSON Schema name of the kind ("boolean", "object", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Node is one JSON value with its position in the file.
type Node struct {
	Kind Kind
	Span Span // the value, from its first byte to just past its last
	// Text is the decoded string of a String, the literal text of a Number
	// ("1e3", "-0.5"), "true" or "false" for a Bool, and the raw text of an
	// Invalid value.
	Text    string
	Members []*Member // an Object's members in file order, duplicates included
	Elems   []*Node   // an Array's elements

	// parent is the object or array the value is in, nil for the root;
	// index is its place among the parent's Members or Elems. Pointer
	// reads them, so that no pointer is built before one is asked for.
	parent *Node
	index  int
}

// Pointer returns where the value is in the document. It is built on
// demand from the value's place in the tree: building every node's pointer
// while parsing cost a tenth of a lint.
func (n *Node) Pointer() Pointer {
	if n == nil || n.parent == nil {
		return ""
	}
	var stack [16]*Node
	up := stack[:0]
	size := 0
	for c := n; c.parent != nil; c = c.parent {
		up = append(up, c)
		size += 1 + len(c.token())
	}
	b := make([]byte, 0, size+8)
	for i := len(up) - 1; i >= 0; i-- {
		b = append(b, '/')
		c := up[i]
		if c.parent.Kind == Array {
			b = strconv.AppendInt(b, int64(c.index), 10)
			continue
		}
		b = AppendToken(b, c.parent.Members[c.index].Name)
	}
	return Pointer(b)
}

// token returns the unescaped reference token of a value with a parent:
// its member's key, or "" for an array element (whose index Pointer
// writes), for sizing.
func (n *Node) token() string {
	if n.parent.Kind == Array {
		return "0000"
	}
	return n.parent.Members[n.index].Name
}

// Member is one "key": value pair of an object.
type Member struct {
	Name    string // the decoded key
	KeySpan Span   // the key, quotes included
	Value   *Node
}

// Bool reports the value of a Bool node; it is false for other kinds.
func (n *Node) Bool() bool { return n != nil && n.Kind == Bool && n.Text == "true" }

// Get returns the first member of an Object named name, or nil.
func (n *Node) Get(name string) *Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, m := range n.Members {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// IsInteger reports whether a Number node holds a whole number (1, -3, 2.0,
// 1e2), the way JSON Schema's "integer" is defined.
func (n *Node) IsInteger() bool {
	if n == nil || n.Kind != Number {
		return false
	}
	return jsonscan.IsInteger([]byte(n.Text))
}

// Duplicate records a key that occurs more than once in one object.
type Duplicate struct {
	Object *Node
	First  *Member // the first member with the name
	Again  *Member // a later member with the same name
}

// File is a parsed schema file: its source, the tree of values and
// everything that was wrong with it. Its line table is built from Src when
// a position is first asked for: a file with nothing to report never needs
// it.
type File struct {
	Name       string
	Src        []byte
	Root       *Node // nil when the input holds no usable top-level value
	Errors     ErrorList
	Duplicates []Duplicate

	objects, members int // how many of each the parser made, to size the model
	lines            lineCache
	chars            charCache
}

// lineCache builds a File's line table once, when a position is first
// asked for.
type lineCache struct {
	once  sync.Once
	lines Lines
}

// Lines returns the line table of f.Src. It is built on the first call;
// the File may be read from several goroutines.
func (f *File) Lines() Lines {
	f.lines.once.Do(func() { f.lines.lines = NewLines(f.Src) })
	return f.lines.lines
}

// Position returns the line and column of a byte offset of f.
func (f *File) Position(offset int) Position { return f.Lines().Position(offset) }

// Resolve returns the node that p refers to, or nil when there is none. Where
// an object has a duplicate key, the first member with that key is followed.
func (f *File) Resolve(p Pointer) *Node {
	n := f.Root
	if n == nil || !p.Valid() {
		return nil
	}
	for _, tok := range p.Tokens() {
		switch n.Kind {
		case Object:
			m := n.Get(tok)
			if m == nil {
				return nil
			}
			n = m.Value
		case Array:
			i, ok := arrayIndex(tok)
			if !ok || i >= len(n.Elems) {
				return nil
			}
			n = n.Elems[i]
		default:
			return nil
		}
	}
	return n
}

// arrayIndex parses an RFC 6901 array index: "0" or digits without a
// leading zero.
func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 9 || (len(tok) > 1 && tok[0] == '0') {
		return 0, false
	}
	i := 0
	for _, c := range []byte(tok) {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
	}
	return i, true
}
