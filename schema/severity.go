package schema

import "fmt"

// Severity is how serious a diagnostic is. Higher is more serious.
type Severity int8

// The severities, from least to most serious. SeverityNone is above every
// severity: as a fail threshold it means that nothing fails.
const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
	SeverityNone
)

// String returns "info", "warning", "error" or "none".
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	case SeverityNone:
		return "none"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads a severity name as printed by String.
func ParseSeverity(s string) (Severity, error) {
	for _, v := range []Severity{SeverityInfo, SeverityWarning, SeverityError, SeverityNone} {
		if s == v.String() {
			return v, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info or none)", s)
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < SeverityInfo || s > SeverityNone {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
