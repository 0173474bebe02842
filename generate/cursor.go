package generate

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strconv"
	"unsafe"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// SyntaxError is a sample that Add or Transform refuses: one that is not
// valid JSON, not an object, or has an object with a duplicate key.
type SyntaxError struct {
	Offset int              // the byte offset of the problem in the sample
	Pos    schema.Position  // the line and column of Offset in the sample
	Kind   schema.ErrorKind // what is wrong
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Pos.String() + ": " + e.Msg }

func newSyntaxError(src []byte, off int, kind schema.ErrorKind, msg string) *SyntaxError {
	return &SyntaxError{Offset: off, Pos: schema.NewLines(src).Position(off), Kind: kind, Msg: msg}
}

// kindOf classifies a jsonscan problem at src[off].
func kindOf(src []byte, off int, c jsonscan.Code) schema.ErrorKind {
	switch c {
	case jsonscan.ErrStringEOF:
		return schema.ErrEOF
	case jsonscan.ErrWantValue, jsonscan.ErrWantKey, jsonscan.ErrWantColon, jsonscan.ErrWantObjectNext, jsonscan.ErrWantArrayNext:
		if off >= len(src) {
			return schema.ErrEOF
		}
	case jsonscan.ErrControl, jsonscan.ErrEscape, jsonscan.ErrUnicodeEscape:
		return schema.ErrString
	case jsonscan.ErrUTF8:
		return schema.ErrInvalidUTF8
	case jsonscan.ErrMinus, jsonscan.ErrFraction, jsonscan.ErrExponent:
		return schema.ErrNumber
	case jsonscan.ErrTooDeep:
		return schema.ErrTooDeep
	case jsonscan.ErrTrailing:
		return schema.ErrTrailingData
	}
	return schema.ErrSyntax
}

// checkSample checks that src is one JSON object with no duplicate key in
// any of its objects, in one pass, so that a refused sample leaves nothing
// behind. It returns the offset of the object.
func (d *checker) checkSample(src []byte) (int, *SyntaxError) {
	start := jsonscan.SkipSpace(src, 0)
	if start >= len(src) {
		return 0, newSyntaxError(src, start, schema.ErrEmpty, "the sample is empty")
	}
	d.reset(src)
	defer func() { d.src = nil }()
	end, c := jsonscan.Walk(src, start, 0, d)
	if c != jsonscan.OK {
		return 0, newSyntaxError(src, end, kindOf(src, end, c), jsonscan.Message(src, end, c))
	}
	if src[start] != '{' && !(d.arrays && src[start] == '[') {
		return 0, newSyntaxError(src, start, schema.ErrRootNotObject, "the sample is "+describe(src[start])+", want an object")
	}
	if i := jsonscan.SkipSpace(src, end); i < len(src) {
		return 0, newSyntaxError(src, i, schema.ErrTrailingData, "invalid character "+jsonscan.QuoteByte(src[i])+" after the sample")
	}
	if d.names > maxNames(len(src)) {
		return 0, newSyntaxError(src, d.deepAt, schema.ErrTooDeep,
			fmt.Sprintf("objects nested %d deep: their flattened keys would take more than %d bytes", d.deepest, maxNames(len(src))))
	}
	if d.again >= 0 {
		key := string(d.decode(nil, d.again))
		return 0, newSyntaxError(src, d.again, schema.ErrDuplicateKey,
			fmt.Sprintf("duplicate key %s: its object has it already at offset %d; a sample must not repeat a key", strconv.Quote(key), d.first))
	}
	return start, nil
}

func describe(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// maxNames bounds the bytes the flattened names of a sample of n bytes
// may take: objects nested k deep flatten into names of every length up to
// k keys, a cost that grows with the square of k, so a sample that would
// pass this linear bound is refused instead.
func maxNames(n int) int { return 64*n + 1<<20 }

// checker reads a sample once, for its syntax and for what the walk that
// follows cannot undo. It finds the first key that its object has already,
// in time linear in the sample: every key goes into a hash table under the
// offset of its object. The walk that follows asks the same table which
// names the members of an object keep (see member), so that no object is
// read twice. The table is kept from sample to sample; entries
// of earlier samples are told apart by their generation. It also adds up
// the length of the flattened names the objects will have.
type checker struct {
	arrays  bool // accept an array as well as an object: a JSON string's content
	src     []byte
	seed    maphash.Seed
	gen     uint32
	open    []uint32 // the offsets of the open objects, innermost last
	chain   []int    // the flattened name length of each open object
	lastKey int      // the length of the last key read
	names   int      // the flattened name lengths added up
	deepest int      // the deepest object nesting
	deepAt  int      // where it was met
	table   []dupEntry
	used    int // entries of this generation
	first   int // the first occurrence of the duplicate key
	again   int // the duplicate key, or -1
	scratch [2][]byte
}

type dupEntry struct {
	gen, obj uint32
	hash     uint64
	ks, ke   int // the key's quoted text
}

func (d *checker) reset(src []byte) {
	d.src, d.open, d.used, d.again = src, d.open[:0], 0, -1
	d.chain, d.lastKey, d.names, d.deepest, d.deepAt = d.chain[:0], 0, 0, 0, 0
	d.gen++
	if d.gen == 0 { // wrapped: no stale entry may look current
		clear(d.table)
		d.gen = 1
	}
	if d.table == nil {
		d.seed = maphash.MakeSeed()
		d.table = make([]dupEntry, 64)
	}
}

// Object implements jsonscan.Visitor.
func (d *checker) Object(start int) {
	d.open = append(d.open, uint32(start))
	chain := 0
	if n := len(d.chain); n > 0 {
		chain = d.chain[n-1] + d.lastKey + 1
	}
	d.chain = append(d.chain, chain)
	d.names += chain
	if len(d.open) > d.deepest {
		d.deepest, d.deepAt = len(d.open), start
	}
}

// EndObject implements jsonscan.Visitor.
func (d *checker) EndObject() {
	d.open = d.open[:len(d.open)-1]
	d.chain = d.chain[:len(d.chain)-1]
}

// Key implements jsonscan.Visitor.
func (d *checker) Key(ks, ke int) {
	d.lastKey = ke - ks
	if d.again >= 0 {
		return
	}
	if 2*(d.used+1) > len(d.table) {
		d.grow()
	}
	obj := d.open[len(d.open)-1]
	raw := d.src[ks+1 : ke-1]
	if bytes.IndexByte(raw, '\\') >= 0 {
		d.scratch[0] = d.decode(d.scratch[0][:0], ks)
		raw = d.scratch[0]
	}
	h := maphash.Bytes(d.seed, raw) ^ uint64(obj)*0x9E3779B97F4A7C15
	mask := len(d.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := &d.table[i]
		if e.gen != d.gen {
			*e = dupEntry{gen: d.gen, obj: obj, hash: h, ks: ks, ke: ke}
			d.used++
			return
		}
		if e.hash == h && e.obj == obj && sameKey(d.src, e.ks, e.ke, raw, &d.scratch[1]) {
			d.first, d.again = e.ks, ks
			return
		}
	}
}

// sameKey compares the key quoted at src[ks:ke] with the decoded key,
// decoding into scratch when it has escapes.
func sameKey(src []byte, ks, ke int, key []byte, scratch *[]byte) bool {
	raw := src[ks+1 : ke-1]
	if bytes.IndexByte(raw, '\\') >= 0 {
		*scratch = jsonscan.AppendUnquoted((*scratch)[:0], raw)
		raw = *scratch
	}
	return bytes.Equal(raw, key)
}

// member returns the offset of the value of the member named key of the
// object at src[obj], or -1 when it has none. src must be the sample the
// last checkSample accepted: the table is the one it filled.
func (d *checker) member(src []byte, obj int, key []byte) int {
	if d.table == nil || len(src) == 0 {
		return -1
	}
	h := maphash.Bytes(d.seed, key) ^ uint64(uint32(obj))*0x9E3779B97F4A7C15
	mask := len(d.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := &d.table[i]
		if e.gen != d.gen {
			return -1
		}
		if e.hash == h && e.obj == uint32(obj) && sameKey(src, e.ks, e.ke, key, &d.scratch[1]) {
			i := jsonscan.SkipSpace(src, e.ke)
			return jsonscan.SkipSpace(src, i+1)
		}
	}
}

// decode appends the decoded key whose quote is at src[ks].
func (d *checker) decode(dst []byte, ks int) []byte {
	end, _, _ := jsonscan.String(d.src, ks)
	return jsonscan.AppendUnquoted(dst, d.src[ks+1:end-1])
}

// grow doubles the table, keeping the entries of this generation.
func (d *checker) grow() {
	old := d.table
	d.table = make([]dupEntry, 2*len(old))
	mask := len(d.table) - 1
	for _, e := range old {
		if e.gen != d.gen {
			continue
		}
		i := int(e.hash) & mask
		for d.table[i].gen == d.gen {
			i = (i + 1) & mask
		}
		d.table[i] = e
	}
}

// The walker's cursor: each method reads one token of a sample whose
// syntax checkSample has accepted, with jsonscan.

func (w *walker) ws() { w.pos = jsonscan.SkipSpace(w.src, w.pos) }

// str reads the string at w.pos and returns the span of its content.
func (w *walker) str() (cs, ce int, esc bool) {
	end, esc, _ := jsonscan.String(w.src, w.pos)
	cs, w.pos = w.pos+1, end
	return cs, end - 1, esc
}

// literal reads true, false or null.
func (w *walker) literal() { w.pos, _ = jsonscan.Literal(w.src, w.pos) }

// number reads a number and reports whether it is written as a whole
// number: without a fraction or an exponent.
func (w *walker) number() (integer bool) {
	w.pos, integer, _ = jsonscan.Number(w.src, w.pos)
	return integer
}

// skip reads over one value.
func (w *walker) skip() { w.pos, _ = jsonscan.SkipValue(w.src, w.pos, 0) }

// emptyObject reports whether the object at w.pos has no members.
func (w *walker) emptyObject() bool {
	i := jsonscan.SkipSpace(w.src, w.pos+1)
	return i < len(w.src) && w.src[i] == '}'
}

// firstElements returns an array's raw text cut to its first three
// elements.
func firstElements(arr []byte) []byte {
	w := walker{src: arr, pos: 1}
	w.ws()
	for k := 0; k < 3 && w.pos < len(arr) && arr[w.pos] != ']'; k++ {
		w.skip()
		w.ws()
		if k < 2 && w.pos < len(arr) && arr[w.pos] == ',' {
			w.pos++
			w.ws()
		}
	}
	if w.pos >= len(arr) || arr[w.pos] == ']' {
		return arr
	}
	end := w.pos
	for end > 0 && (arr[end-1] == ',' || jsonscan.IsSpace(arr[end-1])) {
		end--
	}
	out := make([]byte, 0, end+1)
	return append(append(out, arr[:end]...), ']')
}

func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
