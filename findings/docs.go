package findings

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Page is a reference page generated from catalogue entries:
// docs/rules.md, docs/payload-rules.md or docs/changes.md.
type Page struct {
	// Header is the Markdown before the index: the title, a note that the
	// page is generated, and an introduction. It ends with a blank line.
	Header  string
	Entries []Entry
	// Group returns the section heading of an entry; entries of one group
	// must be adjacent. Without it the entries follow the index directly.
	Group func(Entry) string
}

// WriteMarkdown writes a reference page: its header, an index table, then a
// section per entry (grouped under "##" headings) with the entry's text,
// examples and source. Each section has an anchor with the lowercase ID, the
// fragment that URL links to.
func WriteMarkdown(w io.Writer, p Page) error {
	var b bytes.Buffer
	b.WriteString(p.Header)
	writeIndex(&b, p.Entries, "")
	group := ""
	for _, e := range p.Entries {
		if p.Group != nil {
			if g := p.Group(e); g != group {
				group = g
				fmt.Fprintf(&b, "\n## %s\n", g)
			}
		}
		b.WriteString("\n")
		writeSection(&b, e, true)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteIndex writes the index table of entries in Markdown: ID, name,
// severity and title, each ID linked to page + "#" + its lowercase ID (page
// "" links within the page).
func WriteIndex(w io.Writer, entries []Entry, page string) error {
	var b bytes.Buffer
	writeIndex(&b, entries, page)
	_, err := w.Write(b.Bytes())
	return err
}

func writeIndex(b *bytes.Buffer, entries []Entry, page string) {
	b.WriteString("| ID | name | severity | title |\n|---|---|---|---|\n")
	for _, e := range entries {
		fmt.Fprintf(b, "| [%s](%s#%s) | `%s` | %s | %s |\n", e.ID, page, strings.ToLower(e.ID), e.Name, e.Level(), e.Title)
	}
}

// WriteExplain writes an entry's documentation as plain text, as
// `triggerlint explain` prints it.
func WriteExplain(w io.Writer, e Entry) error {
	var b bytes.Buffer
	writeSection(&b, e, false)
	_, err := w.Write(b.Bytes())
	return err
}

func writeSection(b *bytes.Buffer, e Entry, markdown bool) {
	level := e.Severity.String()
	switch {
	case e.Class != "":
		level = e.Level()
	case e.Optional:
		level += ", optional: runs only when enabled"
	}
	if markdown {
		fmt.Fprintf(b, "<a id=\"%s\"></a>\n### %s: %s\n\n", strings.ToLower(e.ID), e.ID, e.Title)
		meta := []string{"`" + e.Name + "`", level}
		if e.Since != "" {
			meta = append(meta, "since "+e.Since)
		}
		meta = append(meta, e.Labels...)
		if e.LintRule && e.Fix != "" {
			meta = append(meta, "fixable")
		}
		fmt.Fprintf(b, "%s\n\n", strings.Join(meta, " · "))
	} else {
		fmt.Fprintf(b, "%s (%s): %s\n\nSeverity: %s.", e.ID, e.Name, e.Title, level)
		if e.Since != "" {
			fmt.Fprintf(b, " Since %s.", e.Since)
		}
		for _, l := range e.Labels {
			fmt.Fprintf(b, " %s.", l)
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(b, "%s\n", strings.TrimSpace(e.Text))
	if e.Bad != "" || e.Good != "" {
		if markdown {
			fmt.Fprintf(b, "\nFlagged:\n\n```json\n%s\n```\n\nClean:\n\n```json\n%s\n```\n", strings.TrimSpace(e.Bad), strings.TrimSpace(e.Good))
		} else {
			fmt.Fprintf(b, "\nFlagged:\n\n%s\n\nClean:\n\n%s\n", indent(e.Bad), indent(e.Good))
		}
	}
	if e.LintRule {
		if e.Fix != "" {
			fmt.Fprintf(b, "\nAutomatic fix (triggerlint fix): %s\n", strings.TrimSpace(e.Fix))
		} else {
			b.WriteString("\nAutomatic fix: none; triggerlint fix leaves this to the schema's author.\n")
		}
	}
	if e.Source != "" {
		fmt.Fprintf(b, "\nSource: %s\n", e.Source)
	}
	if !markdown && e.URL != "" {
		fmt.Fprintf(b, "\nOnline: %s\n", e.URL)
	}
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}
