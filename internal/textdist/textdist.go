// Package textdist measures how far apart two strings are, for the "did you
// mean" suggestions of the command line and of schemagen's keys.
package textdist

// MaxLen bounds the bytes Levenshtein compares, so that a long string costs
// no more than a short one: past it, the rest is ignored.
const MaxLen = 128

// Levenshtein is the edit distance between a and b, by bytes, over their
// first MaxLen bytes: the fewest insertions, deletions and substitutions
// that turn one into the other.
func Levenshtein(a, b string) int {
	a, b = a[:min(len(a), MaxLen)], b[:min(len(b), MaxLen)]
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
