package fix

import (
	"bytes"
	"fmt"
)

// maxEditDistance bounds the work of the line diff: when more than this
// many lines differ (after the common head and tail are set aside), Unified
// shows the differing middle as removed and added whole, which is correct
// but not minimal. Fixes change few lines, so this is never reached by them.
const maxEditDistance = 1000

// The line diff is written here rather than imported: the diff package of
// golang.org/x/tools is internal and cannot be imported, and
// github.com/pmezard/go-difflib has had no release since 2016. A greedy
// Myers diff over lines is a hundred lines and is tested against diff -u.

// Unified returns a unified diff of two versions of a file, with three
// lines of context, headed "--- a/name" and "+++ b/name" as git writes
// them; "" when they are equal. A last line without a line feed is marked
// "\ No newline at end of file". The line diff is Myers's O(ND) algorithm
// (its greedy forward form), after the common head and tail are taken off.
func Unified(name string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := diffLines(a, b)
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	const context = 3
	for i := 0; i < len(ops); {
		// Find the next change.
		for i < len(ops) && ops[i].kind == ' ' {
			i++
		}
		if i == len(ops) {
			break
		}
		start := max(0, i-context)
		// Extend the hunk while changes are within 2*context of each other.
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*context {
				break
			}
		}
		stop := min(len(ops), end+context)
		writeHunk(&out, ops[start:stop])
		i = stop
	}
	return out.String()
}

type op struct {
	kind       byte // ' ', '-' or '+'
	line       []byte
	aLine, bLn int // 1-based line numbers in a and b where the op stands
}

func writeHunk(out *bytes.Buffer, ops []op) {
	aStart, bStart, aN, bN := ops[0].aLine, ops[0].bLn, 0, 0
	for _, o := range ops {
		if o.kind != '+' {
			aN++
		}
		if o.kind != '-' {
			bN++
		}
	}
	// An empty range names the line before it, as diff -u does.
	if aN == 0 {
		aStart--
	}
	if bN == 0 {
		bStart--
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(aStart, aN), hunkRange(bStart, bN))
	for _, o := range ops {
		out.WriteByte(o.kind)
		out.Write(o.line)
		if len(o.line) == 0 || o.line[len(o.line)-1] != '\n' {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines splits text after each line feed; the last line may lack one.
func splitLines(s []byte) [][]byte {
	var lines [][]byte
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// diffLines returns the edit script from a to b, with line numbers.
func diffLines(a, b [][]byte) []op {
	head := 0
	for head < len(a) && head < len(b) && bytes.Equal(a[head], b[head]) {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && bytes.Equal(a[len(a)-1-tail], b[len(b)-1-tail]) {
		tail++
	}
	var ops []op
	ai, bi := 0, 0
	emit := func(kind byte) {
		switch kind {
		case ' ':
			ops = append(ops, op{' ', a[ai], ai + 1, bi + 1})
			ai++
			bi++
		case '-':
			ops = append(ops, op{'-', a[ai], ai + 1, bi + 1})
			ai++
		case '+':
			ops = append(ops, op{'+', b[bi], ai + 1, bi + 1})
			bi++
		}
	}
	for range head {
		emit(' ')
	}
	for _, k := range myers(a[head:len(a)-tail], b[head:len(b)-tail]) {
		emit(k)
	}
	for range tail {
		emit(' ')
	}
	return ops
}

// myers returns the shortest edit script from a to b as a string of ' ',
// '-' and '+', or a removal of all of a and an addition of all of b when
// the distance exceeds maxEditDistance.
func myers(a, b [][]byte) []byte {
	n, m := len(a), len(b)
	whole := func() []byte {
		s := bytes.Repeat([]byte{'-'}, n)
		return append(s, bytes.Repeat([]byte{'+'}, m)...)
	}
	if n == 0 || m == 0 {
		return whole()
	}
	limit := min(n+m, maxEditDistance)
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int
	for d := 0; d <= limit; d++ {
		// The frontier before step d, for k in [-d-1, d+1], at k+d+1.
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && bytes.Equal(a[x], b[y]) {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, d, n, m)
			}
		}
	}
	return whole()
}

// backtrack walks the saved frontiers back from (n, m) to build the script.
func backtrack(trace [][]int, d, n, m int) []byte {
	var rev []byte
	x, y := n, m
	for ; d > 0; d-- {
		v, off := trace[d], d+1 // the frontier before step d
		k := x - y
		var pk int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := v[off+pk]
		py := px - pk
		for x > px && y > py {
			rev = append(rev, ' ')
			x--
			y--
		}
		if x == px {
			rev = append(rev, '+')
		} else {
			rev = append(rev, '-')
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, ' ')
		x--
		y--
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}
