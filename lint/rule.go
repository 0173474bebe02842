package lint

import (
	"errors"
	"fmt"
	"strings"
)

// Rule is one check, described as data.
type Rule struct {
	// ID is the stable identifier: "TK" and four digits, the first of which
	// is the group. IDs are never reused.
	ID string
	// Name is a short kebab-case name that may be used instead of the ID.
	Name string
	// Severity is the default severity of the rule's diagnostics.
	Severity Severity
	// Optional rules do not run unless they are enabled by name.
	Optional bool
	// Since is the version that introduced the rule.
	Since string
	Doc   Doc
	// Run inspects the pass and reports diagnostics. It returns an error
	// only for an internal failure, never for a problem in the input.
	Run func(*Pass) error
	// RunDespiteErrors lets the rule run on a file that had parse errors,
	// whose tree may be partial or missing.
	RunDespiteErrors bool
}

// Doc is a rule's documentation.
type Doc struct {
	Title  string // sentence case, no final period: it becomes a heading
	Text   string // plain paragraphs separated by blank lines
	Bad    string // a minimal schema the rule flags
	Good   string // the same schema, fixed
	Source string // where the rule comes from: the specification's rule numbers and Wix's pages
}

// The groups of rule IDs, by their first digit.
var groups = map[byte]string{
	'1': "Document and top level",
	'2': "Property keys",
	'3': "Titles, descriptions and examples",
	'4': "Types and nesting",
	'5': "Formats",
	'6': "Drop-down options (oneOf)",
	'7': "Contacts and scheduling (identityType, futureDate)",
	'8': "Custom types (wixCustomType)",
}

// Group returns the name of the group of a rule ID, or "".
func Group(id string) string {
	if len(id) < 3 {
		return ""
	}
	return groups[id[2]]
}

// validID reports whether id is "TK" and four digits, the first not 0.
func validID(id string) bool {
	if len(id) != 6 || id[:2] != "TK" || id[2] == '0' {
		return false
	}
	for _, c := range []byte(id[2:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// validName reports whether name is kebab-case: lower-case words of letters
// and digits joined by single hyphens, starting with a letter.
func validName(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' || name[len(name)-1] == '-' || strings.Contains(name, "--") {
		return false
	}
	for _, c := range []byte(name) {
		if !(c == '-' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// Validate checks a rule set: IDs and names well formed and unique, every
// rule documented and runnable. It reports every problem at once.
func Validate(rules []*Rule) error {
	var errs []error
	ids := map[string]bool{}
	names := map[string]bool{}
	for i, r := range rules {
		if r == nil {
			errs = append(errs, fmt.Errorf("rule %d is nil", i))
			continue
		}
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("rule %s: %s", r.ID, fmt.Sprintf(format, args...)))
		}
		if !validID(r.ID) {
			bad("ID is not TK and four digits")
		} else if Group(r.ID) == "" {
			bad("ID is in no group")
		}
		if ids[r.ID] {
			bad("duplicate ID")
		}
		ids[r.ID] = true
		if !validName(r.Name) {
			bad("name %q is not kebab-case", r.Name)
		}
		if names[r.Name] {
			bad("duplicate name %q", r.Name)
		}
		names[r.Name] = true
		if r.Severity < Info || r.Severity > Error {
			bad("invalid severity %d", r.Severity)
		}
		if r.Since == "" {
			bad("Since is not set")
		}
		if r.Run == nil {
			bad("Run is not set")
		}
		t := r.Doc.Title
		switch {
		case t == "":
			bad("Doc.Title is empty")
		case len(t) > 60:
			bad("Doc.Title is longer than 60 characters")
		case strings.HasSuffix(t, "."):
			bad("Doc.Title ends with a period")
		case strings.ToUpper(t[:1]) != t[:1]:
			bad("Doc.Title does not start with a capital letter")
		}
		if r.Doc.Text == "" || r.Doc.Bad == "" || r.Doc.Good == "" {
			bad("Doc needs Text, Bad and Good")
		}
		if i > 0 && rules[i-1] != nil && rules[i-1].ID >= r.ID {
			bad("rules are not sorted by ID")
		}
	}
	return errors.Join(errs...)
}
