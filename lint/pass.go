package lint

import (
	"fmt"

	"github.com/triggerkit/triggerkit/findings"

	"github.com/triggerkit/triggerkit/schema"
)

// Diagnostic is one problem a rule found.
type Diagnostic struct {
	Rule     string // the rule's ID
	Severity Severity
	Pointer  schema.Pointer // where in the document, stable across reformatting
	Span     schema.Span    // the bytes it is about
	Message  string         // one lowercase line, no position, no final period
	// Fixes are the ways to resolve the problem by editing the file, each
	// a message and byte-span edits against the bytes the rule saw (see
	// findings.Fix). A rule offers a fix only where it is certainly right,
	// or marks it Unsafe. Run checks every fix: one with no edits, no
	// message, or edits outside the file or overlapping each other is an
	// *InternalError of the rule, and the diagnostic is kept without it.
	Fixes []findings.Fix
}

// Pass is what a rule sees while it runs over one document.
type Pass struct {
	Rule *Rule
	Doc  *schema.Document
	run  *runState
	// sev replaces the severity of every diagnostic when override is set.
	sev      Severity
	override bool
}

// File returns the parsed file of the pass.
func (p *Pass) File() *schema.File { return p.Doc.File }

// Report records a diagnostic. Rule and Severity are filled in when empty.
func (p *Pass) Report(d Diagnostic) {
	if d.Rule == "" {
		d.Rule = p.Rule.ID
	}
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	// An override applies to every diagnostic of the rule, including
	// those it reports at a severity other than its default.
	if p.override {
		d.Severity = p.sev
	}
	p.run.add(p.Rule, d)
}

// Reportf reports a diagnostic at a span and pointer.
func (p *Pass) Reportf(span schema.Span, ptr schema.Pointer, format string, args ...any) {
	p.Report(Diagnostic{Pointer: ptr, Span: span, Message: fmt.Sprintf(format, args...)})
}

// ReportFix reports a diagnostic at a span and pointer with one fix.
func (p *Pass) ReportFix(span schema.Span, ptr schema.Pointer, fix findings.Fix, format string, args ...any) {
	p.Report(Diagnostic{Pointer: ptr, Span: span, Message: fmt.Sprintf(format, args...), Fixes: []findings.Fix{fix}})
}

// Replace returns a fix of one edit that replaces span with text.
func Replace(message string, span schema.Span, text string) findings.Fix {
	return findings.Fix{Message: message, Edits: []findings.Edit{{Start: span.Start, End: span.End, NewText: text}}}
}

// ReportNode reports a diagnostic about a value.
func (p *Pass) ReportNode(n *schema.Node, format string, args ...any) {
	p.Reportf(n.Span, n.Pointer(), format, args...)
}

// ReportKey reports a diagnostic about a member's key, such as an unknown
// keyword or a badly named property. The pointer is the member's.
func (p *Pass) ReportKey(m *schema.Member, format string, args ...any) {
	p.Reportf(m.KeySpan, m.Value.Pointer(), format, args...)
}

// ReportValue reports a diagnostic about a member's value, such as a keyword
// with a wrong value.
func (p *Pass) ReportValue(m *schema.Member, format string, args ...any) {
	p.ReportNode(m.Value, format, args...)
}
