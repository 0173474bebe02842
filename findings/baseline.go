package findings

import (
	"bytes"
	"crypto/sha256"
	hexenc "encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
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

// Fingerprint identifies a finding across edits that do not change it:
// reformatting, re-indenting, reordering keys, lines inserted above. It
// hashes the rule, the file (in slash form, cleaned), the pointer, the
// message with numbers taken out and spaces folded (see NormalizeMessage),
// and occurrence, which tells apart findings that agree in all of these
// (0 for the first, 1 for the second, in position order). Line and column
// play no part. It is 32 hexadecimal digits.
func Fingerprint(f Finding, occurrence int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d", strings.ToUpper(f.Rule), cleanName(f.File), f.Pointer,
		NormalizeMessage(f.Message), occurrence)
	return hexenc.EncodeToString(h.Sum(nil)[:16])
}

// Fingerprints returns the fingerprint of each finding, numbering the
// occurrences of findings that agree in everything else in the order given.
// Give the findings in position order, as the linter returns them.
func Fingerprints(fs []Finding) []string {
	return fingerprints(fs, false)
}

// fingerprints is Fingerprints; with skipSuppressed, suppressed findings
// get "" and are not numbered.
func fingerprints(fs []Finding, skipSuppressed bool) []string {
	seen := make(map[string]int, len(fs))
	out := make([]string, len(fs))
	for i, f := range fs {
		if skipSuppressed && f.Suppressed != nil {
			continue
		}
		k := strings.ToUpper(f.Rule) + "\x00" + cleanName(f.File) + "\x00" + f.Pointer + "\x00" + NormalizeMessage(f.Message)
		out[i] = Fingerprint(f, seen[k])
		seen[k]++
	}
	return out
}

// NormalizeMessage returns a message with every run of digits replaced by
// "#" and every run of white space by one space, trimmed, so that line
// numbers and positions quoted in a message do not change its fingerprint.
func NormalizeMessage(msg string) string {
	var b strings.Builder
	b.Grow(len(msg))
	digit, space := false, false
	for _, r := range msg {
		switch {
		case r >= '0' && r <= '9':
			if !digit {
				b.WriteByte('#')
			}
			digit, space = true, false
			continue
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			digit, space = false, true
			continue
		}
		digit, space = false, false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// cleanName is a file name in slash form without "./" or doubled slashes,
// so that a baseline written on one system matches on another.
func cleanName(name string) string {
	if name == "" {
		return ""
	}
	return path.Clean(filepath.ToSlash(name))
}

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
			File: cleanName(f.File), Pointer: f.Pointer, Message: f.Message})
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
