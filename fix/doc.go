// Package fix applies the suggested fixes of lint findings to schema files:
// the engine behind triggerlint fix and lint --fix, and what an editor's
// code actions reuse.
//
// A fix (findings.Fix) is a message and byte-span edits against the bytes a
// rule saw. [Apply] applies a list of fixes to a text: a fix is taken whole
// or not at all, and one whose edits overlap (or insert at the edge of) an
// edit of a fix already taken is skipped for this round. [File] lints a
// document, applies the first fix of each finding, lints the result again
// and repeats until nothing changes, for at most [Options].Rounds rounds.
// It never produces a file the parser reads worse than the input: a round
// whose output has more parse errors than its input, or no usable document
// where its input had one, is dropped and the loop stops.
//
// Only the edited bytes change. Every other byte of the file, its
// indentation, its line endings and the order of its keys stay as they
// were; a fix inserts text in the style of its neighbours where it can
// (see the rules of package rules).
//
// A fix marked Unsafe is likely but not certain; [File] applies it only
// when Options.Unsafe is set, which the command line does when the user
// names the rule (triggerlint fix --rules ID) or passes --unsafe-fixes.
//
// [Unified] writes the change as a unified diff, for --diff.
package fix
