package findings

import (
	"fmt"
	"strings"
)

// DocsBase is the folder of the reference pages that URL points into.
const DocsBase = "https://github.com/triggerkit/triggerkit/blob/main/docs/"

// The reference pages, one per category.
const (
	RulesPage        = "rules.md"         // schema rules, TK1000 to TK8999
	PayloadRulesPage = "payload-rules.md" // payload and request rules, TK9000 to TK9999
	ChangesPage      = "changes.md"       // change kinds, TKD
)

// URL returns the documentation address of an ID of triggerkit's own: the
// page of its category plus "#" and the lowercase ID. It returns "" for an
// ID outside the TK prefix, which has no page here.
func URL(id string) string {
	page := Categorize(id).page()
	if page == "" {
		return ""
	}
	return DocsBase + page + "#" + strings.ToLower(id)
}

// Category is the kind of check an ID names, and the command that reports
// it.
type Category uint8

// The categories.
const (
	// Other is an ID outside triggerkit's prefixes, such as a team's own
	// rule.
	Other Category = iota
	// SchemaRule is a rule of the schema linter (lint): TK1000 to TK8999.
	SchemaRule
	// PayloadRule is a payload or request rule of the validator: TK9000 to
	// TK9999.
	PayloadRule
	// Change is a kind of schema change that diff classifies: TKD and three
	// digits.
	Change
)

// String returns "schema-rule", "payload-rule", "change" or "other".
func (c Category) String() string {
	switch c {
	case Other:
		return "other"
	case SchemaRule:
		return "schema-rule"
	case PayloadRule:
		return "payload-rule"
	case Change:
		return "change"
	}
	return fmt.Sprintf("category(%d)", int(c))
}

// MarshalText encodes the category as its name.
func (c Category) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

func (c Category) page() string {
	switch c {
	case SchemaRule:
		return RulesPage
	case PayloadRule:
		return PayloadRulesPage
	case Change:
		return ChangesPage
	}
	return ""
}

// Categorize returns the category of an ID by its prefix: "TKD" and
// digits is a change, "TK9" and three digits a payload rule, "TK" and four
// digits a schema rule. Case does not matter.
func Categorize(id string) Category {
	id = strings.ToUpper(id)
	switch {
	case len(id) == 6 && strings.HasPrefix(id, "TKD") && digits(id[3:]):
		return Change
	case len(id) == 6 && strings.HasPrefix(id, "TK9") && digits(id[3:]):
		return PayloadRule
	case len(id) == 6 && strings.HasPrefix(id, "TK") && digits(id[2:]):
		return SchemaRule
	}
	return Other
}

func digits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// Entry documents one ID of the catalogue: a schema rule, a payload or
// request rule, or a kind of change.
type Entry struct {
	ID       string // stable: "TK3008", "TK9004", "TKD301"
	Name     string // kebab-case, usable instead of the ID
	Category Category
	Severity Severity // the default severity of its findings
	// Class is a change kind's class: "breaking", "dangerous" or "safe".
	// It is "" for rules.
	Class string
	// Optional rules run only when they are enabled.
	Optional bool
	Since    string // the version that introduced it, when known
	Title    string // sentence case, no final period
	Text     string // plain paragraphs separated by blank lines
	// Bad and Good are a minimal input that is flagged and the same input
	// fixed, where the entry has them.
	Bad, Good string
	// Labels are short qualifiers printed after the severity, such as
	// "JSON Schema".
	Labels []string
	Source string // where it comes from: the specification's rules, Wix's pages
	URL    string // its documentation
	// LintRule marks a rule of the schema linter, whose documentation says
	// whether it has an automatic fix.
	LintRule bool
	// Fix says what a lint rule's automatic fix does; "" when it has none.
	Fix string
}

// Level returns the severity as documented: "error", "warning (optional)"
// for an optional rule, "breaking (error)" for a change kind.
func (e Entry) Level() string {
	switch {
	case e.Class != "":
		return e.Class + " (" + e.Severity.String() + ")"
	case e.Optional:
		return e.Severity.String() + " (optional)"
	}
	return e.Severity.String()
}

// Documented is anything with a catalogue entry: a lint rule, a payload
// rule, a change kind.
type Documented interface {
	Entry() Entry
}

// Entries returns the catalogue entries of items, in their order.
func Entries[T Documented](items []T) []Entry {
	out := make([]Entry, len(items))
	for i, x := range items {
		out[i] = x.Entry()
	}
	return out
}

// Lookup returns the entry with an ID or a name, both in any case.
func Lookup(entries []Entry, idOrName string) (Entry, bool) {
	for _, e := range entries {
		if strings.EqualFold(e.ID, idOrName) || strings.EqualFold(e.Name, idOrName) {
			return e, true
		}
	}
	return Entry{}, false
}
