package triggerlint_test

import (
	"os"
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/triggerlint"
)

// noPrice is a team's rule: its schemas call money "amount", never
// "price". Without a URL, its findings and explain give none.
var noPrice = &lint.Rule{
	ID:       "ACME2001",
	Name:     "acme-no-price",
	Severity: lint.Error,
	Since:    "v1.0.0",
	Doc: lint.Doc{
		Title: "Money is called amount, not price",
		Text:  "Our automations read money from an \"amount\" key.",
		Bad:   `{"type": "object", "properties": {"price": {"type": "string"}}}`,
		Good:  `{"type": "object", "properties": {"amount": {"type": "string"}}}`,
	},
	Run: func(pass *lint.Pass) error {
		pass.Doc.Walk(func(p *schema.Property) {
			if strings.EqualFold(p.Name, "price") {
				pass.ReportKey(p.Member, "key %q, want \"amount\"", p.Name)
			}
		})
		return nil
	},
}

// A team's triggerlint is a main package of one line: every command of
// triggerlint, with the team's rules beside triggerkit's.
func ExampleMain() {
	// package main
	//
	// func main() { triggerlint.Main(acme.NoPrice, acme.CamelCaseKeys) }
	triggerlint.Main(noPrice)
}

// Run is the same command in-process, for tests: explain covers the
// team's rules.
func ExampleRun() {
	env := triggerlint.Env{Stdout: os.Stdout, Stderr: os.Stderr}
	code := triggerlint.Run([]string{"explain", "acme-no-price"}, env, noPrice)
	if code != 0 {
		panic(code)
	}
	// Output:
	// ACME2001 (acme-no-price): Money is called amount, not price
	//
	// Severity: error. Since v1.0.0.
	//
	// Our automations read money from an "amount" key.
	//
	// Flagged:
	//
	//     {"type": "object", "properties": {"price": {"type": "string"}}}
	//
	// Clean:
	//
	//     {"type": "object", "properties": {"amount": {"type": "string"}}}
	//
	// Automatic fix: none; triggerlint fix leaves this to the schema's author.
}
