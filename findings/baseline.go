package findings

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// BaselineVersion is the version of the baseline file format that
// WriteBaseline writes and ReadBaseline reads.
const BaselineVersion = 1

// Baseline is the findings a project has accepted for now: a run with it
// reports only the findings it does not hold. Its JSON form is the
// baseline file.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one recorded finding. Only the fingerprint is matched;
// the other fields are there for people who read the file.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Pointer     string `json:"pointer"`
	Message     string `json:"message"`
}

// BaselineError is a baseline file that cannot be used.
type BaselineError struct {
	Name string // the file
	Err  error  // what is wrong, when it is an error of decoding
	Msg  string // what is wrong otherwise
}

func (e *BaselineError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("baseline %s: %v", e.Name, e.Err)
	}
	return fmt.Sprintf("baseline %s: %s", e.Name, e.Msg)
}

func (e *BaselineError) Unwrap() error { return e.Err }

// NewBaseline records findings, leaving out suppressed ones (which are not
// numbered among the occurrences either), sorted by
// file, pointer, rule and fingerprint so that the file changes little from
// one run to the next.
func NewBaseline(fs []Finding) *Baseline {
	prints := fingerprints(fs, true)
	b := &Baseline{Version: BaselineVersion, Findings: make([]BaselineEntry, 0, len(fs))}
	for i, f := range fs {
		if f.Suppressed != nil {
			continue
		}
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: prints[i], Rule: f.Rule,
			File: cleanPath(f.File), Pointer: f.Pointer, Message: f.Message})
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.Pointer != y.Pointer {
			return x.Pointer < y.Pointer
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		return x.Fingerprint < y.Fingerprint
	})
	return b
}

// WriteBaseline writes the baseline of findings (see NewBaseline) as
// indented JSON.
func WriteBaseline(w io.Writer, fs []Finding) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(NewBaseline(fs)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadBaseline decodes a baseline file; name is how errors call it.
// Unknown fields, a version other than BaselineVersion and an entry
// without a fingerprint are errors.
func ReadBaseline(r io.Reader, name string) (*Baseline, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, &BaselineError{Name: name, Err: err}
	}
	if dec.More() {
		return nil, &BaselineError{Name: name, Msg: "more than one JSON value"}
	}
	if b.Version != BaselineVersion {
		return nil, &BaselineError{Name: name, Msg: fmt.Sprintf("got version %d, want %d", b.Version, BaselineVersion)}
	}
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, &BaselineError{Name: name, Msg: fmt.Sprintf("finding %d has no fingerprint", i)}
		}
	}
	return &b, nil
}

// ApplyBaseline returns the findings the baseline does not hold, and the
// number of baseline entries that matched no finding (fixed since, or
// changed beyond recognition). Each entry matches at most one finding.
// Suppressed findings are kept as they are and match nothing. Linear in
// the findings and the entries.
func ApplyBaseline(fs []Finding, b *Baseline) (kept []Finding, stale int) {
	left := make(map[string]int, len(b.Findings))
	for _, e := range b.Findings {
		left[e.Fingerprint]++
	}
	prints := fingerprints(fs, true)
	kept = make([]Finding, 0, len(fs))
	matched := 0
	for i, f := range fs {
		if f.Suppressed == nil && left[prints[i]] > 0 {
			left[prints[i]]--
			matched++
			continue
		}
		kept = append(kept, f)
	}
	return kept, len(b.Findings) - matched
}
