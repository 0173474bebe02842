package findings

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// MarkdownOptions are the settings of a Markdown writer.
type MarkdownOptions struct {
	// Fail is the fail severity: the report says whether any finding is at
	// or above it. Zero means Error.
	Fail Severity
	// Title is the report's heading; "" uses the tool's name.
	Title string
	// MaxBytes, when above zero, caps the findings listed: once the report
	// would pass it, the rest are counted in a closing line instead of
	// shown. A pull-request comment holds 65,536 characters, a GitHub step
	// summary 1 MiB.
	MaxBytes int
}

// MarkdownWriter writes a report in GitHub-flavoured Markdown, fit for a
// pull-request comment or a step summary: a heading, the verdict against
// the fail severity, a table of counts by severity (suppressed findings in
// a row of their own), then a section per file, in the order the files
// first appear, listing its findings: severity, rule ID linked to its
// documentation, line and column, pointer and message. A finding with an
// example payload shows it in a fenced json block with what each version of
// the schema does with it; a suppressed finding shows its reason.
//
// Since the counts come first, the writer keeps the rendered findings until
// Finish; MaxBytes bounds them. Text from the input is escaped (see Escape)
// and then made literal: backslash escapes for Markdown punctuation, code
// spans and fences longer than any backtick run they hold, so a message
// cannot add links, HTML or formatting to the report.
type MarkdownWriter struct {
	w          io.Writer
	tool       Tool
	opt        MarkdownOptions
	names      map[string]string
	files      []string
	details    map[string]*bytes.Buffer
	size       int
	omitted    int
	suppressed int
	atFail     int
	err        error
}

// NewMarkdownWriter returns a Markdown writer on w. entries give the rules'
// names. Everything is written at Finish.
func NewMarkdownWriter(w io.Writer, tool Tool, entries []Entry, opt MarkdownOptions) *MarkdownWriter {
	if opt.Fail == 0 {
		opt.Fail = Error
	}
	m := &MarkdownWriter{w: w, tool: tool, opt: opt, names: make(map[string]string, len(entries)), details: map[string]*bytes.Buffer{}}
	for _, e := range entries {
		m.names[strings.ToUpper(e.ID)] = e.Name
	}
	return m
}

// markdownText makes a text of the input literal Markdown: Escape, then a
// backslash before every ASCII punctuation character.
func markdownText(s string) string {
	s = Escape(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && strings.IndexByte("\\`*_{}[]<>()#+-.!|~&=:\"'$%^@,;/?", c) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// longestRun returns the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// markdownCode returns s, escaped (see Escape), as a code span.
func markdownCode(s string) string {
	s = Escape(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.Trim(s, " ") != "") {
		s = " " + s + " "
	}
	if s == "" {
		return "` `"
	}
	return fence + s + fence
}

// markdownSeverity is a severity's label in the report.
func markdownSeverity(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return s.String()
}

// Write renders a finding into its file's section.
func (m *MarkdownWriter) Write(f Finding) error {
	if m.err != nil {
		return m.err
	}
	if f.Suppressed != nil {
		m.suppressed++
	} else if f.Severity >= m.opt.Fail {
		m.atFail++
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "- **%s**", markdownSeverity(f.Severity))
	if f.Suppressed != nil {
		b.WriteString(" (suppressed)")
	}
	b.WriteString(" ")
	if url := f.URL; url != "" && safeURL(url) {
		fmt.Fprintf(&b, "[%s](%s)", markdownText(f.Rule), url)
	} else {
		b.WriteString(markdownText(f.Rule))
	}
	if name := m.names[strings.ToUpper(f.Rule)]; name != "" {
		fmt.Fprintf(&b, " %s", markdownCode(name))
	}
	if f.Line >= 1 {
		fmt.Fprintf(&b, " line %d", f.Line)
		if f.Column >= 1 {
			fmt.Fprintf(&b, ", column %d", f.Column)
		}
	}
	if f.Pointer != "" {
		fmt.Fprintf(&b, " at %s", markdownCode(f.Pointer))
	}
	fmt.Fprintf(&b, ": %s\n", markdownText(f.Message))
	if s := f.Suppressed; s != nil {
		fmt.Fprintf(&b, "\n  Suppressed: %s\n", markdownText(s.Reason))
	}
	if ex := f.Example; ex != nil {
		payload := string(ex.Payload)
		var pretty bytes.Buffer
		if json.Indent(&pretty, ex.Payload, "", "  ") == nil {
			payload = pretty.String()
		}
		payload = string(appendSafeJSON(nil, []byte(payload)))
		fence := strings.Repeat("`", max(3, longestRun(payload, '`')+1))
		fmt.Fprintf(&b, "\n  Example payload (breaks %s):\n\n  %sjson\n", markdownText(ex.Side), fence)
		for _, line := range strings.Split(payload, "\n") {
			fmt.Fprintf(&b, "  %s\n", Escape(line))
		}
		fmt.Fprintf(&b, "  %s\n\n  Old version: %s. New version: %s.\n", fence, markdownText(ex.Old), markdownText(ex.New))
	}
	if m.opt.MaxBytes > 0 && m.size+b.Len() > m.opt.MaxBytes {
		m.omitted++
		return nil
	}
	m.size += b.Len()
	d := m.details[f.File]
	if d == nil {
		d = &bytes.Buffer{}
		m.details[f.File] = d
		m.files = append(m.files, f.File)
		m.size += len(f.File) + 16
	}
	d.Write(b.Bytes())
	return nil
}

// safeURL reports whether a documentation URL can be written as a link
// target as it is.
func safeURL(u string) bool {
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return false
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// Finish writes the report.
func (m *MarkdownWriter) Finish(sum Summary) error {
	if m.err != nil {
		return m.err
	}
	var b bytes.Buffer
	title := m.opt.Title
	if title == "" {
		title = m.tool.Name
	}
	if title == "" {
		title = "Findings"
	}
	fmt.Fprintf(&b, "## %s\n\n", markdownText(title))
	switch {
	case m.atFail > 0:
		fmt.Fprintf(&b, "**Failed:** %s at or above %s.\n\n", plural(m.atFail, "finding"), markdownSeverity(m.opt.Fail))
	case m.opt.Fail == None:
		b.WriteString("**Passed:** no severity fails this run.\n\n")
	default:
		fmt.Fprintf(&b, "**Passed:** no finding at or above %s.\n\n", markdownSeverity(m.opt.Fail))
	}
	in := plural(sum.Files, "file")
	if sum.Payloads > 0 {
		in = plural(sum.Payloads, "payload") + " from " + in
	}
	fmt.Fprintf(&b, "%s in %s.\n\n", plural(sum.Findings, "finding"), in)
	b.WriteString("| severity | findings |\n|---|---:|\n")
	fmt.Fprintf(&b, "| error | %d |\n| warning | %d |\n| info | %d |\n", sum.Errors, sum.Warnings, sum.Info)
	if m.suppressed > 0 {
		fmt.Fprintf(&b, "| suppressed | %d |\n", m.suppressed)
	}
	for _, file := range m.files {
		fmt.Fprintf(&b, "\n### %s\n\n", markdownCode(file))
		b.Write(m.details[file].Bytes())
	}
	if m.omitted > 0 {
		fmt.Fprintf(&b, "\n%s not shown: the report is limited to %d bytes.\n", plural(m.omitted, "finding"), m.opt.MaxBytes)
	}
	_, m.err = m.w.Write(b.Bytes())
	return m.err
}

// WriteMarkdownReport writes findings and their summary as one Markdown
// report with a MarkdownWriter.
func WriteMarkdownReport(w io.Writer, findings []Finding, sum Summary, tool Tool, entries []Entry, opt MarkdownOptions) error {
	return writeAll(NewMarkdownWriter(w, tool, entries, opt), findings, sum)
}
