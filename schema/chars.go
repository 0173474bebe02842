package schema

import "sync"

// charStride is how many bytes apart a CharIndex keeps its counts.
const charStride = 64

// CharIndex counts Unicode code points between byte offsets of a text, for
// the formats whose columns count characters (SARIF) rather than bytes. It
// keeps the count at every 64th byte, so that it takes a sixty-fourth of
// the text's size in memory and each count reads at most 128 bytes: a
// minified schema on one long line costs no more per finding than a short
// one.
type CharIndex struct {
	src   []byte
	marks []int // marks[i]: code points in src[:i*charStride]
}

// NewCharIndex indexes src in one pass.
func NewCharIndex(src []byte) *CharIndex {
	c := &CharIndex{src: src, marks: make([]int, len(src)/charStride+1)}
	n := 0
	for i, b := range src {
		if i%charStride == 0 {
			c.marks[i/charStride] = n
		}
		if b&0xC0 != 0x80 { // every byte but a continuation starts a character
			n++
		}
	}
	if len(src)%charStride == 0 {
		c.marks[len(src)/charStride] = n
	}
	return c
}

// prefix is the number of code points in src[:off]: the bytes that are not
// UTF-8 continuation bytes, so that an invalid byte counts as one.
func (c *CharIndex) prefix(off int) int {
	off = max(0, min(off, len(c.src)))
	i := off / charStride
	n := c.marks[i]
	for _, b := range c.src[i*charStride : off] {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// Count returns the number of code points in src[from:to].
func (c *CharIndex) Count(from, to int) int { return c.prefix(to) - c.prefix(from) }

// Column turns the 1-based byte column of offset into the 1-based column in
// code points: the characters from the start of its line, plus one.
func (c *CharIndex) Column(offset, byteColumn int) int {
	return 1 + c.Count(offset-(byteColumn-1), offset)
}

// charCache builds a File's CharIndex once, when a finding first needs it.
type charCache struct {
	once  sync.Once
	index *CharIndex
}

// CharColumn returns the 1-based column of a byte offset of f counted in
// Unicode code points, where Position's Column counts bytes. The two agree
// on lines of ASCII text.
func (f *File) CharColumn(offset int) int {
	f.chars.once.Do(func() { f.chars.index = NewCharIndex(f.Src) })
	p := f.Lines().Position(offset)
	return f.chars.index.Column(p.Offset, p.Column)
}
