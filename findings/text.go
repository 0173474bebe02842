package findings

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
)

// Writer prints findings as they come, then a summary. Nothing may be
// written after Finish, which flushes the output.
type Writer interface {
	Write(Finding) error
	Finish(Summary) error
}

// TextStyle says how the text writer prints.
type TextStyle struct {
	Color bool // colour the output with ANSI escapes
}

// FormatText formats one finding as "file:line:col: severity: /pointer:
// message (ID)", without colour. The pointer is left out for the document
// root. The file name, pointer and message are escaped (see Escape).
func FormatText(f Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s: ", Escape(f.File), f.Line, f.Column, f.Severity)
	if f.Pointer != "" {
		b.WriteString(Escape(f.Pointer))
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s (%s)", Escape(f.Message), Escape(f.Rule))
	return b.String()
}

// TextWriter writes one line per finding, "file:line:col: severity:
// /pointer: message (ID)" with the severity coloured, the lines of its
// example below it (and the reason of a suppressed finding, "ignored:
// reason"), and at the end a summary line when there were findings,
// suppressed findings, findings left out by a baseline or stale baseline
// entries. Everything that comes from the input is escaped
// (see Escape), so no line of the input's making reaches the terminal raw.
type TextWriter struct {
	w   *bufio.Writer
	pos *color.Color
	sev map[Severity]*color.Color
	dim *color.Color
	err error
}

// NewTextWriter returns a text writer on w. It buffers; Finish flushes.
func NewTextWriter(w io.Writer, style TextStyle) *TextWriter {
	return &TextWriter{
		w:   bufio.NewWriterSize(w, 1<<16),
		pos: newColor(style, color.Bold),
		sev: map[Severity]*color.Color{
			Error:   newColor(style, color.FgRed, color.Bold),
			Warning: newColor(style, color.FgYellow, color.Bold),
			Info:    newColor(style, color.FgCyan),
		},
		dim: newColor(style, color.Faint),
	}
}

// Write prints a finding.
func (t *TextWriter) Write(f Finding) error {
	if t.err != nil {
		return t.err
	}
	var b strings.Builder
	b.WriteString(t.pos.Sprintf("%s:%d:%d:", Escape(f.File), f.Line, f.Column))
	b.WriteString(" ")
	if c := t.sev[f.Severity]; c != nil {
		b.WriteString(c.Sprint(f.Severity.String() + ":"))
	} else {
		b.WriteString(f.Severity.String() + ":")
	}
	b.WriteString(" ")
	if f.Pointer != "" {
		b.WriteString(t.dim.Sprint(Escape(f.Pointer) + ":"))
		b.WriteString(" ")
	}
	b.WriteString(Escape(f.Message))
	b.WriteString(" (")
	if c := t.sev[f.Severity]; c != nil {
		b.WriteString(c.Sprint(Escape(f.Rule)))
	} else {
		b.WriteString(Escape(f.Rule))
	}
	b.WriteString(")\n")
	if sup := f.Suppressed; sup != nil && sup.Kind != Accepted {
		// An accepted change carries its reason in its message.
		b.WriteString(t.dim.Sprint(fmt.Sprintf("    %sd: %s\n", Escape(string(sup.Kind)), Escape(sup.Reason))))
	}
	if ex := f.Example; ex != nil {
		var e strings.Builder
		fmt.Fprintf(&e, "    example (%s): %s\n", Escape(ex.Side), Escape(string(ex.Payload)))
		fmt.Fprintf(&e, "      old: %s\n      new: %s\n", Escape(ex.Old), Escape(ex.New))
		b.WriteString(t.dim.Sprint(e.String()))
	}
	_, t.err = t.w.WriteString(b.String())
	return t.err
}

// Finish prints the summary line, when there were findings, and flushes.
func (t *TextWriter) Finish(sum Summary) error {
	if t.err != nil {
		return t.err
	}
	if sum.Findings > 0 || sum.Suppressed > 0 || sum.Baselined > 0 || sum.BaselineStale > 0 {
		in := plural(sum.Files, "file")
		if sum.Payloads > 0 {
			in = plural(sum.Payloads, "payload") + " from " + in
		}
		line := fmt.Sprintf("%s (%s, %s, %s) in %s",
			plural(sum.Findings, "finding"), plural(sum.Errors, "error"),
			plural(sum.Warnings, "warning"), plural(sum.Info, "info"), in)
		if sum.Suppressed > 0 {
			line += fmt.Sprintf("; %d suppressed", sum.Suppressed)
		}
		if sum.Baselined > 0 {
			line += fmt.Sprintf("; %d in the baseline", sum.Baselined)
		}
		if sum.BaselineStale > 0 {
			line += fmt.Sprintf("; %s stale (refresh it with --write-baseline)", plural(sum.BaselineStale, "baseline entry"))
		}
		c := t.sev[Info]
		if sum.Errors > 0 {
			c = t.sev[Error]
		} else if sum.Warnings > 0 {
			c = t.sev[Warning]
		}
		if _, err := fmt.Fprintln(t.w, c.Sprint(line)); err != nil {
			t.err = err
			return err
		}
	}
	t.err = t.w.Flush()
	return t.err
}

// WriteText writes findings and their summary with a TextWriter.
func WriteText(w io.Writer, findings []Finding, sum Summary, style TextStyle) error {
	return writeAll(NewTextWriter(w, style), findings, sum)
}

func writeAll(w Writer, findings []Finding, sum Summary) error {
	for _, f := range findings {
		if err := w.Write(f); err != nil {
			return err
		}
	}
	return w.Finish(sum)
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
	if w, ok := strings.CutSuffix(word, "entry"); ok {
		return fmt.Sprintf("%d %sentries", n, w)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
