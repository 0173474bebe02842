package lint

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// Selection is the rules to run, with their severities. Build one with
// Select; its zero value runs nothing.
type Selection struct {
	rules    []*Rule
	severity map[string]Severity
}

// Rules returns the selected rules in ID order.
func (s *Selection) Rules() []*Rule { return s.rules }

// Severity returns the severity the selection gives a rule.
func (s *Selection) Severity(r *Rule) Severity {
	if v, ok := s.severity[r.ID]; ok {
		return v
	}
	return r.Severity
}

// SelectOptions says which rules to run and how serious their findings are.
type SelectOptions struct {
	// Toggles turn rules on and off, in order: a later toggle overrides an
	// earlier one for the rules both match, so "--disable all --enable
	// TK3003" runs one rule and "--disable TK3* --enable TK3003" all but
	// ten. Optional rules run only when a toggle turns them on.
	Toggles []Toggle
	// Severity overrides the severity of rules, by pattern. Later entries
	// win.
	Severity []SeverityOverride
}

// Toggle turns the rules that a pattern matches on or off. A pattern is an
// ID, a name, a glob over either ("TK3*", "prop-description-*") or "all".
type Toggle struct {
	Pattern string
	On      bool
}

// SeverityOverride sets the severity of the rules a pattern matches.
type SeverityOverride struct {
	Pattern  string
	Severity Severity
}

// ParseSeverityOverride reads "PATTERN=SEVERITY", for example "TK3003=error".
func ParseSeverityOverride(s string) (SeverityOverride, error) {
	pat, sev, ok := strings.Cut(s, "=")
	if !ok || pat == "" {
		return SeverityOverride{}, fmt.Errorf("severity override %q: want RULE=SEVERITY", s)
	}
	v, err := ParseSeverity(sev)
	if err != nil || v == None {
		return SeverityOverride{}, fmt.Errorf("severity override %q: want error, warning or info", s)
	}
	return SeverityOverride{Pattern: pat, Severity: v}, nil
}

// Select applies the options to a rule set. A pattern that matches no rule is
// an error, so that a mistyped ID is not silently ignored.
func Select(all []*Rule, opts SelectOptions) (*Selection, error) {
	on := map[string]bool{}
	for _, r := range all {
		on[r.ID] = !r.Optional
	}
	var errs []error
	apply := func(patterns []string, flag string, fn func(*Rule)) {
		for _, pat := range patterns {
			pat = strings.TrimSpace(pat)
			if pat == "" {
				continue
			}
			matched, err := matchRules(all, pat)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", flag, err))
				continue
			}
			for _, r := range matched {
				fn(r)
			}
		}
	}
	for _, t := range opts.Toggles {
		flag, on2 := "disable", t.On
		if on2 {
			flag = "enable"
		}
		apply([]string{t.Pattern}, flag, func(r *Rule) { on[r.ID] = on2 })
	}
	sel := &Selection{severity: map[string]Severity{}}
	for _, o := range opts.Severity {
		sev := o.Severity
		apply([]string{o.Pattern}, "severity", func(r *Rule) { sel.severity[r.ID] = sev })
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, r := range all {
		if on[r.ID] {
			sel.rules = append(sel.rules, r)
		}
	}
	return sel, nil
}

// matchRules returns the rules an ID, name, glob or "all" names.
func matchRules(all []*Rule, pattern string) ([]*Rule, error) {
	if pattern == "all" {
		return all, nil
	}
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("bad pattern %q: %w", pattern, err)
	}
	var out []*Rule
	for _, r := range all {
		okID, _ := path.Match(strings.ToUpper(pattern), r.ID)
		okName, _ := path.Match(pattern, r.Name)
		if okID || okName {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q matches no rule (see 'triggerlint rules')", pattern)
	}
	return out, nil
}

// Find returns the rule with an ID (in any case) or name, or nil.
func Find(all []*Rule, idOrName string) *Rule {
	for _, r := range all {
		if strings.EqualFold(r.ID, idOrName) || r.Name == idOrName {
			return r
		}
	}
	return nil
}

// InternalError is a rule's failure to run, which is never the input's fault.
type InternalError struct {
	Rule string
	Err  error
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("rule %s: internal error: %v", e.Rule, e.Err)
}

func (e *InternalError) Unwrap() error { return e.Err }

// Run runs the selected rules over a document and returns their diagnostics
// ordered by position, then rule ID. A severity override of the selection
// replaces the severity of every diagnostic of its rules. Rules that do not run despite errors are
// skipped when the file had parse errors. A rule that fails or panics yields
// an *InternalError; the diagnostics of the other rules are still returned.
func Run(doc *schema.Document, sel *Selection) ([]Diagnostic, error) {
	return run(doc, sel, &runState{})
}

// run is Run with the state st, which may have served an earlier run: the
// diagnostics it returns are st's, valid until st's next run or reset.
func run(doc *schema.Document, sel *Selection, st *runState) ([]Diagnostic, error) {
	st.reset()
	st.size = len(doc.File.Src)
	broken := len(doc.File.Errors) > 0 || doc.Root == nil
	// One pass serves every rule in turn: a rule must not keep it after
	// its Run returns.
	st.pass = Pass{Doc: doc, run: st}
	pass := &st.pass
	for _, r := range sel.rules {
		if broken && !r.RunDespiteErrors {
			continue
		}
		pass.Rule = r
		pass.sev, pass.override = sel.severity[r.ID]
		if err := runRule(r, pass); err != nil {
			st.errs = append(st.errs, &InternalError{Rule: r.ID, Err: err})
		}
	}
	SortDiagnostics(st.diags)
	return st.diags, errors.Join(st.errs...)
}

// runState collects the diagnostics and errors of one Run. A Linter keeps
// one for its next input.
type runState struct {
	size  int // of the file, for checking fixes
	diags []Diagnostic
	errs  []error
	pass  Pass
}

// maxRetainedDiags is the most diagnostics whose slice a runState keeps
// for its next run.
const maxRetainedDiags = 1 << 10

// reset empties st for another run, zeroing what the last one held.
func (st *runState) reset() {
	clear(st.diags)
	st.diags = st.diags[:0]
	if cap(st.diags) > maxRetainedDiags {
		st.diags = nil
	}
	clear(st.errs)
	st.errs = st.errs[:0]
	st.pass = Pass{}
}

// add records a diagnostic of rule r, without fixes that cannot apply.
func (st *runState) add(r *Rule, d Diagnostic) {
	if err := checkFixes(d.Fixes, st.size); err != nil {
		st.errs = append(st.errs, &InternalError{Rule: r.ID, Err: err})
		d.Fixes = nil
	}
	st.diags = append(st.diags, d)
}

// FixError is a fix of a diagnostic that cannot be applied: it has no
// message, no edits, or edits that lie outside the file or overlap.
type FixError struct {
	Fix string // the fix's message
	Err error  // a *findings.EditError, or what is missing
}

func (e *FixError) Error() string { return fmt.Sprintf("fix %q: %v", e.Fix, e.Err) }

func (e *FixError) Unwrap() error { return e.Err }

// checkFixes checks the fixes of a diagnostic against a file of size bytes.
func checkFixes(fixes []findings.Fix, size int) error {
	for _, f := range fixes {
		switch {
		case f.Message == "":
			return &FixError{Err: errors.New("fix has no message")}
		case len(f.Edits) == 0:
			return &FixError{Fix: f.Message, Err: errors.New("fix has no edits")}
		}
		if err := findings.ValidateEdits(f.Edits, size); err != nil {
			return &FixError{Fix: f.Message, Err: err}
		}
	}
	return nil
}

func runRule(r *Rule, pass *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
		}
	}()
	return r.Run(pass)
}

// SortDiagnostics orders diagnostics by position, then rule ID, then message.
func SortDiagnostics(diags []Diagnostic) {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
}
