package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"

	"github.com/triggerkit/triggerkit/schema"
)

// DocsURL is where the rules are documented; a finding's URL is this plus
// "#" and the lowercase rule ID.
const DocsURL = "https://github.com/triggerkit/triggerkit/blob/main/docs/rules.md"

// RuleURL returns the documentation URL of a rule ID.
func RuleURL(id string) string { return DocsURL + "#" + strings.ToLower(id) }

// Finding is a diagnostic placed in a file. Its JSON form is a stable
// contract: see the README.
type Finding struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"endLine"`
	EndColumn int      `json:"endColumn"`
	Pointer   string   `json:"pointer"`
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Message   string   `json:"message"`
	URL       string   `json:"url"`
}

// NewFinding places a diagnostic in a file.
func NewFinding(f *schema.File, d Diagnostic) Finding {
	start, end := f.Position(d.Span.Start), f.Position(d.Span.End)
	return Finding{
		File: f.Name, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
		Pointer: string(d.Pointer), Rule: d.Rule, Severity: d.Severity, Message: d.Message,
		URL: RuleURL(d.Rule),
	}
}

// Summary counts findings by severity.
type Summary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
}

// Add counts a finding.
func (s *Summary) Add(f Finding) {
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

// Report is the JSON document that --format json writes.
type Report struct {
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
}

// WriteJSON writes findings and their summary as one JSON document.
func WriteJSON(w io.Writer, findings []Finding, sum Summary) error {
	if findings == nil {
		findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Report{Findings: findings, Summary: sum})
}

// TextStyle says how WriteText prints.
type TextStyle struct {
	Color bool // colour the output with ANSI escapes
}

// FormatText formats one finding as "file:line:col: /pointer: message (ID)".
// The pointer is left out for the document root.
func FormatText(f Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", f.File, f.Line, f.Column)
	if f.Pointer != "" {
		b.WriteString(f.Pointer)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s (%s)", f.Message, f.Rule)
	return b.String()
}

// WriteText writes one line per finding, then a summary line when there are
// findings.
func WriteText(w io.Writer, findings []Finding, sum Summary, style TextStyle) error {
	pos := newColor(style, color.Bold)
	sev := map[Severity]*color.Color{
		Error:   newColor(style, color.FgRed, color.Bold),
		Warning: newColor(style, color.FgYellow, color.Bold),
		Info:    newColor(style, color.FgCyan),
	}
	dim := newColor(style, color.Faint)
	for _, f := range findings {
		var b strings.Builder
		b.WriteString(pos.Sprintf("%s:%d:%d:", f.File, f.Line, f.Column))
		b.WriteString(" ")
		if f.Pointer != "" {
			b.WriteString(dim.Sprint(f.Pointer + ":"))
			b.WriteString(" ")
		}
		b.WriteString(f.Message)
		b.WriteString(" (")
		if c := sev[f.Severity]; c != nil {
			b.WriteString(c.Sprint(f.Rule))
		} else {
			b.WriteString(f.Rule)
		}
		b.WriteString(")\n")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	if sum.Findings == 0 {
		return nil
	}
	line := fmt.Sprintf("%s (%s, %s, %s) in %s",
		plural(sum.Findings, "finding"), plural(sum.Errors, "error"),
		plural(sum.Warnings, "warning"), plural(sum.Info, "info"), plural(sum.Files, "file"))
	c := sev[Info]
	if sum.Errors > 0 {
		c = sev[Error]
	} else if sum.Warnings > 0 {
		c = sev[Warning]
	}
	_, err := fmt.Fprintln(w, c.Sprint(line))
	return err
}

func newColor(style TextStyle, attrs ...color.Attribute) *color.Color {
	c := color.New(attrs...)
	if style.Color {
		c.EnableColor()
	} else {
		c.DisableColor()
	}
	return c
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
