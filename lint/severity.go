package lint

import "github.com/triggerkit/triggerkit/findings"

// Severity is how serious a diagnostic is. It is defined in package findings,
// which the payload validator and the schema differ share.
type Severity = findings.Severity

// The severities, from least to most serious. None is above every severity:
// as a fail threshold it means that nothing fails.
const (
	Info    = findings.Info
	Warning = findings.Warning
	Error   = findings.Error
	None    = findings.None
)

// ParseSeverity reads a severity name as printed by Severity.String.
func ParseSeverity(s string) (Severity, error) { return findings.ParseSeverity(s) }
