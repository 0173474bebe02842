package lint

import "github.com/triggerkit/triggerkit/schema"

// Severity is how serious a diagnostic is. It is defined in package schema so
// that the payload validator shares it without depending on the lint engine.
type Severity = schema.Severity

// The severities, from least to most serious. None is above every severity:
// as a fail threshold it means that nothing fails.
const (
	Info    = schema.SeverityInfo
	Warning = schema.SeverityWarning
	Error   = schema.SeverityError
	None    = schema.SeverityNone
)

// ParseSeverity reads a severity name as printed by Severity.String.
func ParseSeverity(s string) (Severity, error) { return schema.ParseSeverity(s) }
