package schema

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
)

// MaxDepth is the deepest nesting of objects and arrays that Parse accepts:
// the limit of every parser of the module, and of encoding/json.
const MaxDepth = jsonscan.MaxDepth

// maxErrors is how many errors Parse collects before it gives up on a file.
const maxErrors = 25

// Parse reads src as strict JSON. It always returns a File, with every problem
// it met in File.Errors; the error it returns is File.Errors.Err().
//
// Parse steps over the mistakes people make when they paste JSON by hand (a
// no-break space used as indentation, a comment, a trailing comma, single
// quotes, a missing colon or comma), reports each one and goes on, so that
// File.Root is usable for further checks whenever the input's structure is
// clear. After an error it cannot step over, such as an unexpected end of
// input, File.Root is nil.
//
// Parse reads a copy of src, which the File keeps as its Src: the File,
// its strings and its positions do not change when the caller's src does.
func Parse(name string, src []byte) (*File, error) {
	return parse(name, src, true)
}

// ParseValue is Parse for a JSON value of any kind at the root: an array,
// a string, a number, true, false or null as well as an object.
func ParseValue(name string, src []byte) (*File, error) {
	return parse(name, src, false)
}

// parse reads a copy of src, which the File keeps as its Src: its
// strings, and its line table, which is built from Src when it is first
// needed, do not change when the caller's src does.
func parse(name string, src []byte, wantObject bool) (*File, error) {
	p := &parser{}
	own := bytes.Clone(src)
	return p.parse(&File{Name: name, Src: own}, unsafe.String(unsafe.SliceData(own), len(own)), wantObject)
}

// Parser parses schema files and builds their Documents, keeping the
// memory of one call's tree (its nodes, members, the slices of Members and
// Elems, the schemas and properties of its Document, the File and the
// Document themselves) and reusing it in the next call: a stream of files
// parsed by one Parser allocates little more than each file's text.
//
// What a call returns (the Document, the File, every Node, Member, Schema
// and Property reachable from them) is valid only until the next call on
// the same Parser, or Reset: the next call overwrites it. A caller that
// keeps any of it beyond the next call must copy it.
//
// A Parser does not copy src: the strings of the tree (each Member's Name,
// each Node's Text) share its memory, so that src must not change while
// they are in use, and a string kept after src changes must be copied
// (strings.Clone). The errors' messages, pointers and repairs are the
// Parser's own strings and stay valid.
//
// A Parser is not safe for concurrent use: give each goroutine its own, or
// draw them from a pool. The zero Parser is ready to use. The package's
// Parse, ParseValue and Load copy src and allocate fresh memory for every
// call, and have none of these limits.
type Parser struct {
	p    parser
	b    builder
	file File
	doc  Document
}

// Parse is Parse with the Parser's memory: see Parser.
func (ps *Parser) Parse(name string, src []byte) (*File, error) {
	f, err := ps.parse(name, src, true)
	ps.b.sweep()
	return f, err
}

// ParseValue is ParseValue with the Parser's memory: see Parser.
func (ps *Parser) ParseValue(name string, src []byte) (*File, error) {
	f, err := ps.parse(name, src, false)
	ps.b.sweep()
	return f, err
}

// Load is Load with the Parser's memory: see Parser.
func (ps *Parser) Load(name string, src []byte) (*Document, error) {
	f, err := ps.parse(name, src, true)
	ps.doc = Document{File: f}
	ps.b.build(&ps.doc)
	ps.b.sweep()
	return &ps.doc, err
}

func (ps *Parser) parse(name string, src []byte, wantObject bool) (*File, error) {
	ps.p.rewind()
	ps.b.rewind()
	ps.file = File{Name: name, Src: src}
	ps.doc = Document{}
	f, err := ps.p.parse(&ps.file, unsafe.String(unsafe.SliceData(src), len(src)), wantObject)
	ps.p.sweep()
	return f, err
}

// Reset drops the Parser's last tree, as the next call would, so that
// nothing it read is kept alive by the Parser while it waits for that
// call: its chunks are zeroed and kept, up to a bound, for reuse.
func (ps *Parser) Reset() {
	ps.p.rewind()
	ps.p.sweep()
	ps.b.rewind()
	ps.b.sweep()
	ps.file = File{}
	ps.doc = Document{}
}

// parse reads f.Src, whose text is text, into f.
func (p *parser) parse(f *File, text string, wantObject bool) (*File, error) {
	p.src, p.text, p.f = f.Src, text, f
	p.run(wantObject)
	if p.spaceMore > 0 {
		lines := "lines"
		if p.spaceMore == 1 {
			lines = "line"
		}
		p.space.Msg += fmt.Sprintf(" (and on %d more %s)", p.spaceMore, lines)
	}
	p.f.Errors.Sort()
	p.f.members = p.memberCount
	return p.f, p.f.Errors.Err()
}

// rewind makes a parser used before ready for another input, keeping its
// chunks and stacks; what they hold of the last input is left for sweep.
func (p *parser) rewind() {
	p.nodes.rewind()
	p.members.rewind()
	p.memberPtrs.rewind()
	p.elemPtrs.rewind()
	*p = parser{
		nodes: p.nodes, members: p.members, memberPtrs: p.memberPtrs, elemPtrs: p.elemPtrs,
		openMembers: p.openMembers[:0], openElems: p.openElems[:0], open: p.open[:0], path: p.path[:0], seen: p.seen,
		nseen: p.nseen,
	}
}

// sweep zeroes what the parser keeps of the input before the last, and
// drops the stacks and indexes that have grown over their bounds. After
// an error it cannot step over, the stacks and indexes of the objects and
// arrays left open are cleared here.
func (p *parser) sweep() {
	p.nodes.sweep()
	p.members.sweep()
	p.memberPtrs.sweep()
	p.elemPtrs.sweep()
	p.openMembers = resetSlice(p.openMembers)
	p.openElems = resetSlice(p.openElems)
	// The stack of open values is popped without zeroing: its entries up
	// to the input's depth hold its nodes, each of which would keep the
	// whole tree alive.
	clear(p.open[:min(p.deepest, cap(p.open))])
	p.open = resetSlice(p.open)
	// Popped tokens are left in place too, no deeper than the input: the
	// entries past its depth are zero already, and are not zeroed again
	// after every input once a deep one has made room for them.
	clear(p.path[:min(p.deepest, cap(p.path))])
	p.path = resetSlice(p.path)
	for i := range p.seen[:p.nseen] {
		p.seen[i].reset()
	}
	p.nseen = 0
	p.trimSeen()
}

// trimSeen bounds the name tables kept for the next input, as the chunks
// are: an input with large objects nested deep leaves a table for each
// level, and a Parser keeps no more of them than maxRetained bytes.
func (p *parser) trimSeen() {
	const header = int(unsafe.Sizeof(nameTable{}))
	size := 0
	for i := range p.seen {
		if size += header + (cap(p.seen[i].slots)+cap(p.seen[i].spill))*8; size > maxRetained/2 {
			clear(p.seen[i:])
			p.seen = p.seen[:i]
			break
		}
	}
	if cap(p.seen)*header > maxRetained/2 {
		p.seen = append([]nameTable(nil), p.seen...)
	}
}

type parser struct {
	src       []byte
	text      string // src as a string: keys and values are cut from it
	pos       int
	depth     int
	deepest   int // the greatest depth reached, which bounds the stacks used
	f         *File
	path      []pathToken // where the parser is, for the pointers of errors
	spaceLine int         // the last line on which a bad space was met
	space     *Error      // the first bad-space error; later lines are counted in it
	spaceMore int         // how many more lines have bad spaces

	// The tree is cut from chunks: nodes, members and the slices of
	// Members and Elems are taken from arrays allocated a few at a time
	// rather than one by one, and kept by a Parser for its next input.
	// openMembers and openElems hold the children of the objects and
	// arrays being read, until each is complete.
	nodes       slab[Node]
	members     slab[Member]
	memberPtrs  slab[*Member]
	elemPtrs    slab[*Node]
	openMembers []*Member
	openElems   []*Node
	chunk       int // the size of the chunks of nodes
	memberChunk int // the size of the chunks of members
	memberCount int
	open        []openValue // the objects and arrays being read, outermost first

	// seen holds the indexes of member names of the large objects being
	// read, innermost last: nseen are in use.
	seen  []nameTable
	nseen int
	seed  maphash.Seed // of the indexes' hashes, set on first use
}

// openValue is an object or array being read, and where its children
// start in openMembers or openElems.
type openValue struct {
	n    *Node
	base int
}

// pathToken is one step of the parser's path: a key, or an array index.
type pathToken struct {
	name  string
	index int
	elem  bool
}

// push enters a member's value or an array element and returns the
// length of the path, which stands for its pointer.
func (p *parser) push(t pathToken) int {
	p.path = append(p.path, t)
	return len(p.path)
}

func (p *parser) pop() { p.path = p.path[:len(p.path)-1] }

// pointer returns the pointer of the first n steps of the path.
func (p *parser) pointer(n int) Pointer {
	if n == 0 {
		return ""
	}
	var b []byte
	for _, t := range p.path[:n] {
		b = append(b, '/')
		if t.elem {
			b = strconv.AppendInt(b, int64(t.index), 10)
		} else {
			b = AppendToken(b, t.name)
		}
	}
	return Pointer(b)
}

// sizeChunks sizes the chunks from the number of colons and commas, which
// bound the numbers of members and values, when the first is allocated:
// a Parser that has chunks enough for the input never counts.
func (p *parser) sizeChunks() {
	if p.chunk > 0 {
		return
	}
	colons := bytes.Count(p.src, []byte{':'})
	commas := bytes.Count(p.src, []byte{','})
	const most = 1 << 14
	p.chunk = max(min(colons+commas/4+8, most), 64)
	p.memberChunk = max(min(colons+4, most), 64)
}

// node returns a new node.
func (p *parser) node(kind Kind, start, end int, text string) *Node {
	var n *Node
	if k := len(p.nodes.cur); k < cap(p.nodes.cur) {
		p.nodes.cur = p.nodes.cur[:k+1]
		n = &p.nodes.cur[k]
	} else {
		n = p.nextNode()
	}
	*n = Node{Kind: kind, Span: Span{start, end}, Text: text}
	return n
}

// nextNode is node when the chunk being cut is full.
func (p *parser) nextNode() *Node {
	c := p.nodes.cut(1)
	if c == nil {
		p.sizeChunks()
		c = p.nodes.grow(1, p.chunk)
	}
	return &c[0]
}

// member returns a new member.
func (p *parser) member(name string, key Span) *Member {
	var m *Member
	if k := len(p.members.cur); k < cap(p.members.cur) {
		p.members.cur = p.members.cur[:k+1]
		m = &p.members.cur[k]
	} else {
		c := p.members.cut(1)
		if c == nil {
			p.sizeChunks()
			c = p.members.grow(1, p.memberChunk)
		}
		m = &c[0]
	}
	*m = Member{Name: name, KeySpan: key}
	p.memberCount++
	return m
}

// closeObject gives an object its members, those of openMembers from
// base on, and drops them from openMembers.
func (p *parser) closeObject(n *Node, base int) {
	ms := p.openMembers[base:]
	if len(ms) > 0 {
		c := p.memberPtrs.cut(len(ms))
		if c == nil {
			p.sizeChunks()
			c = p.memberPtrs.grow(len(ms), p.memberChunk)
		}
		n.Members = c
		copy(n.Members, ms)
	}
	clear(ms)
	p.openMembers = p.openMembers[:base]
	p.open = p.open[:len(p.open)-1]
}

// closeArray gives an array its elements, as closeObject does.
func (p *parser) closeArray(n *Node, base int) {
	es := p.openElems[base:]
	if len(es) > 0 {
		c := p.elemPtrs.cut(len(es))
		if c == nil {
			p.sizeChunks()
			c = p.elemPtrs.grow(len(es), max(p.chunk/4, 64))
		}
		n.Elems = c
		copy(n.Elems, es)
	}
	clear(es)
	p.openElems = p.openElems[:base]
	p.open = p.open[:len(p.open)-1]
}

// bailout unwinds the parser after an error it cannot step over.
type bailout struct{}

func (p *parser) run(wantObject bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			// The objects and arrays left open get the children read so
			// far, so that the values they hold, such as those of
			// File.Duplicates, have their pointers.
			for len(p.open) > 0 {
				o := p.open[len(p.open)-1]
				if o.n.Kind == Object {
					p.closeObject(o.n, o.base)
				} else {
					p.closeArray(o.n, o.base)
				}
			}
			p.f.Root = nil
		}
	}()
	if len(p.src) >= 3 && p.src[0] == 0xEF && p.src[1] == 0xBB && p.src[2] == 0xBF {
		p.errorf(ErrSpace, 0, 0, "byte order mark (U+FEFF) at the start of the file; JSON text must not begin with one").repair(0, 3, "")
		p.pos = 3
	}
	p.skipSpace(0)
	if p.pos >= len(p.src) {
		want := "value"
		if wantObject {
			want = "object"
		}
		p.fatalf(ErrEmpty, p.pos, 0, "empty input: want a JSON %s", want)
	}
	root := p.value(0)
	p.skipSpace(0)
	if p.pos < len(p.src) {
		p.fatalf(ErrTrailingData, p.pos, 0, "unexpected %s after the top-level value", p.describe(p.pos))
	}
	p.f.Root = root
	// A value that could not be read has its error already, at the same
	// place: "root is an invalid value" would only repeat it.
	if wantObject && root.Kind != Object && root.Kind != Invalid {
		p.errorf(ErrRootNotObject, root.Span.Start, 0, "root is %s, want an object", article(root.Kind))
	}
}

func article(k Kind) string {
	switch k {
	case Array, Object, Invalid:
		return "an " + k.String()
	case Null:
		return "null"
	}
	return "a " + k.String()
}

// errorf records an error and returns it, so that the caller can add its
// repairs.
func (p *parser) errorf(kind ErrorKind, off int, ptr int, format string, args ...any) *Error {
	e := &Error{
		Kind: kind, Offset: off, Pos: p.f.Lines().Position(off), Pointer: p.pointer(ptr),
		Msg: fmt.Sprintf(format, args...),
	}
	p.f.Errors = append(p.f.Errors, e)
	if len(p.f.Errors) >= maxErrors {
		p.f.Errors = append(p.f.Errors, &Error{
			Kind: ErrSyntax, Offset: off, Pos: p.f.Lines().Position(off), Pointer: p.pointer(ptr),
			Msg: "too many errors; stopped reading the file",
		})
		panic(bailout{})
	}
	return e
}

// repair adds to e an edit that replaces [start, end) with text.
func (e *Error) repair(start, end int, text string) {
	e.Repairs = append(e.Repairs, Repair{Span: Span{start, end}, Text: text})
}

func (p *parser) fatalf(kind ErrorKind, off int, ptr int, format string, args ...any) {
	p.errorf(kind, off, ptr, format, args...)
	panic(bailout{})
}

// describe names the character at off for an error message.
func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of input"
	}
	r, size := utf8.DecodeRune(p.src[off:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte 0x%02X (invalid UTF-8)", p.src[off])
	}
	if r < 0x20 || r == 0x7F || r > 0x7E {
		return fmt.Sprintf("character %U", r)
	}
	return fmt.Sprintf("character %q", r)
}

// skipSpace moves past JSON white space. Comments and Unicode spaces that
// JSON does not allow are reported and skipped too.
func (p *parser) skipSpace(ptr int) {
	// Most calls are at a token: they return at once, inlined.
	if p.atToken() {
		return
	}
	p.skipWhite(ptr)
}

// atToken reports whether the parser is at a printable ASCII character
// other than '/': where skipSpace has nothing to skip. The loops of object
// and array test it inline before they call skipSpace.
func (p *parser) atToken() bool {
	pos := p.pos
	return pos < len(p.src) && p.src[pos]-'!' < 0x7F-'!' && p.src[pos] != '/'
}

// skipWhite is skipSpace where there may be white space.
func (p *parser) skipWhite(ptr int) {
	// The white space of JSON is read in a loop of its own; the rest is
	// skipOtherSpace.
	src, pos := p.src, p.pos
	for pos < len(src) {
		c := src[pos]
		if c > ' ' || (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
			break
		}
		pos++
		if c == '\n' {
			// The indentation of the next line: its spaces eight at a
			// time, the first byte that is not one found by its bits.
			for pos+8 <= len(src) {
				if x := binary.LittleEndian.Uint64(src[pos:]) ^ 0x2020202020202020; x != 0 {
					pos += bits.TrailingZeros64(x) >> 3
					break
				}
				pos += 8
			}
		}
	}
	p.pos = pos
	if pos == len(src) || (src[pos] != '/' && src[pos] < utf8.RuneSelf) {
		return
	}
	p.skipOtherSpace(ptr)
}

// skipOtherSpace is skipSpace at a comment or a character that is not
// ASCII, which may be a Unicode space.
func (p *parser) skipOtherSpace(ptr int) {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '/' && p.pos+1 < len(p.src) && (p.src[p.pos+1] == '/' || p.src[p.pos+1] == '*'):
			p.comment(ptr)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(p.src[p.pos:])
			if !unicode.IsSpace(r) && r != 0xFEFF && r != 0x200B {
				return
			}
			if line := p.f.Lines().Position(p.pos).Line; line != p.spaceLine {
				p.spaceLine = line
				switch {
				case p.space != nil:
					p.spaceMore++
				case r == 0xA0:
					p.space = p.errorf(ErrSpace, p.pos, ptr, "no-break space (U+00A0) used as white space; JSON allows only space, tab, line feed and carriage return")
				default:
					p.space = p.errorf(ErrSpace, p.pos, ptr, "%U used as white space; JSON allows only space, tab, line feed and carriage return", r)
				}
			}
			// Every bad space of the file is repaired by the first error:
			// a space for a space, nothing for the zero-width ones.
			text := " "
			if r == 0xFEFF || r == 0x200B {
				text = ""
			}
			p.space.repair(p.pos, p.pos+size, text)
			p.pos += size
		default:
			return
		}
	}
}

func (p *parser) comment(ptr int) {
	start := p.pos
	e := p.errorf(ErrComment, start, ptr, "comment; JSON has no comments")
	if p.src[p.pos+1] == '/' {
		for p.pos < len(p.src) && p.src[p.pos] != '\n' {
			p.pos++
		}
	} else {
		end := strings.Index(string(p.src[p.pos+2:]), "*/")
		if end < 0 {
			p.fatalf(ErrEOF, len(p.src), ptr, "unexpected end of input in a comment that starts at %s", p.f.Lines().Position(start))
		}
		p.pos += 2 + end + 2
	}
	e.repair(commentCut(p.src, start, p.pos))
}

// commentCut returns the bytes to delete to remove the comment [start,
// end): with the spaces and tabs before it on its line, and with its whole
// line when nothing else is on it, so that no blank or space-ended line is
// left behind.
func commentCut(src []byte, start, end int) (int, int, string) {
	from := start
	for from > 0 && (src[from-1] == ' ' || src[from-1] == '\t') {
		from--
	}
	to := end
	for to < len(src) && (src[to] == ' ' || src[to] == '\t' || src[to] == '\r') {
		to++
	}
	alone := (from == 0 || src[from-1] == '\n') && (to == len(src) || src[to] == '\n')
	switch {
	case alone && to < len(src):
		return from, to + 1, "" // the line and its line feed
	case alone && from > 0:
		return from - 1, to, "" // the last line and the line feed before it
	case to == len(src) || src[to] == '\n':
		return from, to, "" // the comment ends its line: the spaces before it go too
	}
	return start, end, "" // code follows on the line: only the comment goes
}

// value parses one JSON value at p.pos, which is not white space.
func (p *parser) value(ptr int) *Node {
	if p.pos >= len(p.src) {
		p.fatalf(ErrEOF, p.pos, ptr, "unexpected end of input, want a value")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(ptr)
	case c == '[':
		return p.array(ptr)
	case c == '"':
		start := p.pos
		s := p.str(ptr, '"')
		return p.node(String, start, p.pos, s)
	case c == '\'':
		start := p.pos
		e := p.errorf(ErrSingleQuote, start, ptr, "string in single quotes; JSON strings use double quotes")
		n := len(p.f.Errors)
		s := p.str(ptr, '\'')
		if len(p.f.Errors) == n {
			e.repair(start, p.pos, Quote(s))
		}
		return p.node(String, start, p.pos, s)
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number(ptr)
	case isWordByte(c):
		return p.literal(ptr)
	case c == ',' || c == '}' || c == ']' || c == ':':
		p.fatalf(ErrSyntax, p.pos, ptr, "unexpected %s, want a value", p.describe(p.pos))
	}
	if r, size := utf8.DecodeRune(p.src[p.pos:]); r == utf8.RuneError && size <= 1 {
		p.fatalf(ErrInvalidUTF8, p.pos, ptr, "invalid UTF-8 byte 0x%02X", p.src[p.pos])
	}
	p.fatalf(ErrSyntax, p.pos, ptr, "unexpected %s, want a value", p.describe(p.pos))
	return nil
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

func (p *parser) literal(ptr int) *Node {
	start := p.pos
	for p.pos < len(p.src) && isWordByte(p.src[p.pos]) {
		p.pos++
	}
	word := p.text[start:p.pos]
	n := p.node(Invalid, start, p.pos, word)
	switch word {
	case "true", "false":
		n.Kind = Bool
	case "null":
		n.Kind = Null
	default:
		n.Kind = Invalid
		hint := "JSON literals are true, false and null"
		lower := strings.ToLower(word)
		switch lower {
		case "true", "false", "null":
			hint = "JSON literals are lower case"
		case "none", "nil", "undefined":
			hint = "use null"
		case "nan", "infinity":
			hint = "JSON has no " + word
		}
		e := p.errorf(ErrSyntax, start, ptr, "invalid literal %q; %s", truncate(word, 40), hint)
		if lower == "true" || lower == "false" || lower == "null" {
			e.repair(start, p.pos, lower)
		}
	}
	return n
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

func (p *parser) number(ptr int) *Node {
	start := p.pos
	end := start
	for end < len(p.src) && (isWordByte(p.src[end]) || p.src[end] == '.' || p.src[end] == '+' || p.src[end] == '-') {
		end++
	}
	text := p.text[start:end]
	p.pos = end
	n := p.node(Number, start, end, text)
	if msg := numberProblem(p.src[start:end]); msg != "" {
		n.Kind = Invalid
		p.errorf(ErrNumber, start, ptr, "invalid number %q: %s", truncate(text, 40), msg)
	}
	return n
}

// numberProblem returns why tok, a run of the bytes numbers are made of,
// is not one JSON number, or "". The grammar is jsonscan's; the hints
// explain the mistakes people make.
func numberProblem(tok []byte) string {
	switch tok[0] {
	case '+':
		return "a leading + is not allowed"
	case '.':
		return "want a digit before the decimal point"
	}
	end, _, c := jsonscan.Number(tok, 0)
	switch {
	case c != jsonscan.OK:
		return c.String()
	case end == len(tok):
		return ""
	case string(tok[:end]) == "0" || string(tok[:end]) == "-0":
		if tok[end] >= '0' && tok[end] <= '9' {
			return "leading zeros are not allowed"
		}
		if tok[end] == 'x' || tok[end] == 'X' {
			return "hexadecimal numbers are not allowed"
		}
	}
	return fmt.Sprintf("unexpected %q", tok[end])
}

// str parses a string quoted with q ('"', or '\” after an error) and
// returns its decoded value.
func (p *parser) str(ptr int, q byte) string {
	start := p.pos
	if q == '"' {
		// A valid string is read by jsonscan; only a bad one needs the
		// recovering loop below, which reports each of its problems.
		end, esc, c := jsonscan.String(p.src, start)
		if c == jsonscan.OK {
			p.pos = end
			if !esc {
				return p.text[start+1 : end-1]
			}
			return string(jsonscan.AppendUnquoted(nil, p.src[start+1:end-1]))
		}
	}
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			p.fatalf(ErrEOF, p.pos, ptr, "unexpected end of input in a string that starts at %s", p.f.Lines().Position(start))
		}
		c := p.src[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String()
		case c == '\n' || c == '\r':
			p.fatalf(ErrString, p.pos, ptr, "unterminated string: a line break before the closing quote of the string that starts at %s", p.f.Lines().Position(start))
		case c < 0x20:
			p.errorf(ErrString, p.pos, ptr, "control character %U in a string; write it as an escape", rune(c))
			b.WriteByte(c)
			p.pos++
		case c == '\\':
			p.escape(ptr, q, &b)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				p.errorf(ErrInvalidUTF8, p.pos, ptr, "invalid UTF-8 byte 0x%02X in a string", c)
			}
			b.WriteRune(r)
			p.pos += size
		}
	}
}

func (p *parser) escape(ptr int, q byte, b *strings.Builder) {
	start := p.pos
	r, end, c := jsonscan.Escape(p.src, p.pos)
	switch c {
	case jsonscan.OK:
		b.WriteRune(r)
		p.pos = end
		return
	case jsonscan.ErrStringEOF:
		p.fatalf(ErrEOF, len(p.src), ptr, "unexpected end of input in an escape sequence")
	case jsonscan.ErrUnicodeEscape:
		p.pos += 2
		p.errorf(ErrString, start, ptr, "invalid escape: \\u needs four hexadecimal digits")
		return
	}
	e := p.src[p.pos+1]
	p.pos += 2
	if e == '\'' && q == '\'' {
		b.WriteByte(e)
		return
	}
	p.errorf(ErrString, start, ptr, "invalid escape \\%s in a string", p.escapeChar(p.pos-1))
	b.WriteByte(e)
}

func (p *parser) escapeChar(off int) string {
	if off >= len(p.src) {
		return ""
	}
	r, _ := utf8.DecodeRune(p.src[off:])
	if r < 0x20 || r == utf8.RuneError {
		return fmt.Sprintf("%U", r)
	}
	return string(r)
}

func (p *parser) enter(ptr int) {
	p.depth++
	p.deepest = max(p.deepest, p.depth)
	if p.depth > MaxDepth {
		p.fatalf(ErrTooDeep, p.pos, ptr, "nesting deeper than %d levels", MaxDepth)
	}
}

func (p *parser) object(ptr int) *Node {
	p.enter(ptr)
	n := p.node(Object, p.pos, p.pos, "")
	p.f.objects++
	base := len(p.openMembers)
	p.open = append(p.open, openValue{n, base})
	seen := -1 // the index of the object's names in p.seen, once it has one
	p.pos++    // {
	if !p.atToken() {
		p.skipWhite(ptr)
	}
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		n.Span.End = p.pos
		p.endObject(n, base, seen)
		return n
	}
	for {
		// A key.
		if p.pos >= len(p.src) {
			p.fatalf(ErrEOF, p.pos, ptr, "unexpected end of input in the object that starts at %s", p.f.Lines().Position(n.Span.Start))
		}
		keyStart := p.pos
		var name string
		switch c := p.src[p.pos]; {
		case c == '"':
			name = p.str(ptr, '"')
		case c == '\'':
			e := p.errorf(ErrSingleQuote, keyStart, ptr, "key in single quotes; JSON keys use double quotes")
			n := len(p.f.Errors)
			name = p.str(ptr, '\'')
			if len(p.f.Errors) == n {
				e.repair(keyStart, p.pos, Quote(name))
			}
		case isWordByte(c):
			for p.pos < len(p.src) && isWordByte(p.src[p.pos]) {
				p.pos++
			}
			name = p.text[keyStart:p.pos]
			p.errorf(ErrSyntax, keyStart, ptr, "key %s is not quoted; JSON keys are strings in double quotes", truncate(name, 40)).
				repair(keyStart, p.pos, Quote(name))
		default:
			p.fatalf(ErrSyntax, p.pos, ptr, "unexpected %s, want a key in double quotes", p.describe(p.pos))
		}
		m := p.member(name, Span{keyStart, p.pos})
		mptr := p.push(pathToken{name: name})
		// The colon.
		if !p.atToken() {
			p.skipWhite(mptr)
		}
		switch {
		case p.pos < len(p.src) && p.src[p.pos] == ':':
			p.pos++
			if !p.atToken() {
				p.skipWhite(mptr)
			}
		case p.pos < len(p.src) && startsValue(p.src[p.pos]):
			p.errorf(ErrMissingColon, p.pos, mptr, "missing colon after key %q", truncate(name, 40)).
				repair(m.KeySpan.End, m.KeySpan.End, ":")
		case p.pos >= len(p.src):
			p.fatalf(ErrEOF, p.pos, mptr, "unexpected end of input, want a colon after key %q", truncate(name, 40))
		default:
			p.fatalf(ErrMissingColon, p.pos, mptr, "unexpected %s, want a colon after key %q", p.describe(p.pos), truncate(name, 40))
		}
		m.Value = p.value(mptr)
		p.pop()
		m.Value.parent, m.Value.index = n, len(p.openMembers)-base
		p.openMembers = append(p.openMembers, m)
		p.noteDuplicate(n, p.openMembers[base:], &seen)
		// A comma or the end.
		if !p.atToken() {
			p.skipWhite(ptr)
		}
		if p.pos >= len(p.src) {
			p.fatalf(ErrEOF, p.pos, ptr, "unexpected end of input in the object that starts at %s, want a comma or }", p.f.Lines().Position(n.Span.Start))
		}
		switch c := p.src[p.pos]; {
		case c == ',':
			comma := p.pos
			p.pos++
			if !p.atToken() {
				p.skipWhite(ptr)
			}
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				p.errorf(ErrTrailingComma, comma, ptr, "trailing comma before }").repair(comma, comma+1, "")
				p.pos++
				n.Span.End = p.pos
				p.endObject(n, base, seen)
				return n
			}
		case c == '}':
			p.pos++
			n.Span.End = p.pos
			p.endObject(n, base, seen)
			return n
		case c == '"' || c == '\'':
			end := m.Value.Span.End
			p.errorf(ErrMissingComma, p.pos, ptr, "missing comma between object members").repair(end, end, ",")
		default:
			p.fatalf(ErrSyntax, p.pos, ptr, "unexpected %s after an object member, want a comma or }", p.describe(p.pos))
		}
	}
}

// endObject completes an object whose closing brace was read.
func (p *parser) endObject(n *Node, base, seen int) {
	p.depth--
	p.closeObject(n, base)
	if seen >= 0 {
		p.seen[seen].reset()
		p.nseen--
	}
}

// nameTable indexes the member names of a large object for noteDuplicate:
// an open-addressing table of the members' places among the object's
// members, so that it holds no pointers and is zeroed at the cost of its
// size. Its hashes are seeded at random, so that no input makes its probes
// long.
//
// The table of each object starts small and doubles as the object grows,
// within the room a larger object left when there is room: the slots past
// the table's length are zero, and only its length is zeroed when the
// object ends, so that an object costs what its own members need however
// large an earlier object was.
type nameTable struct {
	slots []uint64 // the hash's upper half, and the member's place plus one; 0 is empty
	n     int      // how many slots are used
	spill []uint64 // the slots of a table doubled to the end of its room
}

// maxTableSlots is the most slots a nameTable keeps for its next object.
const maxTableSlots = 1 << 14

// start makes the table ready for an object's first size slots.
func (t *nameTable) start(size int) {
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		return
	}
	t.slots = make([]uint64, size)
}

func (t *nameTable) reset() {
	clear(t.slots)
	t.slots = t.slots[:0]
	if cap(t.slots) > maxTableSlots {
		t.slots, t.spill = nil, nil
	}
	t.n = 0
}

// find returns the slot of name, whose hash is h, among ms: the member's
// slot, or the empty slot where it goes. The upper half of the hash picks
// the first slot to try and is kept in the slot, so that the table grows
// without hashing again.
func (t *nameTable) find(ms []*Member, name string, h uint64) int {
	mask := len(t.slots) - 1
	for i := int(h>>32) & mask; ; i = (i + 1) & mask {
		e := t.slots[i]
		if e == 0 || (e>>32 == h>>32 && ms[uint32(e)-1].Name == name) {
			return i
		}
	}
}

// add records member i, with hash h, in the empty slot at.
func (t *nameTable) add(at, i int, h uint64) {
	t.slots[at] = h>>32<<32 | uint64(i+1)
	t.n++
	if 2*t.n < len(t.slots) {
		return
	}
	old := t.slots
	size := 2 * len(old)
	var aside []uint64
	switch {
	case cap(old) >= size+len(old):
		// Doubled within the room: the slots are moved aside past the
		// doubled table, where the room is zero, and zeroed there after.
		aside = old[size : size+len(old)]
		copy(aside, old)
		clear(old)
		t.slots, old = old[:size], aside
	case cap(old) >= size:
		// Doubled to the end of the room: the slots are moved to spill.
		t.spill = append(t.spill[:0], old...)
		clear(old)
		t.slots, old = old[:size], t.spill
	default:
		t.slots = make([]uint64, size)
	}
	mask := len(t.slots) - 1
	for _, e := range old {
		if e == 0 {
			continue
		}
		j := int(e>>32) & mask
		for t.slots[j] != 0 {
			j = (j + 1) & mask
		}
		t.slots[j] = e
	}
	clear(aside)
}

// noteDuplicate records the last of an object's members, ms, if an earlier
// one has its name. Small objects are searched directly; larger ones get an
// index, one of p.seen, whose place *seen is set to.
func (p *parser) noteDuplicate(n *Node, ms []*Member, seen *int) {
	const small = 8
	m := ms[len(ms)-1]
	if len(ms) <= small {
		for _, o := range ms[:len(ms)-1] {
			if o.Name == m.Name {
				p.f.Duplicates = append(p.f.Duplicates, Duplicate{Object: n, First: o, Again: m})
				return
			}
		}
		return
	}
	if *seen < 0 {
		if p.nseen == 0 && p.seed == (maphash.Seed{}) {
			p.seed = maphash.MakeSeed()
		}
		if p.nseen == len(p.seen) {
			p.seen = append(p.seen, nameTable{})
		}
		*seen = p.nseen
		p.nseen++
		t := &p.seen[*seen]
		t.start(4 * small)
		for i, o := range ms[:len(ms)-1] {
			h := p.hash(o.Name)
			if at := t.find(ms, o.Name, h); t.slots[at] == 0 {
				t.add(at, i, h)
			}
		}
	}
	t := &p.seen[*seen]
	h := p.hash(m.Name)
	at := t.find(ms, m.Name, h)
	if e := t.slots[at]; e != 0 {
		p.f.Duplicates = append(p.f.Duplicates, Duplicate{Object: n, First: ms[uint32(e)-1], Again: m})
		return
	}
	t.add(at, len(ms)-1, h)
}

// hash is the hash of a member name in the parser's nameTables.
func (p *parser) hash(name string) uint64 { return maphash.String(p.seed, name) }

func startsValue(c byte) bool {
	return c == '"' || c == '\'' || c == '{' || c == '[' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n'
}

func (p *parser) array(ptr int) *Node {
	p.enter(ptr)
	n := p.node(Array, p.pos, p.pos, "")
	base := len(p.openElems)
	p.open = append(p.open, openValue{n, base})
	p.pos++ // [
	if !p.atToken() {
		p.skipWhite(ptr)
	}
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		n.Span.End = p.pos
		p.depth--
		p.closeArray(n, base)
		return n
	}
	for {
		i := len(p.openElems) - base
		eptr := p.push(pathToken{index: i, elem: true})
		if !p.atToken() {
			p.skipWhite(eptr)
		}
		e := p.value(eptr)
		p.pop()
		e.parent, e.index = n, i
		p.openElems = append(p.openElems, e)
		if !p.atToken() {
			p.skipWhite(ptr)
		}
		if p.pos >= len(p.src) {
			p.fatalf(ErrEOF, p.pos, ptr, "unexpected end of input in the array that starts at %s, want a comma or ]", p.f.Lines().Position(n.Span.Start))
		}
		switch c := p.src[p.pos]; {
		case c == ',':
			comma := p.pos
			p.pos++
			if !p.atToken() {
				p.skipWhite(ptr)
			}
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				p.errorf(ErrTrailingComma, comma, ptr, "trailing comma before ]").repair(comma, comma+1, "")
				p.pos++
				n.Span.End = p.pos
				p.depth--
				p.closeArray(n, base)
				return n
			}
		case c == ']':
			p.pos++
			n.Span.End = p.pos
			p.depth--
			p.closeArray(n, base)
			return n
		case startsValue(c):
			end := e.Span.End
			p.errorf(ErrMissingComma, p.pos, ptr, "missing comma between array elements").repair(end, end, ",")
		default:
			p.fatalf(ErrSyntax, p.pos, ptr, "unexpected %s in an array, want a comma or ]", p.describe(p.pos))
		}
	}
}
