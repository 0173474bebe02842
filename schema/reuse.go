package schema

import "unsafe"

// maxRetained is the most memory, in bytes, that a Parser keeps of each of
// its kinds of chunk (nodes, members, pointer slices, schemas, properties)
// from one call to the next. A schema of a few kilobytes to a few hundred
// kilobytes fits in it, so that a stream of ordinary files allocates its
// trees once; the chunks of a larger file are dropped after its call, so
// that one very large input does not leave every pooled Parser holding
// memory the size of that file for the rest of the process. A file over
// the bound pays for its own chunks, a small part of its cost to parse.
const maxRetained = 1 << 20

// maxRetainedMap is the most entries that the reused maps of one kind may
// have held, in all, and still be kept: clearing a map keeps its buckets.
const maxRetainedMap = 1 << 12

// slab hands out elements of T cut from chunks that are kept from one use
// to the next: after rewind the same chunks are cut again, in order, and a
// chunk is allocated only when those are used up. Every element handed
// out is set whole by the caller, so that a chunk is not zeroed before it
// is cut again: sweep zeroes what the last use left of the use before it,
// so that the chunks keep nothing alive that the last use does not hold.
type slab[T any] struct {
	cur    []T   // the chunk being cut, sliced to the part cut from it
	chunks [][]T // every chunk; chunks[i] is cur, whose length it lags
	i      int   // the index of cur in chunks, or -1
	stale  []int // stale[j]: how much of chunks[j] the use before held
}

// one returns a new element, which may hold the values of an earlier use:
// the caller sets it whole. A chunk it allocates holds size elements.
func (s *slab[T]) one(size int) *T {
	if n := len(s.cur); n < cap(s.cur) {
		s.cur = s.cur[:n+1]
		return &s.cur[n]
	}
	return s.next(size)
}

// next is one when the chunk being cut is full.
func (s *slab[T]) next(size int) *T { return &s.take(1, size)[0] }

// take returns n contiguous elements, with a capacity of n, which the
// caller sets. A chunk it allocates holds at least size elements.
func (s *slab[T]) take(n, size int) []T {
	if c := s.cut(n); c != nil {
		return c
	}
	return s.grow(n, size)
}

// cut is take from the chunks the slab has, or nil when none has room.
func (s *slab[T]) cut(n int) []T {
	if k := len(s.cur); cap(s.cur)-k >= n {
		s.cur = s.cur[:k+n]
		return s.cur[k : k+n : k+n]
	}
	s.save()
	// The chunks after cur are not cut yet: each is empty. One too small
	// for n is left empty.
	for s.i+1 < len(s.chunks) {
		s.i++
		s.cur = s.chunks[s.i]
		if cap(s.cur) >= n {
			s.cur = s.cur[:n]
			return s.cur[:n:n]
		}
	}
	return nil
}

// grow is take from a new chunk of at least size elements.
func (s *slab[T]) grow(n, size int) []T {
	s.save()
	c := make([]T, n, max(n, size))
	s.chunks = append(s.chunks, c)
	s.stale = append(s.stale, 0)
	s.i, s.cur = len(s.chunks)-1, c
	return c[:n:n]
}

// save writes the length of cur back to chunks.
func (s *slab[T]) save() {
	if s.i >= 0 && s.i < len(s.chunks) {
		s.chunks[s.i] = s.cur
	}
}

// rewind makes the chunks ready to be cut again from the first, keeping
// up to maxRetained bytes of them; what they hold is left for sweep.
func (s *slab[T]) rewind() {
	s.save()
	var zero T
	size := int(unsafe.Sizeof(zero))
	kept, total := 0, 0
	for j, c := range s.chunks {
		if total += cap(c) * size; total > maxRetained {
			break // the chunks of the last use over the bound are its own
		}
		s.stale[j] = max(s.stale[j], len(c))
		s.chunks[j] = c[:0]
		kept++
	}
	clear(s.chunks[kept:])
	s.chunks, s.stale = s.chunks[:kept], s.stale[:kept]
	s.i, s.cur = -1, nil
	if kept > 0 {
		s.i, s.cur = 0, s.chunks[0]
	}
}

// sweep zeroes the elements that the use before the last one held and the
// last one did not overwrite.
func (s *slab[T]) sweep() {
	s.save()
	for j, c := range s.chunks {
		if len(c) < s.stale[j] {
			clear(c[len(c):s.stale[j]])
		}
		s.stale[j] = len(c)
	}
}

// resetSlice empties a slice kept for reuse, zeroing its elements up to
// its length (the callers' elements past it are zero already), and drops
// it when it has grown over maxRetained bytes.
func resetSlice[T any](s []T) []T {
	var zero T
	clear(s)
	if cap(s)*int(unsafe.Sizeof(zero)) > maxRetained {
		return nil
	}
	return s[:0]
}
