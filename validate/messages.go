package validate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

func enumText(cs []constant) string {
	if len(cs) == 0 {
		return "nothing (the enum is empty)"
	}
	var parts []string
	for i, c := range cs {
		if i == 8 {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, constText(c))
	}
	return strings.Join(parts, ", ")
}

func formatNoun(f string) string {
	switch f {
	case "number", "DECIMAL_VALUE":
		return f + " (a numeric string)"
	}
	return f
}

func optionList(n *node) string {
	var parts []string
	for i, o := range n.oneOf {
		if i == 8 {
			parts = append(parts, "...")
			break
		}
		if o.hasConst {
			parts = append(parts, constText(o.cnst))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%d options", len(n.oneOf))
	}
	return strings.Join(parts, ", ")
}

// report records a violation at src[start:end] and returns it, or nil
// when the scan is silent.
func (s *state) report(rule string, start, end int, format string, args ...any) *Violation {
	if s.silent {
		if IsJSONSchemaRule(rule) {
			s.failed = true
		}
		return nil
	}
	if s.schemaOnly && !IsJSONSchemaRule(rule) {
		return nil
	}
	sev := ruleSeverity(rule)
	if s.limit > 0 && len(s.viol)+s.skipped >= s.limit {
		s.dropped++
		s.droppedSev = max(s.droppedSev, sev)
		return nil
	}
	if s.errorsOnly && sev < findings.Error {
		s.skipped++
		return nil
	}
	s.viol = append(s.viol, Violation{
		Pointer: s.pointer(), Offset: start, End: end,
		Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...),
	})
	return &s.viol[len(s.viol)-1]
}

// summary adds the RuleLimit violation that counts the violations past the
// cap. Its severity is the highest of theirs, so that a payload is never
// valid because its errors were not listed.
func (s *state) summary(start, end int) {
	if s.dropped == 0 {
		return
	}
	more := "violations"
	if s.dropped == 1 {
		more = "violation"
	}
	s.viol = append(s.viol, Violation{
		Pointer: s.base, Offset: start, End: end, Rule: RuleLimit, Severity: s.droppedSev,
		Message: fmt.Sprintf("and %d more %s, not listed: the limit is %d per payload", s.dropped, more, s.limit),
	})
}

// syntax records a syntax error at offset and stops the scan.
func (s *state) syntax(at int, msg string) {
	if s.fatal {
		return
	}
	s.fatal = true
	if s.silent {
		s.failed = true
		return
	}
	if at > len(s.src) {
		at = len(s.src)
	}
	s.viol = append(s.viol, Violation{Pointer: s.pointer(), Offset: at, End: schema.CharEnd(s.src, at), Rule: RuleSyntax, Severity: ruleSeverity(RuleSyntax), Message: msg})
}

// describe names a value for a message: its type, and the value itself when
// it is short.
func describe(t uint8, raw []byte) string {
	switch t {
	case tObject:
		return "an object"
	case tArray:
		return "an array"
	case tNull:
		return "null"
	case tBool:
		return "boolean " + string(raw)
	case tString:
		if len(raw) <= 42 {
			return "string " + string(raw)
		}
		return "string " + findings.Truncate(string(raw), 38) + `..."`
	}
	if len(raw) > 40 {
		raw = append(raw[:37:37], "..."...)
	}
	if t == tInteger {
		return "integer " + string(raw)
	}
	return "number " + string(raw)
}

// quoteText quotes a decoded string for a message, shortened when long.
func quoteText(s string) string {
	if len(s) > 40 {
		return strconv.Quote(findings.Truncate(s, 37)) + "..."
	}
	return strconv.Quote(s)
}

func typeNames(t uint8) string {
	var names []string
	for _, x := range []struct {
		bit  uint8
		name string
	}{{tString, "string"}, {tNumber, "number"}, {tInteger, "integer"}, {tBool, "boolean"}, {tObject, "object"}, {tArray, "array"}, {tNull, "null"}} {
		if x.bit == tInteger && t&tNumber == tNumber {
			continue
		}
		if t&x.bit == x.bit {
			names = append(names, x.name)
		}
	}
	if len(names) == 0 {
		return "nothing (the type list is empty)"
	}
	return strings.Join(names, " or ")
}

func constText(c constant) string {
	switch c.typ {
	case tString:
		return quoteText(c.str)
	case tObject, tArray:
		b, _ := json.Marshal(c.composite)
		if len(b) > 40 {
			return findings.Truncate(string(b), 37) + "..."
		}
		return string(b)
	case tNull:
		return "null"
	}
	return c.str
}

func article(what string) string {
	switch what {
	case "report", "cancel", "bulk-report", "bulk-cancel":
		return "a " + what + " request"
	case "event":
		return "an event"
	}
	return what
}

func kindText(k schema.Kind) string {
	switch k {
	case schema.Object, schema.Array:
		return "an " + k.String()
	case schema.Null:
		return "null"
	}
	return "a " + k.String()
}
