package diff

import (
	"io"

	"github.com/triggerkit/triggerkit/findings"
)

// WriteTable writes the index of the change kinds as a Markdown table (ID,
// name, severity with the class, title) whose links point into
// docs/changes.md from the repository's root, as in the README.
func WriteTable(w io.Writer) error {
	return findings.WriteIndex(w, findings.Entries(Kinds()), "docs/changes.md")
}

const docsHeader = `<!-- Generated from the catalogue in diff/kinds.go by ` + "`go test ./diff -run TestDocs -update`" + `. Do not edit. -->

# Schema changes

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

`

// changeGroup returns the group of a change ID, by its fourth character.
func changeGroup(id string) string {
	switch id[3] {
	case '0':
		return "Schema files"
	case '1':
		return "Properties"
	case '2':
		return "Types, formats and values"
	case '3':
		return "Drop-down options (oneOf)"
	case '4':
		return "Contacts, scheduling and custom types"
	}
	return "Titles, descriptions and examples"
}

// WriteDocs writes docs/changes.md: the classes, an index, then every kind
// of change with what it breaks, by group.
func WriteDocs(w io.Writer) error {
	return findings.WriteMarkdown(w, findings.Page{
		Header:  docsHeader,
		Entries: findings.Entries(Kinds()),
		Group:   func(e findings.Entry) string { return changeGroup(e.ID) },
	})
}
