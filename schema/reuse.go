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

// maxRetainedMap is the most entries a reused map may have held and still
// be kept: clearing a map keeps its buckets.
const maxRetainedMap = 1 << 12

// slab hands out elements of T cut from chunks that are kept from one use
// to the next: after reset the same chunks are cut again, in order, and a
// chunk is allocated only when those are used up.
type slab[T any] struct {
	chunks [][]T // every chunk, each sliced to the part cut from it
	cur    int   // the chunk being cut; len(chunks) when there is none
}

// one returns a new element, which may hold the values of an earlier use:
// the caller sets it whole. A chunk it allocates holds size elements.
func (s *slab[T]) one(size int) *T {
	if s.cur < len(s.chunks) {
		c := s.chunks[s.cur]
		if len(c) < cap(c) {
			c = c[:len(c)+1]
			s.chunks[s.cur] = c
			return &c[len(c)-1]
		}
	}
	return &s.take(1, size)[0]
}

// take returns n contiguous elements, with a capacity of n, which the
// caller sets. A chunk it allocates holds at least size elements.
func (s *slab[T]) take(n, size int) []T {
	for s.cur < len(s.chunks) {
		c := s.chunks[s.cur]
		if cap(c)-len(c) >= n {
			s.chunks[s.cur] = c[:len(c)+n]
			return c[len(c) : len(c)+n : len(c)+n]
		}
		s.cur++
	}
	c := make([]T, n, max(n, size))
	s.chunks = append(s.chunks, c)
	s.cur = len(s.chunks) - 1
	return c[:n:n]
}

// reset zeroes what was cut, so that what the elements pointed at can be
// collected, and keeps the chunks for the next use, up to maxRetained
// bytes of them.
func (s *slab[T]) reset() {
	var zero T
	size := int(unsafe.Sizeof(zero))
	kept, total := 0, 0
	for _, c := range s.chunks {
		clear(c)
		if total += cap(c) * size; total <= maxRetained {
			s.chunks[kept] = c[:0]
			kept++
		}
	}
	clear(s.chunks[kept:])
	s.chunks = s.chunks[:kept]
	s.cur = 0
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
