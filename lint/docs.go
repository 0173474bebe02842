package lint

import (
	"io"

	"github.com/triggerkit/triggerkit/findings"
)

// Entry returns the rule's catalogue entry, which `triggerlint rules`,
// `explain` and docs/rules.md print.
func (r *Rule) Entry() findings.Entry {
	return findings.Entry{
		ID: r.ID, Name: r.Name, Category: findings.Categorize(r.ID), Severity: r.Severity,
		Optional: r.Optional, Since: r.Since, Title: r.Doc.Title, Text: r.Doc.Text,
		Bad: r.Doc.Bad, Good: r.Doc.Good, Source: r.Doc.Source, URL: r.DocURL(),
		LintRule: true, Fix: r.Doc.Fix,
	}
}

const rulesHeader = "<!-- Generated from the rules' Doc fields by `go test ./rules -run TestDocs -update`. Do not edit. -->\n\n" +
	"# triggerlint rules\n\n" +
	"Every rule has a stable ID whose first digit is its group. Severities are the defaults; " +
	"`--severity ID=LEVEL` changes them, `--enable` and `--disable` choose rules by ID, name or glob " +
	"(`TK3*`, `prop-description-*`). Optional rules run only when enabled. " +
	"Payloads and requests are checked by the rules in [payload-rules.md](payload-rules.md), " +
	"and schema changes are classified in [changes.md](changes.md).\n\n"

// WriteMarkdown writes the reference of a rule set: an index table, then a
// section per rule with its text and examples, by group. docs/rules.md is
// generated with it.
func WriteMarkdown(w io.Writer, rules []*Rule) error {
	return findings.WriteMarkdown(w, findings.Page{
		Header:  rulesHeader,
		Entries: findings.Entries(rules),
		Group:   func(e findings.Entry) string { return Group(e.ID) },
	})
}
