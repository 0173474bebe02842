package findings

import (
	"fmt"
	"strings"
)

// Suppression says why a finding is not counted: the kind of entry that
// covers it and the reason its author gave.
type Suppression struct {
	Kind   SuppressionKind `json:"kind"`
	Reason string          `json:"reason"`
}

// SuppressionKind is the kind of entry that suppresses a finding.
type SuppressionKind string

// The kinds of suppression.
const (
	// Ignored is a finding that an ignore entry covers.
	Ignored SuppressionKind = "ignore"
	// Accepted is a change that a diff accept entry covers: its severity
	// becomes info and its message carries the reason.
	Accepted SuppressionKind = "accept"
)

// The IDs of the findings that report a stale entry: one that matched
// nothing in a run over the files it covers.
const (
	StaleIgnoreID = "TK0001"
	StaleAcceptID = "TK0002"
)

// SuppressionEntries returns the catalogue entries of StaleIgnoreID and
// StaleAcceptID, for `rules`, `explain` and SARIF rule metadata.
func SuppressionEntries() []Entry {
	const url = "https://github.com/triggerkit/triggerkit#suppressions"
	return []Entry{
		{ID: StaleIgnoreID, Name: "stale-ignore", Category: Other, Severity: Warning,
			Title: "Ignore entry matched nothing",
			Text: "An entry of the config file's \"ignore\" list covered none of the findings of a run over the " +
				"files it names: the finding it was written for is gone, or its rule, file or pointer is " +
				"mistyped. Remove the entry, or correct it.",
			Source: "triggerlint config", URL: url},
		{ID: StaleAcceptID, Name: "stale-accept", Category: Other, Severity: Warning,
			Title: "Accepted change matched nothing",
			Text: "An entry of the config file's \"diff.accept\" list covered none of the changes of a diff " +
				"over the files it names: the change was merged or reverted, or the entry's change kind, " +
				"file or pointer is mistyped. Remove the entry, or correct it.",
			Source: "triggerlint config", URL: url},
	}
}

// Waiver is one entry of a suppression list: it covers the findings of
// some rules at some pointers of some files.
type Waiver struct {
	Kind SuppressionKind
	// Rules are the IDs the entry covers; "" in the list covers every
	// rule.
	Rules []string
	// Files reports whether the entry covers a file, named as findings
	// name it. It is also asked about every file of a run, to tell a stale
	// entry from one whose files were not looked at. Nil covers every file.
	Files func(name string) bool
	// Pointer is an RFC 6901 pointer that the finding's pointer must
	// equal, or a prefix ending in "/**" that covers the pointer itself
	// and everything below it ("/**" covers the whole document).
	Pointer string
	Reason  string
	// At is where the entry is written, for the finding that reports it
	// stale.
	At Place
}

// Place is a position in a file that is not a JSON document, such as an
// entry of a YAML config file.
type Place struct {
	File         string
	Line, Column int
	// Pointer is an RFC 6901 pointer to the entry within the file, such
	// as "/ignore/2".
	Pointer string
}

// covers reports whether the waiver covers a finding.
func (w *Waiver) covers(f *Finding) bool {
	if !w.coversRule(f.Rule) || !MatchPointer(w.Pointer, f.Pointer) {
		return false
	}
	return w.Files == nil || w.Files(f.File)
}

func (w *Waiver) coversRule(id string) bool {
	for _, r := range w.Rules {
		if r == "" || strings.EqualFold(r, id) {
			return true
		}
	}
	return false
}

// MatchPointer reports whether a finding's pointer matches a waiver's
// pattern: the same pointer, or for a pattern ending in "/**" the prefix
// itself or any pointer below it.
func MatchPointer(pattern, pointer string) bool {
	prefix, ok := strings.CutSuffix(pattern, "/**")
	if !ok {
		return pattern == pointer
	}
	return pointer == prefix || strings.HasPrefix(pointer, prefix+"/")
}

// Suppress marks the findings that waivers cover, in place, and returns a
// warning finding for each waiver that covered nothing although the run
// looked at a file it covers. files are the names of the files of the run,
// as findings name them.
//
// A covered finding gets a Suppression with the kind and reason of the
// first waiver that covers it; every waiver that covers it counts as used.
// An Accepted change also becomes info, with the reason in its message. A
// finding suppressed before (by an earlier call) is left as it is but
// still uses the waivers that cover it. The cost is linear in findings
// times waivers.
func Suppress(fs []Finding, waivers []Waiver, files []string) []Finding {
	used := make([]bool, len(waivers))
	for i := range fs {
		f := &fs[i]
		for j := range waivers {
			w := &waivers[j]
			if !w.covers(f) {
				continue
			}
			used[j] = true
			if f.Suppressed != nil {
				continue
			}
			f.Suppressed = &Suppression{Kind: w.Kind, Reason: w.Reason}
			if w.Kind == Accepted {
				f.Severity = Info
				f.Message = fmt.Sprintf("%s; accepted: %s", f.Message, w.Reason)
			}
		}
	}
	var stale []Finding
	for j := range waivers {
		w := &waivers[j]
		if used[j] || !w.looksAtAny(files) {
			continue
		}
		stale = append(stale, w.staleFinding())
	}
	return stale
}

func (w *Waiver) looksAtAny(files []string) bool {
	if w.Files == nil {
		return len(files) > 0
	}
	for _, f := range files {
		if w.Files(f) {
			return true
		}
	}
	return false
}

func (w *Waiver) staleFinding() Finding {
	id, what := StaleIgnoreID, "ignore entry"
	if w.Kind == Accepted {
		id, what = StaleAcceptID, "accepted change"
	}
	rules := strings.Join(w.Rules, ", ")
	if rules == "" || (len(w.Rules) == 1 && w.Rules[0] == "") {
		rules = "any rule"
	}
	if len(w.Rules) > 3 {
		rules = fmt.Sprintf("%d rules", len(w.Rules))
	}
	return Finding{
		File: w.At.File, Line: w.At.Line, Column: w.At.Column, EndLine: w.At.Line, EndColumn: w.At.Column,
		Pointer: w.At.Pointer, Rule: id, Severity: Warning,
		Message: fmt.Sprintf("%s for %s at %q matched nothing; remove it or correct it", what, rules, w.Pointer),
		URL:     SuppressionEntries()[0].URL,
	}
}

// Tally counts findings in a summary of a run over a number of files:
// suppressed findings apart, the others by severity.
func Tally(files int, fs []Finding) Summary {
	s := Summary{Files: files}
	for _, f := range fs {
		s.Add(f)
	}
	return s
}
