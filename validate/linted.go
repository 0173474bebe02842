package validate

import (
	"fmt"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// SchemaError is a payload schema that the linter refuses: linting it gave
// at least one finding of error severity.
type SchemaError struct {
	// Name is the schema's file name, as the findings show it.
	Name string
	// Findings are every finding of the lint run, by position: the errors
	// and the warnings and notes beside them, as the linter prints them.
	Findings []lint.Finding
	// Errors is how many of Findings are of error severity, at least one.
	Errors int
}

func (e *SchemaError) Error() string {
	if e.Errors == 1 {
		return e.Name + ": the schema has 1 lint error"
	}
	return fmt.Sprintf("%s: the schema has %d lint errors", e.Name, e.Errors)
}

// ErrorFindings returns the findings of error severity.
func (e *SchemaError) ErrorFindings() []lint.Finding {
	var out []lint.Finding
	for _, f := range e.Findings {
		if f.Severity >= lint.Error {
			out = append(out, f)
		}
	}
	return out
}

// NewLinted lints a payload schema with a rule set, then compiles it: it
// accepts the schemas that triggerlint validate accepts, where New accepts
// every schema it can compile. name is the file the findings show. Pass
// rules.All() of package rules for triggerkit's rules, with their default
// severities.
//
// A schema with lint errors gives a *SchemaError holding the findings; a
// rule that fails gives its *lint.InternalError; a schema that cannot be
// compiled gives a *CompileError.
func NewLinted(name string, schemaJSON []byte, ruleSet []*lint.Rule, opts *Options) (*Validator, error) {
	l, err := lint.New(lint.Options{Rules: ruleSet})
	if err != nil {
		return nil, err
	}
	return NewLintedBy(name, schemaJSON, l, opts)
}

// NewLintedBy is NewLinted with a linter of the caller's: its rule
// selection and severities (a team's config, say) decide which findings are
// errors that refuse the schema.
func NewLintedBy(name string, schemaJSON []byte, l *lint.Linter, opts *Options) (*Validator, error) {
	doc, _ := schema.Load(name, schemaJSON)
	res, err := l.Document(doc)
	if err != nil {
		if ie, ok := err.(*lint.InputError); ok {
			err = ie.Err
		}
		return nil, err
	}
	if res.Summary.Errors > 0 {
		return nil, &SchemaError{Name: name, Findings: res.Findings, Errors: res.Summary.Errors}
	}
	return Compile(doc, opts)
}
