package findings

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// GitHubOptions are the settings of a GitHub Actions writer.
type GitHubOptions struct {
	// SummaryPath is the file that receives the step summary, the value of
	// $GITHUB_STEP_SUMMARY; "" writes none. The writer appends to it, as
	// GitHub expects, creating it when it does not exist.
	SummaryPath string
	// Fail is the fail severity, for the step summary's verdict.
	Fail Severity
}

// GitHubWriter writes GitHub Actions workflow commands, one annotation per
// finding, as findings come:
//
//	::error file=a.json,line=1,col=2,endLine=1,endColumn=9,title=TK3008 example-type::/x: message
//
// with "error" for an error, "warning" for a warning and "notice" for info
// and for a suppressed finding. The title is the rule ID and its catalogue
// name. The message is "/pointer: message", followed for a diff finding by
// the example's lines and for a suppressed finding by its reason.
//
// Escaping follows GitHub's runner: in the message "%", CR and LF become
// %25, %0D and %0A; in the properties ":" and "," become %3A and %2C too.
// Before that, everything that comes from the input passes through Escape,
// so no control or bidirectional character reaches the log, and a line
// break of the input cannot end the command.
//
// With a SummaryPath, the writer also appends the Markdown report (see
// MarkdownWriter) to that file, the job's step summary; at the end it prints
// a plain summary line to the log.
type GitHubWriter struct {
	w       *bufio.Writer
	names   map[string]string
	opt     GitHubOptions
	tool    Tool
	entries []Entry
	summary *os.File
	md      *MarkdownWriter
	err     error
}

// NewGitHubWriter returns a GitHub Actions writer on w. entries give the
// rules' names for the annotation titles and the step summary. It buffers;
// Finish flushes and closes the step summary file.
func NewGitHubWriter(w io.Writer, tool Tool, entries []Entry, opt GitHubOptions) *GitHubWriter {
	g := &GitHubWriter{w: bufio.NewWriterSize(w, 1<<16), opt: opt, tool: tool, entries: entries, names: make(map[string]string, len(entries))}
	for _, e := range entries {
		g.names[strings.ToUpper(e.ID)] = e.Name
	}
	return g
}

// GitHubStepSummaryLimit is the most the writer appends to a step summary:
// GitHub refuses a summary over 1 MiB, so the Markdown report stops listing
// findings before that and says how many it left out.
const GitHubStepSummaryLimit = 1000 * 1000

// openSummary opens the step summary file and its Markdown writer, once.
func (g *GitHubWriter) openSummary() error {
	if g.opt.SummaryPath == "" || g.md != nil {
		return nil
	}
	f, err := os.OpenFile(g.opt.SummaryPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	g.summary = f
	g.md = NewMarkdownWriter(f, g.tool, g.entries, MarkdownOptions{Fail: g.opt.Fail, MaxBytes: GitHubStepSummaryLimit})
	return nil
}

// escapeGitHubData escapes a workflow command's message.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a workflow command's property value.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Format formats one finding as a workflow command, without the
// final newline.
func (g *GitHubWriter) Format(f Finding) string {
	cmd := "notice"
	switch {
	case f.Suppressed != nil:
	case f.Severity == Error:
		cmd = "error"
	case f.Severity == Warning:
		cmd = "warning"
	}
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(cmd)
	b.WriteString(" ")
	props := []string{"file=" + escapeGitHubProperty(Escape(cleanPath(f.File)))}
	if f.Line >= 1 {
		props = append(props, "line="+strconv.Itoa(f.Line))
		if f.Column >= 1 {
			props = append(props, "col="+strconv.Itoa(f.Column))
		}
		if f.EndLine >= f.Line {
			props = append(props, "endLine="+strconv.Itoa(f.EndLine))
			if f.EndColumn >= 1 && f.Column >= 1 {
				props = append(props, "endColumn="+strconv.Itoa(f.EndColumn))
			}
		}
	}
	title := f.Rule
	if name := g.names[strings.ToUpper(f.Rule)]; name != "" {
		title += " " + name
	}
	if f.Suppressed != nil {
		title += " (suppressed)"
	}
	props = append(props, "title="+escapeGitHubProperty(Escape(title)))
	b.WriteString(strings.Join(props, ","))
	b.WriteString("::")
	lines := []string{Escape(sarifMessage(f))}
	if ex := f.Example; ex != nil {
		lines = append(lines,
			fmt.Sprintf("example (%s): %s", Escape(ex.Side), Escape(string(ex.Payload))),
			"old: "+Escape(ex.Old), "new: "+Escape(ex.New))
	}
	if s := f.Suppressed; s != nil {
		lines = append(lines, "suppressed: "+Escape(s.Reason))
	}
	b.WriteString(escapeGitHubData(strings.Join(lines, "\n")))
	return b.String()
}

// Write prints a finding's annotation and adds it to the step summary.
func (g *GitHubWriter) Write(f Finding) error {
	if g.err != nil {
		return g.err
	}
	if g.err = g.openSummary(); g.err != nil {
		return g.err
	}
	if g.md != nil {
		if g.err = g.md.Write(f); g.err != nil {
			return g.err
		}
	}
	g.w.WriteString(g.Format(f))
	_, g.err = g.w.WriteString("\n")
	return g.err
}

// Finish prints the summary line, writes the step summary and flushes.
func (g *GitHubWriter) Finish(sum Summary) error {
	if g.err != nil {
		g.closeSummary()
		return g.err
	}
	if g.err = g.openSummary(); g.err != nil {
		return g.err
	}
	if g.md != nil {
		g.err = g.md.Finish(sum)
		if err := g.closeSummary(); g.err == nil {
			g.err = err
		}
		if g.err != nil {
			return g.err
		}
	}
	name := g.tool.Name
	if name == "" {
		name = "findings"
	}
	fmt.Fprintf(g.w, "%s: %s (%s, %s, %s) in %s\n", Escape(name),
		plural(sum.Findings, "finding"), plural(sum.Errors, "error"),
		plural(sum.Warnings, "warning"), plural(sum.Info, "info"), plural(sum.Files, "file"))
	g.err = g.w.Flush()
	return g.err
}

func (g *GitHubWriter) closeSummary() error {
	if g.summary == nil {
		return nil
	}
	err := g.summary.Close()
	g.summary = nil
	return err
}

// WriteGitHub writes findings and their summary as workflow commands with
// a GitHubWriter.
func WriteGitHub(w io.Writer, findings []Finding, sum Summary, tool Tool, entries []Entry, opt GitHubOptions) error {
	return writeAll(NewGitHubWriter(w, tool, entries, opt), findings, sum)
}
