package generate

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
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
	// filters hold a Bloom filter of the keys of each object, in the
	// order the objects open (so by offset); openFilter has the index of
	// each open object's.
	filters    []keyFilter
	openFilter []int
}

// keyFilter is a Bloom filter of an object's keys: one bit of 128 per key,
// chosen by its length and its first and last bytes. A name whose bit is
// clear is not a key of the object, which settles most questions of
// member without hashing the name.
type keyFilter struct {
	obj  int
	bits [2]uint64
}

// keyBit returns the word and bit of key in a keyFilter.
func keyBit(key []byte) (int, uint64) {
	h := uint(len(key)) * 131
	if len(key) > 0 {
		h += uint(key[0])*31 + uint(key[len(key)-1])
	}
	return int(h>>6) & 1, 1 << (h & 63)
}

// mayHave reports whether the object at src[obj] may have the key: false
// only when it has not. The object's filter is found once per scope and
// kept in *at (its index plus one, or 0 before).
func (d *checker) mayHave(obj int, key []byte, at *int) bool {
	if *at == 0 {
		i, ok := slices.BinarySearchFunc(d.filters, obj, func(f keyFilter, obj int) int { return cmp.Compare(f.obj, obj) })
		if !ok {
			return true
		}
		*at = i + 1
	}
	w, b := keyBit(key)
	return d.filters[*at-1].bits[w]&b != 0
}

// dupEntry is a key of an object in the table: 16 bytes, so that the
// table of a large sample stays in the cache. The key's text is found
// again from its opening quote when the hashes match.
type dupEntry struct {
	gen, obj uint32
	hash     uint32
	ks       uint32 // the offset of the key's opening quote
}

func (d *checker) reset(src []byte) {
	d.src, d.open, d.used, d.again = src, d.open[:0], 0, -1
	d.chain, d.lastKey, d.names, d.deepest, d.deepAt = d.chain[:0], 0, 0, 0, 0
	d.filters, d.openFilter = d.filters[:0], d.openFilter[:0]
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
	d.openFilter = append(d.openFilter, len(d.filters))
	d.filters = append(d.filters, keyFilter{obj: start})
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
	d.openFilter = d.openFilter[:len(d.openFilter)-1]
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
	if hasBackslash(raw) {
		d.scratch[0] = d.decode(d.scratch[0][:0], ks)
		raw = d.scratch[0]
	}
	fw, fb := keyBit(raw)
	d.filters[d.openFilter[len(d.openFilter)-1]].bits[fw] |= fb
	h := keyHash(d.seed, raw, obj)
	mask := len(d.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := &d.table[i]
		if e.gen != d.gen {
			*e = dupEntry{gen: d.gen, obj: obj, hash: h, ks: uint32(ks)}
			d.used++
			return
		}
		if e.hash == h && e.obj == obj && sameKey(d.src, int(e.ks), raw, &d.scratch[1]) {
			d.first, d.again = int(e.ks), ks
			return
		}
	}
}

// keyHash is the hash of a key of the object at offset obj.
func keyHash(seed maphash.Seed, key []byte, obj uint32) uint32 {
	h := maphash.Bytes(seed, key) ^ uint64(obj)*0x9E3779B97F4A7C15
	return uint32(h ^ h>>32)
}

// hasBackslash reports whether b holds a backslash, eight bytes at a time:
// keys are short, too short for the cost of a call to bytes.IndexByte.
func hasBackslash(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; len(b) >= 8; b = b[8:] {
		x := binary.LittleEndian.Uint64(b) ^ ones*'\\'
		if (x-ones)&^x&highs != 0 {
			return true
		}
	}
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// sameKey compares the key whose opening quote is src[ks], in text
// already checked, with the decoded key, decoding into scratch when it has
// escapes.
func sameKey(src []byte, ks int, key []byte, scratch *[]byte) bool {
	if ks >= len(src) || src[ks] != '"' {
		return false // only past 4 GiB, where offsets wrap
	}
	ke, _ := stringEnd(src, ks)
	if ke < ks+2 {
		return false
	}
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
	h := keyHash(d.seed, key, uint32(obj))
	mask := len(d.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := &d.table[i]
		if e.gen != d.gen {
			return -1
		}
		if e.hash == h && e.obj == uint32(obj) && sameKey(src, int(e.ks), key, &d.scratch[1]) {
			ke, _ := stringEnd(src, int(e.ks))
			i := jsonscan.SkipSpace(src, ke)
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
	end, esc := stringEnd(w.src, w.pos)
	cs, w.pos = w.pos+1, end
	return cs, end - 1, esc
}

// stringEnd returns the offset just past the string whose opening quote
// is src[i], and whether it has escapes, in a string that checkSample has
// accepted: it looks only for the closing quote and backslashes, eight
// bytes at a time.
func stringEnd(src []byte, i int) (end int, escaped bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i++
	for {
		for i+8 <= len(src) {
			x := binary.LittleEndian.Uint64(src[i:])
			q, b := x^(ones*'"'), x^(ones*'\\')
			// The lowest flag of each is exact, so the lowest of both is.
			if m := ((q-ones)&^q | (b-ones)&^b) & highs; m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
			i += 8
		}
		for i < len(src) && src[i] != '"' && src[i] != '\\' {
			i++
		}
	found:
		if i >= len(src) {
			return len(src), escaped
		}
		if src[i] == '"' {
			return i + 1, escaped
		}
		escaped = true
		i += 2 // the backslash and the byte it escapes; \u's digits are plain
	}
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
func (w *walker) skip() { w.pos = skipValue(w.src, w.pos) }

// skipValue returns the offset just past the value at src[i], in a sample
// that checkSample has accepted: it counts brackets and steps over
// strings, checking nothing.
func skipValue(src []byte, i int) int {
	switch src[i] {
	case '"':
		end, _ := stringEnd(src, i)
		return end
	case '{', '[':
	case 't', 'n':
		return i + 4
	case 'f':
		return i + 5
	default:
		end, _, _ := jsonscan.Number(src, i)
		return end
	}
	depth := 0
	for i < len(src) {
		switch src[i] {
		case '"':
			i, _ = stringEnd(src, i)
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return i
}

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
