package findings

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/triggerkit/triggerkit/schema"
)

// Finding is a problem placed in a file. Its JSON form is a stable contract:
// see the README. Lines and columns are 1-based; columns count bytes.
type Finding struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"endLine"`
	EndColumn int      `json:"endColumn"`
	Pointer   string   `json:"pointer"` // RFC 6901, "" for the document root
	Rule      string   `json:"rule"`    // the ID: "TK3008", "TK9004", "TKD301"
	Severity  Severity `json:"severity"`
	Message   string   `json:"message"` // one lowercase line
	URL       string   `json:"url"`     // the rule's documentation
	// Example is a payload that shows a change, for the findings of diff.
	Example *Example `json:"example,omitempty"`
	// Suppressed says why the finding is not counted, when an ignore entry
	// or an accepted change covers it (see Suppress). A suppressed finding
	// is shown only on request and never fails a run.
	Suppressed *Suppression `json:"suppressed,omitempty"`
	// Char and EndChar are Column and EndColumn counted in Unicode code
	// points, for the formats that count characters (SARIF); 0 when the
	// text was not at hand, and then Column stands in. They agree with
	// Column and EndColumn on lines of ASCII text. Not part of the JSON
	// report, whose columns count bytes.
	Char    int `json:"-"`
	EndChar int `json:"-"`
	// Fixes are edits that would resolve the finding, for tools that
	// apply them (package fix, an editor's code actions). They are not part
	// of the JSON report, whose contract is unchanged: the report says what
	// is wrong, and the fixes are offered through the library and applied
	// by triggerlint fix.
	Fixes []Fix `json:"-"`
}

// At returns a finding about a span of a parsed file: its name and the
// line and column of both ends, worked out from the file's line table. The
// caller fills in the rest.
func At(f *schema.File, span schema.Span) Finding {
	start, end := f.Position(span.Start), f.Position(span.End)
	return Finding{File: f.Name, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
		Char: f.CharColumn(span.Start), EndChar: f.CharColumn(span.End)}
}

// Example is a payload that shows what a schema change does, checked
// against both versions of the schema.
type Example struct {
	Payload json.RawMessage `json:"payload"`
	// Side is whose code the payload breaks: "app" when the old version
	// accepts it and the new one refuses it (the app's reporting code sends
	// it today); "automations" when the new version accepts a payload that
	// the old one refused (automations built on the old version receive
	// it); "behaviour" when both accept it but automations act on it
	// differently.
	Side string `json:"side"`
	// Old and New say what each version does with the payload: "accepted",
	// "refused: /pointer: reason (rule)", or for a behaviour example what
	// automations do.
	Old string `json:"old"`
	New string `json:"new"`
}

// Fix is one way to resolve a finding: a message saying what it does and
// the edits that do it, in the manner of go/analysis's SuggestedFix.
type Fix struct {
	Message string // "rename the key to order_id"
	Edits   []Edit
	// Unsafe marks a fix that is likely but not certainly right, such as
	// one that picks among several readings of the input. It is applied
	// only when the user names its rule (triggerlint fix --rules ID, or
	// --unsafe-fixes); a fix that is certainly right leaves it false.
	Unsafe bool
}

// Edit replaces the bytes [Start, End) of the file with NewText. Start ==
// End inserts; an empty NewText deletes.
type Edit struct {
	Start, End int // byte offsets; End is exclusive
	NewText    string
}

// EditError says why a set of edits cannot be applied to a text.
type EditError struct {
	Edit Edit // the edit at fault
	// Other is the edit that Edit overlaps, when Overlap is set.
	Other   Edit
	Overlap bool
	Size    int // the length of the text in bytes
}

func (e *EditError) Error() string {
	switch {
	case e.Overlap:
		return fmt.Sprintf("edit [%d,%d) overlaps edit [%d,%d)", e.Edit.Start, e.Edit.End, e.Other.Start, e.Other.End)
	case e.Edit.End < e.Edit.Start:
		return fmt.Sprintf("edit [%d,%d) ends before it starts", e.Edit.Start, e.Edit.End)
	}
	return fmt.Sprintf("edit [%d,%d) is outside the text, got end %d, want at most %d", e.Edit.Start, e.Edit.End, e.Edit.End, e.Size)
}

// ValidateEdits checks that edits can be applied together to a text of size
// bytes: every edit lies within the text, ends no earlier than it starts,
// and no two edits overlap. Edits that only touch (an insertion at the start
// or end of a replacement, or insertions at one offset) do not overlap;
// insertions at one offset apply in the order given. The edits are not
// modified.
func ValidateEdits(edits []Edit, size int) error {
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	for _, e := range sorted {
		if e.End < e.Start || e.Start < 0 || e.End > size {
			return &EditError{Edit: e, Size: size}
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		return a.Start < b.Start || (a.Start == b.Start && a.End < b.End)
	})
	for i := 1; i < len(sorted); i++ {
		prev, e := sorted[i-1], sorted[i]
		if e.Start < prev.End {
			return &EditError{Edit: e, Other: prev, Overlap: true, Size: size}
		}
	}
	return nil
}

// Summary counts findings by severity. Suppressed findings are counted
// apart: Findings, Errors, Warnings and Info, which decide the exit code,
// leave them out.
type Summary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
	// Suppressed counts the findings that an ignore entry or an accepted
	// change covers.
	Suppressed int `json:"suppressed,omitempty"`
	// Baselined counts the findings left out because the baseline holds
	// them, and BaselineStale the baseline entries that matched no finding,
	// so that the baseline can be refreshed (see ApplyBaseline).
	Baselined     int `json:"baselined,omitempty"`
	BaselineStale int `json:"baselineStale,omitempty"`
	// Payloads counts the payloads checked, when the files hold payloads;
	// the text summary then reads "in 5 payloads from 2 files". It is not
	// part of the JSON report.
	Payloads int `json:"-"`
}

// Add counts a finding: in Suppressed when it is suppressed, else in
// Findings and its severity.
func (s *Summary) Add(f Finding) {
	if f.Suppressed != nil {
		s.Suppressed++
		return
	}
	s.Findings++
	switch f.Severity {
	case Error:
		s.Errors++
	case Warning:
		s.Warnings++
	case Info:
		s.Info++
	}
}

// Worst returns the highest severity counted, or 0 when nothing was.
func (s Summary) Worst() Severity {
	switch {
	case s.Errors > 0:
		return Error
	case s.Warnings > 0:
		return Warning
	case s.Info > 0:
		return Info
	}
	return 0
}

// Report is the JSON document that --format json writes.
type Report struct {
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
}
