package schema

import (
	"slices"
	"strings"
)

// types lists the values "type" may take, in the order the documentation
// gives them.
var types = [...]string{"string", "number", "integer", "boolean", "array", "object"}

// formats lists the formats the dialect documents.
var formats = [...]string{"date-time", "date", "time", "email", "uuid", "uri", "regex", "number", "DECIMAL_VALUE"}

// jsonSchemaFormats lists the other formats of JSON Schema: valid JSON
// Schema, but not documented for trigger schemas.
var jsonSchemaFormats = [...]string{
	"duration", "hostname", "idn-hostname", "idn-email", "ipv4", "ipv6", "iri", "iri-reference",
	"json-pointer", "relative-json-pointer", "uri-reference", "uri-template",
}

// keywords lists the keywords a trigger schema may use.
var keywords = [...]string{
	"type", "properties", "required", "title", "description", "examples", "format", "items", "oneOf",
	"const", "identityType", "futureDate", "wixCustomType", "$schema", "additionalProperties", "default", "$id",
}

// Types returns the values "type" may take, in the order the documentation
// gives them. The slice is a copy.
func Types() []string { return slices.Clone(types[:]) }

// IsType reports whether t is one of the values "type" may take. It
// switches on t rather than searching types, as every rule asks it of
// every schema.
func IsType(t string) bool {
	switch t {
	case "string", "number", "integer", "boolean", "array", "object":
		return true
	}
	return false
}

// Formats returns the formats the dialect documents. The slice is a copy.
func Formats() []string { return slices.Clone(formats[:]) }

// IsFormat reports whether f is a format the dialect documents. It
// switches on f rather than searching formats, as the rules ask it of
// every format and example.
func IsFormat(f string) bool {
	switch f {
	case "date-time", "date", "time", "email", "uuid", "uri", "regex", "number", "DECIMAL_VALUE":
		return true
	}
	return false
}

// JSONSchemaFormats returns the other formats of JSON Schema: valid JSON
// Schema, but not documented for trigger schemas. The slice is a copy.
func JSONSchemaFormats() []string { return slices.Clone(jsonSchemaFormats[:]) }

// IsJSONSchemaFormat reports whether f is one of JSONSchemaFormats.
func IsJSONSchemaFormat(f string) bool { return slices.Contains(jsonSchemaFormats[:], f) }

// Keywords returns the keywords a trigger schema may use. The slice is a
// copy.
func Keywords() []string { return slices.Clone(keywords[:]) }

// IsKeyword reports whether k is a keyword a trigger schema may use.
func IsKeyword(k string) bool { return slices.Contains(keywords[:], k) }

// Content says what a custom type's string value holds beyond its JSON type
// and format: the checks a payload's value gets.
type Content uint8

const (
	// AnyText is a string with no further meaning.
	AnyText Content = iota
	// Decimal is a decimal number written as a string ("20.50").
	Decimal
	// CurrencyCode is an ISO 4217 currency code ("USD").
	CurrencyCode
	// DownloadURL is an absolute http or https URL that downloads a file.
	DownloadURL
)

// Example returns a made-up value that the content accepts, as the text of
// a JSON string, or "" for AnyText: what a generated example or an example
// payload holds where no real value is known.
func (c Content) Example() string {
	switch c {
	case Decimal:
		return "12.50"
	case CurrencyCode:
		return "USD"
	case DownloadURL:
		return "https://example.com/files/report.pdf"
	}
	return ""
}

// CustomMember is a property of an object custom type, such as MONEY's
// "value".
type CustomMember struct {
	Name string
	// Type is the JSON type the member's schema declares.
	Type string
	// Format is the format the member's schema declares, or "" when it
	// needs none.
	Format string
	// Holds is what the member's value holds.
	Holds Content
	// Required says the member is listed in the object's "required".
	Required bool
}

// CustomType is a value of "wixCustomType": the JSON type of a property
// that has it, the format of a string one, and the members of an object
// one.
type CustomType struct {
	Name string
	// Type is the JSON type the property declares: "object", "string" or
	// "array".
	Type string
	// Format is the format a string custom type declares, or "".
	Format string
	// Members are the properties of an object custom type, in the order
	// the documentation gives them; nil for the others.
	Members []CustomMember
	// Internal marks a value seen only on Wix's own triggers, not
	// documented for apps.
	Internal bool
}

// Member returns the member named name, or false.
func (c CustomType) Member(name string) (CustomMember, bool) {
	for _, m := range c.Members {
		if m.Name == name {
			return m, true
		}
	}
	return CustomMember{}, false
}

// customTypes is the table of wixCustomType values, the documented ones
// first (spec rules 68-75).
var customTypes = [...]CustomType{
	{Name: "MONEY", Type: "object", Members: []CustomMember{
		{Name: "value", Type: "string", Holds: Decimal, Required: true},
		{Name: "currency", Type: "string", Holds: CurrencyCode, Required: true},
	}},
	{Name: "ATTACHMENT", Type: "object", Members: []CustomMember{
		{Name: "fileName", Type: "string", Required: true},
		{Name: "downloadUrl", Type: "string", Format: "uri", Holds: DownloadURL, Required: true},
	}},
	{Name: "ORDER_ID", Type: "string", Format: "uuid"},
	{Name: "IMAGE_URL", Type: "string", Format: "uri"},
	{Name: "ORDER_PAYMENT_ID", Type: "string", Format: "uuid", Internal: true},
	{Name: "RECEIPT_ID", Type: "string", Format: "uuid", Internal: true},
	{Name: "RECEIPT_PRESET_ID", Type: "string", Format: "uuid", Internal: true},
	{Name: "FIELDS", Type: "array", Internal: true},
	{Name: "RECEIPT", Type: "object", Internal: true},
}

// CustomTypes returns the wixCustomType values, the ones documented for
// apps first, then the internal ones. The result is a copy.
func CustomTypes() []CustomType {
	out := slices.Clone(customTypes[:])
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
	}
	return out
}

// CustomTypeNames returns the names of the wixCustomType values documented
// for apps (internal false) or seen only on Wix's own triggers (internal
// true), in table order.
func CustomTypeNames(internal bool) []string {
	var out []string
	for _, c := range customTypes {
		if c.Internal == internal {
			out = append(out, c.Name)
		}
	}
	return out
}

// LookupCustomType returns the custom type named name (case-sensitive), or
// false. Its Members are a copy.
func LookupCustomType(name string) (CustomType, bool) {
	for _, c := range customTypes {
		if c.Name == name {
			c.Members = slices.Clone(c.Members)
			return c, true
		}
	}
	return CustomType{}, false
}

// LookupCustomTypeHead returns the custom type named name (case-sensitive)
// without its members (Members is nil), or false. Unlike LookupCustomType
// it does not allocate.
func LookupCustomTypeHead(name string) (CustomType, bool) {
	for _, c := range customTypes {
		if c.Name == name {
			c.Members = nil
			return c, true
		}
	}
	return CustomType{}, false
}

// CustomMemberOf returns the member named member of the custom type named
// custom, or false.
func CustomMemberOf(custom, member string) (CustomMember, bool) {
	for _, c := range customTypes {
		if c.Name == custom {
			return c.Member(member)
		}
	}
	return CustomMember{}, false
}

// ShapedLike returns the documented object custom type whose members are
// exactly names, in any order ("value" and "currency" give MONEY), or "".
// It does not allocate.
func ShapedLike(names ...string) string {
	for _, c := range customTypes {
		if c.Internal || len(c.Members) == 0 || len(c.Members) != len(names) || len(names) > 64 {
			continue
		}
		var seen uint64
		for _, n := range names {
			for i, m := range c.Members {
				if m.Name == n {
					seen |= 1 << i
				}
			}
		}
		if seen == 1<<len(c.Members)-1 {
			return c.Name
		}
	}
	return ""
}

// Contains reports whether list holds s.
func Contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// FoldMatch returns the entry of list equal to s under Unicode case folding,
// or "".
func FoldMatch(list []string, s string) string {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return v
		}
	}
	return ""
}

// KeyFault is what is wrong with a property key under the dialect's key
// rules; KeyOK when nothing is.
type KeyFault uint8

const (
	// KeyOK is a key that follows the rules.
	KeyOK KeyFault = iota
	// KeyEmpty is the empty key.
	KeyEmpty
	// KeyLeadingUnderscore is a key that starts with "_".
	KeyLeadingUnderscore
	// KeyBadChar is a key with a character outside A-Z, a-z, 0-9 and "_".
	KeyBadChar
)

// Message describes the fault of key as a predicate: "is empty", "starts
// with an underscore", "has a space". It is "" for KeyOK.
func (f KeyFault) Message(key string) string {
	switch f {
	case KeyEmpty:
		return "is empty"
	case KeyLeadingUnderscore:
		return "starts with an underscore"
	case KeyBadChar:
		c, _ := BadKeyChar(key)
		return "has " + c
	}
	return ""
}

// KeyProblem says what is wrong with a property key under the dialect's key
// rules (letters, digits and underscores; no leading underscore; not
// empty).
func KeyProblem(key string) KeyFault {
	if key == "" {
		return KeyEmpty
	}
	if key[0] == '_' {
		return KeyLeadingUnderscore
	}
	if _, ok := BadKeyChar(key); ok {
		return KeyBadChar
	}
	return KeyOK
}

// BadKeyChar describes the first character of key outside A-Z, a-z, 0-9
// and "_".
func BadKeyChar(key string) (string, bool) {
	for _, r := range key {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
			continue
		case r == ' ':
			return "a space", true
		case r == '-':
			return "a hyphen", true
		case r == '.':
			return "a dot", true
		case r < 0x20 || r == 0x7F:
			return "a control character", true
		case r >= 0x80:
			return "the non-ASCII character " + quoteRune(r), true
		default:
			return "the character " + quoteRune(r), true
		}
	}
	return "", false
}

func quoteRune(r rune) string { return "'" + string(r) + "'" }

// Placeholder is the description a generator writes where it has none: it
// reads as unfinished, and IsPlaceholder recognises it so that the linter
// warns until someone writes a real one.
func Placeholder(title string) string { return "<describe " + title + ">" }

// IsPlaceholder reports whether a description is a generator's placeholder.
func IsPlaceholder(s string) bool {
	return strings.HasPrefix(s, "<describe") && strings.HasSuffix(s, ">")
}
