package diff

import (
	"fmt"
	"io"
	"strings"
)

// WriteTable writes the change kinds as a Markdown table: ID, name, class
// and summary.
func WriteTable(w io.Writer) error {
	var b strings.Builder
	b.WriteString("| ID | Name | Class | Change |\n|---|---|---|---|\n")
	for _, k := range Kinds() {
		fmt.Fprintf(&b, "| [%s](docs/changes.md#%s) | `%s` | %s (%s) | %s |\n",
			k.ID, strings.ToLower(k.ID), k.Name, k.Class, k.Class.Severity(), k.Summary)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDocs writes docs/changes.md: the classes, then every kind of change
// with what it breaks.
func WriteDocs(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`# Schema changes

This file is generated from the catalogue in diff/kinds.go by
` + "`go test ./diff -run TestDocs -update`" + `; do not edit it by hand.

` + "`triggerlint diff`" + ` compares two versions of a trigger's payload schema and
reports every change with one of these IDs. The class says whom it can hurt:

- **breaking** (error): the app's payloads fail validation, or published
  automations lose something they use. Most of these are also refused by the
  dashboard once the app is published (spec rules 67 and 86).
- **dangerous** (warning): every payload stays valid, but automations may
  now receive values or events they were not built for.
- **safe** (info): nothing that exists breaks.

Every breaking or dangerous change comes with an example payload, checked
against both versions: one the old version accepts and the new refuses
(side ` + "`app`" + `: the app's reporting code sends it today), one the new version
accepts and the old refused (side ` + "`automations`" + `: automations built on the old
version receive it), or, where no validation tells the versions apart, one
the new version accepts and what automations do with it in each (side
` + "`behaviour`" + `).

`)
	for _, k := range Kinds() {
		fmt.Fprintf(&b, "## %s\n\n**%s**, %s (%s). %s.\n\n%s\n\n", strings.ToLower(k.ID)+"-"+k.Name, k.ID, k.Class, k.Class.Severity(), k.Summary, k.Doc)
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}
