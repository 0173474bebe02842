package diff

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// typeText names a schema's type: "string", "string or null", or "" for
// any.
func typeText(s *schema.Schema) string {
	if s == nil || s.Type == nil {
		return ""
	}
	v := s.Type.Value
	switch v.Kind {
	case schema.String:
		return v.Text
	case schema.Array:
		var names []string
		for _, e := range v.Elems {
			names = append(names, e.Text)
		}
		sort.Strings(names)
		return strings.Join(slices.Compact(names), " or ")
	}
	return canon(v)
}

func typeSuffix(s *schema.Schema) string {
	if t := typeText(s); t != "" {
		return " (" + t + ")"
	}
	return ""
}

func orAny(t string) string {
	if t == "" {
		return "any type"
	}
	return t
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func article(format string) string {
	switch format {
	case "date-time":
		return "a date and time"
	case "date":
		return "a date"
	case "time":
		return "a time of day"
	case "email":
		return "an e-mail address"
	case "uri":
		return "a link"
	case "uuid":
		return "an ID"
	case "number", "DECIMAL_VALUE":
		return "a decimal number (" + format + ")"
	}
	return format
}

func constText(m *schema.Member) string {
	if m == nil {
		return ""
	}
	return canon(m.Value)
}

func stringOf(m *schema.Member) string {
	if m == nil || m.Value.Kind != schema.String {
		return ""
	}
	return m.Value.Text
}

// label names a property for messages by its payload path: "total.value",
// "lineItems[].price".
func label(path string) string {
	if path == "" {
		return "the payload"
	}
	var b strings.Builder
	for i, tok := range schema.Pointer(path).Tokens() {
		if isIndex(tok) {
			b.WriteString("[]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return strconv.Quote(b.String())
}

// escape writes a key as a reference token of a JSON Pointer.
func escape(name string) string {
	if !strings.ContainsAny(name, "~/") {
		return name
	}
	return string(schema.AppendToken(nil, name))
}
