package validate_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/validate"
)

// underscoreKey compiles, but the linter refuses it: "_id" is a reserved
// key (TK2002, an error); it also has warnings.
const underscoreKey = `{"type": "object", "properties": {"_id": {"type": "string", "title": "ID"}}}`

// TestNewLintedRefusesWhatTheCLIRefuses is the defect of validate.New
// accepting a schema that triggerlint validate refuses: NewLinted refuses
// it with a *SchemaError holding the findings.
func TestNewLintedRefusesWhatTheCLIRefuses(t *testing.T) {
	if _, err := validate.New([]byte(underscoreKey), nil); err != nil {
		t.Fatalf("New: %v; the test needs a schema that compiles", err)
	}
	v, err := validate.NewLinted("order.json", []byte(underscoreKey), rules.All(), nil)
	var se *validate.SchemaError
	if v != nil || !errors.As(err, &se) {
		t.Fatalf("got %v, %v; want a *SchemaError", v, err)
	}
	if se.Name != "order.json" || se.Errors != 2 || len(se.Findings) != 4 {
		t.Errorf("got name %q, %d errors, %d findings; want order.json, 2, 4: %+v", se.Name, se.Errors, len(se.Findings), se.Findings)
	}
	errs := se.ErrorFindings()
	if len(errs) != se.Errors {
		t.Fatalf("got %d error findings, want %d", len(errs), se.Errors)
	}
	var ids []string
	for _, f := range errs {
		if f.Severity != lint.Error || f.File != "order.json" || f.URL == "" {
			t.Errorf("error finding %+v", f)
		}
		ids = append(ids, f.Rule)
	}
	if !strings.Contains(strings.Join(ids, " "), "TK2002") {
		t.Errorf("got error rules %v, want TK2002 among them", ids)
	}
	if got, want := err.Error(), "order.json: the schema has 2 lint errors"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNewLintedRefusesInvalidJSON(t *testing.T) {
	_, err := validate.NewLinted("broken.json", []byte(`{"type": `), rules.All(), nil)
	var se *validate.SchemaError
	if !errors.As(err, &se) || se.Errors != 1 || se.Findings[0].Rule != "TK1001" || se.Findings[0].Column != 10 {
		t.Fatalf("got %v (%+v), want one TK1001 error at column 10", err, se)
	}
}

// TestNewLintedAcceptsWarnings checks that a schema with warnings but no
// errors compiles, and validates as New's does.
func TestNewLintedAcceptsWarnings(t *testing.T) {
	src, err := os.ReadFile("../examples/order-paid.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Bytes("order-paid.json", src, lint.Options{Rules: rules.All()})
	if err != nil || res.Summary.Errors != 0 {
		t.Fatalf("the test needs a schema without lint errors: %v %+v", err, res.Summary)
	}
	v, err := validate.NewLinted("order-paid.json", src, rules.All(), nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := validate.New(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, payload := range []string{`{}`, `{"orderId": 1}`, `[]`} {
		a, b := v.Validate([]byte(payload)), w.Validate([]byte(payload))
		if a.Valid() != b.Valid() || len(a.Violations) != len(b.Violations) {
			t.Errorf("%s: NewLinted's validator gives %+v, New's %+v", payload, a.Violations, b.Violations)
		}
	}
}

// TestNewLintedReportsAFailingRule checks that a rule's internal failure is
// returned as the *lint.InternalError, not as a lint verdict.
func TestNewLintedReportsAFailingRule(t *testing.T) {
	boom := &lint.Rule{ID: "ACME1001", Name: "boom", Severity: lint.Error, Run: func(*lint.Pass) error {
		return errors.New("boom")
	}}
	_, err := validate.NewLinted("x.json", []byte(`{"type": "object"}`), []*lint.Rule{boom}, nil)
	var ie *lint.InternalError
	if !errors.As(err, &ie) || ie.Rule != "ACME1001" {
		t.Fatalf("got %v, want the rule's *lint.InternalError", err)
	}
	var se *validate.SchemaError
	if errors.As(err, &se) {
		t.Errorf("a failing rule is not a schema with lint errors")
	}
}

// TestNewLintedWithNoRulesIsNew checks that an empty rule set lints nothing.
func TestNewLintedWithNoRulesIsNew(t *testing.T) {
	if _, err := validate.NewLinted("x.json", []byte(underscoreKey), nil, nil); err != nil {
		t.Fatal(err)
	}
}

// A service that accepts schemas from its users holds them to the linter
// before compiling them, as triggerlint validate does.
func ExampleNewLinted() {
	schemaJSON := []byte(`{"type": "object", "properties": {"_id": {"type": "string", "title": "ID"}}}`)
	_, err := validate.NewLinted("order.json", schemaJSON, rules.All(), nil)
	var se *validate.SchemaError
	if errors.As(err, &se) {
		fmt.Println(err)
		for _, f := range se.ErrorFindings() {
			fmt.Println(lint.FormatText(f))
		}
	}
	// Output:
	// order.json: the schema has 2 lint errors
	// order.json:1:35: error: /properties/_id: property key "_id" starts with an underscore (TK2002)
	// order.json:1:35: error: /properties/_id: missing "examples" (TK3005)
}
