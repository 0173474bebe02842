package lint

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Rule is one check, described as data.
type Rule struct {
	// ID is the stable identifier: a prefix of 2 to 5 upper-case letters,
	// then four digits, the first of which (not 0) is the group. The
	// prefixes TK and TKD are reserved for triggerkit; a team's own rules
	// use a prefix of their own, such as ACME1001. IDs are never reused.
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
	// URL is where the rule is documented, an absolute http or https URL.
	// When it is empty, a TK rule's URL is its section of triggerkit's
	// docs/rules.md and any other rule has none: see DocURL.
	URL string
}

// DocURL returns where the rule is documented: its URL field if set, else
// the rule's section of triggerkit's docs/rules.md for a TK rule, else "".
func (r *Rule) DocURL() string {
	if r.URL != "" {
		return r.URL
	}
	if Prefix(r.ID) == "TK" {
		return RuleURL(r.ID)
	}
	return ""
}

// Doc is a rule's documentation.
type Doc struct {
	Title  string // sentence case, no final period: it becomes a heading
	Text   string // plain paragraphs separated by blank lines
	Bad    string // a minimal schema the rule flags
	Good   string // the same schema, fixed
	Source string // where the rule comes from: the specification's rule numbers and Wix's pages
	// Fix says what the rule's automatic fix does, in one sentence, when
	// its diagnostics carry fixes (triggerlint fix applies them); "" when
	// the rule offers none.
	Fix string
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

// Group returns the name of the group of a TK rule ID, or "" for an ID
// outside TK or in no group.
func Group(id string) string {
	p, ok := splitID(id)
	if !ok || p != "TK" {
		return ""
	}
	return groups[id[len(p)]]
}

// Prefix returns the letters before the digits of a well-formed rule ID,
// such as "TK" for TK3008 and "ACME" for ACME1001, or "" for an ID that is
// not well formed.
func Prefix(id string) string {
	p, _ := splitID(id)
	return p
}

// Reserved reports whether a rule ID has a prefix reserved for triggerkit:
// TK for the schema rules of package rules, TKD for the change kinds of
// triggerlint diff. A team's rules must not use them.
func Reserved(id string) bool {
	p := Prefix(id)
	return p == "TK" || p == "TKD"
}

// splitID checks that id is 2 to 5 upper-case letters and four digits, the
// first not 0, and returns the letters.
func splitID(id string) (prefix string, ok bool) {
	n := 0
	for n < len(id) && id[n] >= 'A' && id[n] <= 'Z' {
		n++
	}
	if n < 2 || n > 5 || len(id) != n+4 || id[n] == '0' {
		return "", false
	}
	for _, c := range []byte(id[n:]) {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return id[:n], true
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

// Validate checks a rule set: IDs and names well formed, unique and sorted,
// every rule documented and runnable. It reports every problem at once.
//
// A well-formed ID is a prefix of 2 to 5 upper-case letters and four
// digits, the first of which, not 0, is the rule's group: TK3008,
// ACME1001. TK is triggerkit's prefix, whose groups are named (see Group);
// TKD is reserved for the change kinds of triggerlint diff and never names
// a rule.
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
		switch p, ok := splitID(r.ID); {
		case !ok:
			bad("ID is not 2 to 5 upper-case letters and four digits, the first not 0")
		case p == "TKD":
			bad("prefix TKD is reserved for the change kinds of triggerlint diff")
		case p == "TK" && Group(r.ID) == "":
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
		if r.URL != "" {
			if u, err := url.Parse(r.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				bad("URL %q is not an absolute http or https URL", r.URL)
			}
		}
		if i > 0 && rules[i-1] != nil && rules[i-1].ID >= r.ID {
			bad("rules are not sorted by ID")
		}
	}
	return errors.Join(errs...)
}
