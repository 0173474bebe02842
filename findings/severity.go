package findings

import "fmt"

// Severity is how serious a finding is. Higher is more serious.
type Severity int8

// The severities, from least to most serious. None is above every severity:
// as a fail threshold it means that nothing fails.
const (
	Info Severity = iota + 1
	Warning
	Error
	None
)

// String returns "info", "warning", "error" or "none".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	case None:
		return "none"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// SeverityError is the error of a name that is no severity.
type SeverityError struct {
	Name string // what was given
}

func (e *SeverityError) Error() string {
	return fmt.Sprintf("unknown severity %q (want error, warning, info or none)", e.Name)
}

// ParseSeverity reads a severity name as printed by String.
func ParseSeverity(s string) (Severity, error) {
	for _, v := range []Severity{Info, Warning, Error, None} {
		if s == v.String() {
			return v, nil
		}
	}
	return 0, &SeverityError{Name: s}
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < Info || s > None {
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
