package validate

import (
	"io"

	"github.com/triggerkit/triggerkit/findings"
)

// Rule describes one check the validator makes on payloads or requests.
type Rule struct {
	ID       string
	Name     string
	Severity findings.Severity
	// JSONSchema is set for the checks that JSON Schema itself makes (type,
	// required, format, const, oneOf and the other draft-07 keywords). The
	// others are the dialect's own.
	JSONSchema bool
	Title      string
	Text       string
	Spec       string // the rule numbers of the specification it implements
}

// The rule IDs.
const (
	RuleSyntax         = "TK9001"
	RuleNotObject      = "TK9002"
	RuleRequired       = "TK9003"
	RuleType           = "TK9004"
	RuleFormat         = "TK9005"
	RuleConst          = "TK9006"
	RuleKey            = "TK9007"
	RuleDuplicateKey   = "TK9008"
	RuleValueKind      = "TK9009"
	RuleExtraKey       = "TK9010"
	RuleKeyCase        = "TK9011"
	RuleFutureDate     = "TK9012"
	RuleContactID      = "TK9013"
	RuleMoney          = "TK9014"
	RuleCurrencyCode   = "TK9015"
	RuleAttachment     = "TK9016"
	RuleEnum           = "TK9017"
	RuleLength         = "TK9018"
	RulePattern        = "TK9019"
	RuleRange          = "TK9020"
	RuleMultipleOf     = "TK9021"
	RuleAdditional     = "TK9022"
	RuleArraySize      = "TK9023"
	RuleUnique         = "TK9024"
	RuleContains       = "TK9025"
	RulePropertyCount  = "TK9026"
	RuleDependency     = "TK9027"
	RuleComposition    = "TK9028"
	RuleLimit          = "TK9029"
	RuleRequestShape   = "TK9101"
	RuleUnknownField   = "TK9102"
	RuleTriggerKey     = "TK9103"
	RulePayloadMissing = "TK9104"
	RuleEntityID       = "TK9105"
	RuleEntityIDHint   = "TK9106"
	RuleEntityContact  = "TK9107"
	RuleIdempotency    = "TK9108"
	RuleTTL            = "TK9109"
	RuleBulkSize       = "TK9110"
	RuleBulkDuplicate  = "TK9111"
)

const (
	sevError   = findings.Error
	sevWarning = findings.Warning
)

// Rules returns the payload and request rules, sorted by ID. Each call
// returns a new slice.
func Rules() []Rule {
	return []Rule{
		{RuleSyntax, "payload-json", sevError, false, "Payload or request is not valid JSON",
			"The body must be one strict JSON value in UTF-8: no comments, no trailing commas, no single quotes, no invalid UTF-8, nothing after the value, and nesting no deeper than 10,000 levels (the limit of Go's encoding/json). Wix refuses a body it cannot read.", "87, 88"},
		{RuleNotObject, "payload-is-object", sevError, false, "Payload is not an object",
			"The payload must be a JSON object of key: value pairs. Report Event refuses anything else.", "88"},
		{RuleRequired, "payload-required", sevError, true, "Required property is missing",
			"Every key in the root \"required\" must be in the payload, and every key in a nested \"required\" must be in the object property and in every array element. Wix answers 428 SCHEMA_VALIDATION_FAILED, or the automation never runs.", "92"},
		{RuleType, "payload-types", sevError, true, "Value does not have the declared type",
			"Values must have the type the schema declares. An integer is a whole number (2.0 and 1e2 count as whole, 1.5 does not); \"true\" is a string, not a boolean; null is not a value of any declared type.", "93, 94"},
		{RuleFormat, "payload-formats", sevError, true, "String does not match the declared format",
			"Formats are asserted strictly: RFC 3339 date-time and date, RFC 3339 time with an optional offset, RFC 4122 UUIDs in either case, RFC 3986 absolute URIs, e-mail addresses, regular expressions that compile, and numeric strings for number and DECIMAL_VALUE (\"1234.56\").", "95; decisions 11, 12"},
		{RuleConst, "payload-oneof", sevError, true, "Value is not one of the options",
			"A property with \"oneOf\" must hold a value that matches exactly one option, which for a drop-down means one of the options' \"const\" values. A property with \"const\" must hold that value.", "96"},
		{RuleKey, "payload-keys", sevError, false, "Key breaks the key rules",
			"Payload keys, at every level, use only A-Z, a-z, 0-9 and _, do not start with _, and are not empty.", "89 (12-15)"},
		{RuleDuplicateKey, "payload-duplicate-key", sevError, false, "Key appears twice in one object",
			"A key may appear only once in an object. Decoders disagree on which value wins, so the value Wix sees is not the one you checked.", "16"},
		{RuleValueKind, "payload-value-kinds", sevError, false, "Value kind is not allowed at its level",
			"A key that the schema does not declare may hold a string, number, boolean or (at the first level) an array of objects whose values are strings, numbers or booleans. Objects are allowed only where the schema declares an object property, and nothing nests deeper than two levels.", "90, 91"},
		{RuleExtraKey, "payload-extra-keys", sevWarning, false, "Key is not in the schema",
			"Wix accepts keys that the schema does not declare, but nobody can pick them in the automation builder or use them in conditions. Add the key to the schema or stop sending it.", "97, 94; decision 10"},
		{RuleKeyCase, "payload-key-case", sevWarning, false, "Key matches a schema key only in another case",
			"Keys are case-sensitive: \"OrderId\" is not \"orderId\". The value is sent but never used, and the declared property is missing.", "17"},
		{RuleFutureDate, "payload-future-date", sevWarning, false, "Scheduled date is in the past",
			"The value of the futureDate property should lie in the future when the event is reported: actions scheduled relative to it cannot run in the past, and automations never run retroactively.", "99; decision 10"},
		{RuleContactID, "payload-contact-id", sevError, false, "Contact property does not hold a GUID",
			"The property marked with identityType must hold a Wix contact ID, which is a GUID.", "98"},
		{RuleMoney, "payload-money", sevError, false, "MONEY value is not {value, currency}",
			"A MONEY property holds an object with \"value\", a decimal string such as \"20.50\", and \"currency\", a string.", "100"},
		{RuleCurrencyCode, "payload-currency-code", sevWarning, false, "Currency is not an ISO 4217 code",
			"The currency of a MONEY value should be an ISO 4217 code such as \"USD\" or \"EUR\", not a symbol or a name.", "71"},
		{RuleAttachment, "payload-attachment", sevError, false, "ATTACHMENT does not link to a downloadable file",
			"An ATTACHMENT property holds an object with a \"fileName\" string and a \"downloadUrl\" that is an absolute http or https URL, so that Wix can download the file and attach it to e-mails.", "101"},
		{RuleEnum, "payload-enum", sevError, true, "Value is not one of the enum values",
			"A value under \"enum\" must equal one of the listed values, as JSON Schema compares them: numbers by value (1 equals 1.0, at any exponent), objects whatever their key order.", "96; decision 9"},
		{RuleLength, "payload-string-length", sevError, true, "String is shorter or longer than allowed",
			"A string under \"minLength\" or \"maxLength\" must have that many characters at least or at most. Characters are Unicode code points, after JSON escapes are decoded: \"\\u00e9\" and \"\u00e9\" are one character, an emoji is one character.", "decision 9"},
		{RulePattern, "payload-pattern", sevError, true, "String does not match the pattern",
			"A string under \"pattern\" must contain a match of the regular expression (it is not anchored unless the pattern says ^ and $). Patterns are ECMA-262 expressions run by Go's RE2 engine: \".\" stops at \\n, \\r, U+2028 and U+2029, \\s is ECMA's Unicode white space; look-around and back-references cannot be run, and a pattern that uses them is not applied.", "decision 9"},
		{RuleRange, "payload-range", sevError, true, "Number is out of range",
			"A number must be at least \"minimum\", at most \"maximum\", above \"exclusiveMinimum\" and below \"exclusiveMaximum\". Numbers are compared exactly, as decimals, whatever their size or exponent.", "decision 9"},
		{RuleMultipleOf, "payload-multiple-of", sevError, true, "Number is not a multiple of multipleOf",
			"A number under \"multipleOf\" must divide by it to a whole number, computed exactly (0.3 is a multiple of 0.1).", "decision 9"},
		{RuleAdditional, "payload-additional", sevError, true, "Key or element is not allowed by the schema",
			"With \"additionalProperties\": false, an object may hold only the keys its \"properties\" and \"patternProperties\" declare; with \"additionalItems\": false, an array no more elements than its \"items\" list. Wix saves every schema with additionalProperties true, so a payload Wix accepts can break this rule: the validator applies the schema as written.", "9; decision 9"},
		{RuleArraySize, "payload-array-size", sevError, true, "Array has too few or too many elements",
			"An array must have at least \"minItems\" and at most \"maxItems\" elements.", "decision 9"},
		{RuleUnique, "payload-unique-items", sevError, true, "Array repeats an element",
			"Under \"uniqueItems\": true, no two elements may be equal as JSON Schema compares values (1 equals 1.0; objects whatever their key order).", "decision 9"},
		{RuleContains, "payload-contains", sevError, true, "No array element matches contains",
			"Under \"contains\", at least one element of the array must match the schema; an empty array never does.", "decision 9"},
		{RulePropertyCount, "payload-property-count", sevError, true, "Object has too few or too many keys",
			"An object must have at least \"minProperties\" and at most \"maxProperties\" keys.", "decision 9"},
		{RuleDependency, "payload-dependencies", sevError, true, "Key is present without the keys it depends on",
			"Under \"dependencies\", when an object has a listed key it must also have the keys that key depends on (or match the key's schema).", "decision 9"},
		{RuleComposition, "payload-composition", sevError, true, "Value matches no anyOf option, or matches not",
			"A value under \"anyOf\" must match at least one option; a value under \"not\" must not match its schema; no value matches a schema that is false.", "decision 9"},
		{RuleLimit, "payload-violation-limit", sevError, false, "More violations than the limit",
			"Only the first violations of a payload are listed (100 unless configured: Options.MaxViolations, triggerlint validate --max-violations); one more violation counts the rest. It has the highest severity of the violations it counts, so that a payload is never valid only because its errors were not listed.", "toolkit"},
		{RuleRequestShape, "request-shape", sevError, false, "Request body does not have the call's shape",
			"The body must be an object of the call's fields with their JSON types: strings for triggerKey, externalEntityId and the idempotency fields, an object for payload and idempotency, arrays for eventsInfo and externalEntityIds.", "4.1-4.4"},
		{RuleUnknownField, "request-unknown-field", sevWarning, false, "Request has a field the call does not define",
			"A field that the call does not define is ignored by Wix; it is usually a misspelling (externalEntityID, eventInfo).", "4.1-4.4"},
		{RuleTriggerKey, "req-trigger-key", sevError, false, "Trigger key is missing or malformed",
			"Every call needs a triggerKey of 1 to 100 characters that starts with a lowercase letter or a digit and holds only lowercase letters, digits, - and _ (^[a-z0-9][a-z0-9_-]*$).", "78, 79, 103"},
		{RulePayloadMissing, "payload-present", sevError, false, "Report has no payload",
			"Always send a payload: Wix answers 400 REQUIRED_PROPERTY (\"Missing request payload\") without one.", "87"},
		{RuleEntityID, "req-external-id-guid", sevError, false, "External entity ID is missing or not a GUID",
			"externalEntityId and every externalEntityIds element must be a GUID (8-4-4-4-12 hexadecimal digits, either case). Cancel Event and Bulk Cancel Event require them.", "104, 105, 111"},
		{RuleEntityIDHint, "req-report-external-id-recommended", sevWarning, false, "Scheduled event is reported without an external entity ID",
			"An event reported without externalEntityId can never be canceled. The trigger has a futureDate property, so its actions wait for a date; send an ID so that the event can be canceled if the date moves or the booking is dropped.", "106"},
		{RuleEntityContact, "req-external-id-granularity", sevWarning, false, "External entity ID is the contact ID",
			"Cancel Event cancels every event that shares the trigger key and external entity ID. Using the contact ID cancels all of that contact's events; use the ID of the thing the event is about (the invoice, the booking) instead.", "107"},
		{RuleIdempotency, "req-idempotency-key", sevWarning, false, "Report has no idempotency key",
			"Send a deterministic idempotency.key (for example the order ID and the event name) so that a retried report does not run the automation twice. An idempotency key that is present must be a non-empty string.", "108"},
		{RuleTTL, "req-idempotency-ttl", sevError, false, "Idempotency TTL is not a positive int64 string",
			"idempotency.ttlInMilliseconds is an int64 sent as a JSON string of digits (\"604800000\"), greater than zero.", "109"},
		{RuleBulkSize, "req-bulk-count", sevError, false, "Bulk call has no items or more than 100",
			"eventsInfo of Bulk Report Event and externalEntityIds of Bulk Cancel Event hold 1 to 100 items.", "110, 111"},
		{RuleBulkDuplicate, "req-bulk-duplicates", sevWarning, false, "Bulk call repeats an idempotency key or an ID",
			"Two events with the same idempotency key in one bulk report mean that the second is dropped; the same ID twice in one bulk cancel is redundant.", "112"},
	}
}

// Entry returns the rule's catalogue entry, which `triggerlint rules`,
// `explain` and docs/payload-rules.md print.
func (r Rule) Entry() findings.Entry {
	e := findings.Entry{
		ID: r.ID, Name: r.Name, Category: findings.Categorize(r.ID), Severity: r.Severity,
		Title: r.Title, Text: r.Text, Source: "specification " + r.Spec, URL: findings.URL(r.ID),
	}
	if r.JSONSchema {
		e.Labels = []string{"JSON Schema"}
	}
	return e
}

const docsHeader = "<!-- Generated from validate.Rules() by `go test ./validate -run TestDocs -update`. Do not edit. -->\n\n" +
	"# Payload and request rules\n\n" +
	"`triggerlint validate` and the `validate` package check payloads and Report/Cancel Event requests with these rules. " +
	"The rules labelled *JSON Schema* are the checks JSON Schema (draft-07) makes; the others are the dialect's own. " +
	"Schemas are checked by the rules in [rules.md](rules.md).\n\n"

// WriteDocs writes docs/payload-rules.md: an index of the payload and
// request rules, then a section per rule.
func WriteDocs(w io.Writer) error {
	return findings.WriteMarkdown(w, findings.Page{
		Header:  docsHeader,
		Entries: findings.Entries(Rules()),
		Group: func(e findings.Entry) string {
			if e.ID >= RuleRequestShape {
				return "Requests"
			}
			return "Payloads"
		},
	})
}

// ruleSeverity returns the default severity of a rule.
func ruleSeverity(id string) findings.Severity {
	switch id {
	case RuleExtraKey, RuleKeyCase, RuleFutureDate, RuleCurrencyCode, RuleUnknownField,
		RuleEntityIDHint, RuleEntityContact, RuleIdempotency, RuleBulkDuplicate:
		return sevWarning
	}
	return sevError
}

// IsJSONSchemaRule reports whether a rule is one of the checks JSON Schema
// itself makes.
func IsJSONSchemaRule(id string) bool {
	switch id {
	case RuleRequired, RuleType, RuleFormat, RuleConst, RuleEnum, RuleLength, RulePattern, RuleRange,
		RuleMultipleOf, RuleAdditional, RuleArraySize, RuleUnique, RuleContains, RulePropertyCount,
		RuleDependency, RuleComposition:
		return true
	}
	return false
}
