package schema

import "strings"

// Types lists the values "type" may take, in the order the documentation
// gives them.
var Types = []string{"string", "number", "integer", "boolean", "array", "object"}

// Formats lists the formats the dialect documents.
var Formats = []string{"date-time", "date", "time", "email", "uuid", "uri", "regex", "number", "DECIMAL_VALUE"}

// JSONSchemaFormats lists the other formats of JSON Schema: valid JSON
// Schema, but not documented for trigger schemas.
var JSONSchemaFormats = []string{
	"duration", "hostname", "idn-hostname", "idn-email", "ipv4", "ipv6", "iri", "iri-reference",
	"json-pointer", "relative-json-pointer", "uri-reference", "uri-template",
}

// CustomTypes lists the wixCustomType values documented for apps.
var CustomTypes = []string{"MONEY", "ATTACHMENT", "ORDER_ID", "IMAGE_URL"}

// InternalCustomTypes lists wixCustomType values seen only on Wix's own
// triggers.
var InternalCustomTypes = []string{"ORDER_PAYMENT_ID", "RECEIPT_ID", "RECEIPT_PRESET_ID", "FIELDS", "RECEIPT"}

// Keywords lists the keywords a trigger schema may use.
var Keywords = []string{
	"type", "properties", "required", "title", "description", "examples", "format", "items", "oneOf",
	"const", "identityType", "futureDate", "wixCustomType", "$schema", "additionalProperties", "default", "$id",
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

// KeyProblem says what is wrong with a property key under the dialect's key
// rules (letters, digits and underscores; no leading underscore; not empty),
// or returns "".
func KeyProblem(key string) string {
	if key == "" {
		return "empty"
	}
	if key[0] == '_' {
		return "starts with an underscore"
	}
	if c, ok := BadKeyChar(key); ok {
		return "has " + c
	}
	return ""
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
