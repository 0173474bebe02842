package fix

import (
	"slices"
	"sort"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// DefaultRounds is how many rounds of lint and fix File runs at most when
// Options.Rounds is 0.
const DefaultRounds = 10

// Apply applies fixes to src in their order and returns the new text with
// the number of fixes applied and skipped. A fix is applied whole or not at
// all: it is skipped when its edits are invalid (outside src, overlapping
// each other) or conflict with an edit of a fix applied before it. Two edits
// conflict when they overlap, or when one inserts at an end of the other, or
// where the other inserts, since the order of the result would be a guess.
// src is not modified.
func Apply(src []byte, fixes []findings.Fix) (out []byte, applied, skipped int) {
	out, taken := apply(src, fixes)
	for _, ok := range taken {
		if ok {
			applied++
		}
	}
	return out, applied, len(fixes) - applied
}

// apply is Apply reporting which fixes it took.
func apply(src []byte, fixes []findings.Fix) ([]byte, []bool) {
	taken := make([]bool, len(fixes))
	var accepted []findings.Edit // sorted by Start, non-conflicting
	for i, f := range fixes {
		if len(f.Edits) == 0 || findings.ValidateEdits(f.Edits, len(src)) != nil {
			continue
		}
		if conflicts(accepted, f.Edits) {
			continue
		}
		taken[i] = true
		for _, e := range f.Edits {
			// Insert after every accepted edit that starts no later, so
			// that a fix's own insertions at one offset keep their order.
			j := sort.Search(len(accepted), func(k int) bool { return accepted[k].Start > e.Start })
			accepted = slices.Insert(accepted, j, e)
		}
	}
	if len(accepted) == 0 {
		return src, taken
	}
	size := len(src)
	for _, e := range accepted {
		size += len(e.NewText) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range accepted {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	return append(out, src[last:]...), taken
}

// conflicts reports whether any of edits conflicts with an accepted edit.
func conflicts(accepted, edits []findings.Edit) bool {
	for _, e := range edits {
		// The accepted edits that could touch e start at or before e.End;
		// their ends grow with their starts since they do not overlap.
		j := sort.Search(len(accepted), func(k int) bool { return accepted[k].Start > e.End })
		for k := j - 1; k >= 0; k-- {
			a := accepted[k]
			if a.End < e.Start {
				break
			}
			if clash(a, e) {
				return true
			}
		}
	}
	return false
}

// clash reports whether two edits of different fixes conflict: they
// overlap, or one is an insertion at a point of the other.
func clash(a, b findings.Edit) bool {
	if a.Start < b.End && b.Start < a.End {
		return true
	}
	if a.Start == a.End && b.Start <= a.Start && a.Start <= b.End {
		return true
	}
	return b.Start == b.End && a.Start <= b.Start && b.Start <= a.End
}

// Options says how File fixes.
type Options struct {
	// Rounds bounds the rounds of lint and fix; 0 means DefaultRounds.
	Rounds int
	// Unsafe applies fixes marked Unsafe too.
	Unsafe bool
	// Rules, when not empty, are the IDs of the only rules whose fixes
	// apply; the findings of the others are still reported.
	Rules []string
}

// Result is what File did to a file.
type Result struct {
	// Src is the fixed file: the input itself when nothing was applied.
	Src []byte
	// Changed reports whether Src differs from the input.
	Changed bool
	// Applied counts the fixes applied, by rule ID.
	Applied map[string]int
	// Rounds is the number of rounds that applied fixes.
	Rounds int
	// Reverted reports that a round's fixes were dropped because the
	// parser read its output worse than its input.
	Reverted bool
	// Findings are the findings left in Src.
	Findings []lint.Finding
}

// Total returns the number of fixes applied.
func (r Result) Total() int {
	n := 0
	for _, c := range r.Applied {
		n += c
	}
	return n
}

// File lints src with l, applies the first eligible fix of each finding
// (fixes marked Unsafe only with opts.Unsafe), and lints and fixes the
// result again until no fix applies or changes a byte, for at most
// opts.Rounds rounds. A round whose output the parser reads worse than its
// input (more parse errors, or no usable document where there was one) is
// dropped, and File stops with Reverted set. The error is the linter's: an
// *lint.InputError when a rule failed on the final text, whose findings
// are still returned.
func File(name string, src []byte, l *lint.Linter, opts Options) (Result, error) {
	rounds := opts.Rounds
	if rounds <= 0 {
		rounds = DefaultRounds
	}
	res := Result{Src: src, Applied: map[string]int{}}
	cur := src
	curFile, _ := schema.Parse(name, cur)
	for {
		doc := schema.Build(curFile)
		lr, err := l.Document(doc)
		res.Findings = lr.Findings
		if res.Rounds == rounds {
			return res, err
		}
		var fixes []findings.Fix
		var rules []string
		for _, f := range lr.Findings {
			if len(opts.Rules) > 0 && !slices.Contains(opts.Rules, f.Rule) {
				continue
			}
			for _, x := range f.Fixes {
				if x.Unsafe && !opts.Unsafe {
					continue
				}
				fixes = append(fixes, x)
				rules = append(rules, f.Rule)
				break
			}
		}
		out, taken := apply(cur, fixes)
		if len(fixes) == 0 || string(out) == string(cur) {
			return res, err
		}
		outFile, _ := schema.Parse(name, out)
		if worse(curFile, outFile) {
			res.Reverted = true
			return res, err
		}
		for i, ok := range taken {
			if ok {
				res.Applied[rules[i]]++
			}
		}
		res.Rounds++
		cur, curFile = out, outFile
		res.Src, res.Changed = cur, string(cur) != string(src)
	}
}

// worse reports whether the parser reads after worse than before: with no
// usable document where before had one, or with more errors.
func worse(before, after *schema.File) bool {
	return (before.Root != nil && after.Root == nil) || len(after.Errors) > len(before.Errors)
}
