package validate

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/payload-rules.md")

// TestDocs keeps docs/payload-rules.md generated from Rules().
func TestDocs(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Payload and request rules\n\n")
	b.WriteString("Generated from `validate.Rules()` by `go test ./validate -run TestDocs -update`; do not edit.\n\n")
	b.WriteString("`triggerlint validate` and the `validate` package check payloads and Report/Cancel Event requests with these rules.\n")
	b.WriteString("The rules marked *JSON Schema* are the checks JSON Schema (draft-07) makes; the others are the dialect's own.\n\n")
	b.WriteString("| ID | Name | Severity | Title |\n| --- | --- | --- | --- |\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| [%s](#%s) | `%s` | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Name, r.Severity, r.Title)
	}
	for _, r := range Rules() {
		fmt.Fprintf(&b, "\n## %s\n\n**%s** (`%s`), %s", r.ID, r.Title, r.Name, r.Severity)
		if r.JSONSchema {
			b.WriteString(", JSON Schema")
		}
		fmt.Fprintf(&b, ".\n\n%s\n\nSpecification: %s.\n", r.Text, r.Spec)
	}
	const path = "../docs/payload-rules.md"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != b.String() {
		t.Errorf("%s is stale: run go test ./validate -run TestDocs -update", path)
	}
}
