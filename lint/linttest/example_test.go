package linttest_test

import (
	"fmt"
	"log"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/lint/linttest"
	"github.com/triggerkit/triggerkit/schema"
)

// CamelCaseKeys is a team's own rule. Its ID has the team's prefix (TK
// and TKD are triggerkit's) and its URL points at the team's docs.
var CamelCaseKeys = &lint.Rule{
	ID:       "ACME1001",
	Name:     "acme-camel-case-keys",
	Severity: lint.Warning,
	Since:    "v1.0.0",
	URL:      "https://acme.example/lint-rules#acme1001",
	Doc: lint.Doc{
		Title: "Property keys are camelCase",
		Text:  "Our apps read payloads into structs whose JSON tags are camelCase.",
		Bad:   `{"type": "object", "properties": {"order_id": {"type": "string"}}}`,
		Good:  `{"type": "object", "properties": {"orderId": {"type": "string"}}}`,
	},
	Run: func(pass *lint.Pass) error {
		pass.Doc.Walk(func(p *schema.Property) {
			if !camelCase(p.Name) {
				pass.ReportKey(p.Member, "key %q is not camelCase", p.Name)
			}
		})
		return nil
	},
}

// camelCase reports whether a key is a lower-case letter followed by
// letters and digits.
func camelCase(key string) bool {
	if key == "" || key[0] < 'a' || key[0] > 'z' {
		return false
	}
	for _, c := range []byte(key) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// A team builds a rule of its own as data, lints with it through the same
// engine as triggerkit's rules, and tests it with linttest.Run against
// testdata/ACME1001/*.txtar (see TestCamelCaseKeys).
func Example() {
	opts := lint.Options{Rules: []*lint.Rule{CamelCaseKeys}}
	if err := lint.Validate(opts.Rules); err != nil {
		log.Fatal(err)
	}
	res, err := lint.Bytes("payload.json", []byte(CamelCaseKeys.Doc.Bad), opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(linttest.Format(res.Findings))
	fmt.Println(res.Findings[0].URL)
	fmt.Printf("%d finding, %d warning\n", res.Summary.Findings, res.Summary.Warnings)
	// Output:
	// payload.json:1:35: warning: /properties/order_id: key "order_id" is not camelCase (ACME1001)
	// https://acme.example/lint-rules#acme1001
	// 1 finding, 1 warning
}
