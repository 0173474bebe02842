package lint

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the reference of a rule set: an index table, then a
// section per rule with its text and examples. docs/rules.md is generated
// with it.
func WriteMarkdown(w io.Writer, rules []*Rule) error {
	var b bytes.Buffer
	b.WriteString("<!-- Generated from the rules' Doc fields by `go test ./rules -run TestDocs -update`. Do not edit. -->\n\n")
	b.WriteString("# triggerlint rules\n\n")
	b.WriteString("Every rule has a stable ID whose first digit is its group. Severities are the defaults; ")
	b.WriteString("`--severity ID=LEVEL` changes them, `--enable` and `--disable` choose rules by ID, name or glob ")
	b.WriteString("(`TK3*`, `prop-description-*`). Optional rules run only when enabled.\n\n")
	b.WriteString("| ID | name | severity | title |\n|---|---|---|---|\n")
	for _, r := range rules {
		sev := r.Severity.String()
		if r.Optional {
			sev += " (optional)"
		}
		fmt.Fprintf(&b, "| [%s](#%s) | `%s` | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Name, sev, r.Doc.Title)
	}
	group := ""
	for _, r := range rules {
		if g := Group(r.ID); g != group {
			group = g
			fmt.Fprintf(&b, "\n## %s\n", g)
		}
		b.WriteString("\n")
		WriteExplain(&b, r, true)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteExplain writes a rule's documentation, as `triggerlint explain`
// prints it. With markdown set, it writes a section of docs/rules.md.
func WriteExplain(w io.Writer, r *Rule, markdown bool) {
	sev := r.Severity.String()
	if r.Optional {
		sev += ", optional: runs only when enabled"
	}
	if markdown {
		fmt.Fprintf(w, "<a id=\"%s\"></a>\n### %s: %s\n\n", strings.ToLower(r.ID), r.ID, r.Doc.Title)
		fmt.Fprintf(w, "`%s` · %s · since %s\n\n", r.Name, sev, r.Since)
	} else {
		fmt.Fprintf(w, "%s (%s): %s\n\n", r.ID, r.Name, r.Doc.Title)
		fmt.Fprintf(w, "Severity: %s. Since %s.\n\n", sev, r.Since)
	}
	fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(r.Doc.Text))
	if markdown {
		fmt.Fprintf(w, "Flagged:\n\n```json\n%s\n```\n\nClean:\n\n```json\n%s\n```\n", strings.TrimSpace(r.Doc.Bad), strings.TrimSpace(r.Doc.Good))
	} else {
		fmt.Fprintf(w, "Flagged:\n\n%s\n\nClean:\n\n%s\n", indent(r.Doc.Bad), indent(r.Doc.Good))
	}
	if r.Doc.Source != "" {
		fmt.Fprintf(w, "\nSource: %s\n", r.Doc.Source)
	}
	if u := r.DocURL(); !markdown && u != "" {
		fmt.Fprintf(w, "\nOnline: %s\n", u)
	}
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}
