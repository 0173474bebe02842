package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// ExamplesMatchOneOf checks that examples of drop-down properties are
// among the options.
var ExamplesMatchOneOf = &lint.Rule{
	ID:       "TK3010",
	Name:     "examples-match-oneof",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "Examples of a drop-down are among its options",
		Text: `The examples of a property with "oneOf" options are among the options' "const" values: a payload
holding any other value is refused.`,
		Bad:    `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "examples": ["OPEN"], "oneOf": [{"type": "string", "title": "Open", "const": "open"}]}}}`,
		Good:   `{"type": "object", "properties": {"status": {"type": "string", "title": "Status", "examples": ["open"], "oneOf": [{"type": "string", "title": "Open", "const": "open"}]}}}`,
		Source: "spec rule 28 and decision 4",
	},
	Run: func(pass *lint.Pass) error {
		if !hasOptions(pass.Doc) {
			return nil
		}
		var sets optionSets
		eachExample(pass.Doc, func(s *schema.Schema, v *schema.Node) { sets.check(pass, "example", s, v) })
		return nil
	},
}

// optionSets holds the const sets of more than scanMax options of the
// schemas checked so far, so that each is hashed once; a set of fewer is
// scanned in place.
type optionSets struct {
	hashed map[*schema.Schema]constSet
}

// check reports v, an example or default (noun) of s or a value inside
// one, when s has oneOf options with consts and v is none of them.
func (sets *optionSets) check(pass *lint.Pass, noun string, s *schema.Schema, v *schema.Node) {
	if len(s.Options) == 0 {
		return
	}
	var set constSet
	if len(s.Options) > scanMax {
		var ok bool
		if set, ok = sets.hashed[s]; !ok {
			if sets.hashed == nil {
				sets.hashed = map[*schema.Schema]constSet{}
			}
			set = optionConsts(s)
			sets.hashed[s] = set
		}
	} else {
		set = optionConsts(s)
	}
	if set.n == 0 || set.has(v) {
		return
	}
	pass.ReportNode(v, "%s %s is not one of the options (%s)", noun, show(v), set.list())
}
