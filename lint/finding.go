package lint

import (
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// Finding is a diagnostic placed in a file: see package findings.
type Finding = findings.Finding

// Summary counts findings by severity: see package findings.
type Summary = findings.Summary

// Report is the JSON document of findings and their summary.
type Report = findings.Report

// NewFinding places a diagnostic in a file, with its fixes. Its URL is
// the rule's documentation (findings.URL).
func NewFinding(f *schema.File, d Diagnostic) Finding {
	x := findings.At(f, d.Span)
	x.Pointer, x.Rule, x.Severity, x.Message = string(d.Pointer), d.Rule, d.Severity, d.Message
	x.URL = findings.URL(d.Rule)
	x.Fixes = d.Fixes
	return x
}

// RuleURL returns the documentation URL of a rule ID: findings.URL.
func RuleURL(id string) string { return findings.URL(id) }

// FormatText formats one finding as "file:line:col: severity: /pointer:
// message (ID)": findings.FormatText.
func FormatText(f Finding) string { return findings.FormatText(f) }
