package events

// bounded is a map that keeps at most max entries: putting one more
// forgets the entry put longest ago. Each operation is amortised O(1).
type bounded[K comparable, V any] struct {
	max   int
	seq   uint64
	m     map[K]boundedEntry[V]
	order []boundedSlot[K] // puts in order; a slot whose seq is not its entry's is stale
	// evicted counts the entries forgotten to stay within max.
	evicted int
}

type boundedEntry[V any] struct {
	v   V
	seq uint64
}

type boundedSlot[K comparable] struct {
	k   K
	seq uint64
}

func newBounded[K comparable, V any](max int) *bounded[K, V] {
	return &bounded[K, V]{max: max, m: map[K]boundedEntry[V]{}}
}

func (b *bounded[K, V]) get(k K) (V, bool) {
	e, ok := b.m[k]
	return e.v, ok
}

// put sets a key's value; the key counts as put now.
func (b *bounded[K, V]) put(k K, v V) {
	b.seq++
	b.m[k] = boundedEntry[V]{v: v, seq: b.seq}
	b.order = append(b.order, boundedSlot[K]{k: k, seq: b.seq})
	for len(b.m) > b.max {
		s := b.order[0]
		b.order = b.order[1:]
		if e, ok := b.m[s.k]; ok && e.seq == s.seq {
			delete(b.m, s.k)
			b.evicted++
		}
	}
	if len(b.order) > 2*len(b.m)+64 {
		live := make([]boundedSlot[K], 0, len(b.m))
		for _, s := range b.order {
			if e, ok := b.m[s.k]; ok && e.seq == s.seq {
				live = append(live, s)
			}
		}
		b.order = live
	}
}

func (b *bounded[K, V]) delete(k K) (V, bool) {
	e, ok := b.m[k]
	delete(b.m, k)
	return e.v, ok
}

func (b *bounded[K, V]) len() int { return len(b.m) }
