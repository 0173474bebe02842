package metaschema

import (
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// Keyword documents one keyword of the dialect.
type Keyword struct {
	Name string
	// Summary says what the keyword does, in Markdown.
	Summary string
	// Rules are the IDs of the rules that check it.
	Rules []string
}

// keywordDocs is the documentation of every keyword of schema.Keywords().
var keywordDocs = [...]Keyword{
	{"type", "The JSON type of the value: `string`, `number`, `integer`, `boolean`, `array` or `object`. " +
		"Arrays and objects only at the 1st level; custom types go in `wixCustomType`.",
		[]string{"TK1002", "TK1010", "TK3001", "TK4001", "TK4002", "TK4003"}},
	{"properties", "The properties of the root, of a 1st-level object or of array items: each key names a property, " +
		"each value is its schema. Keys use letters, digits and underscores.",
		[]string{"TK1003", "TK1004", "TK2001", "TK2002", "TK2003", "TK4006", "TK4007"}},
	{"required", "The names of the properties a payload must hold, each declared in `properties`.",
		[]string{"TK1005", "TK1006", "TK1007", "TK4009"}},
	{"title", "The name automation builders see for the property or option.",
		[]string{"TK3002", "TK6003"}},
	{"description", "What the property holds, shown to automation builders.",
		[]string{"TK3003", "TK3004"}},
	{"examples", "An array of example values, shown in the automation builder: required at the 1st level, left out below it.",
		[]string{"TK3005", "TK3006", "TK3007", "TK3008", "TK3009", "TK3010", "TK3011"}},
	{"format", "The format of a string value: one the dialect documents, in its exact case.",
		[]string{"TK5001", "TK5002", "TK5003", "TK5004"}},
	{"items", "The schema of an array property's elements: an object with its own `properties`.",
		[]string{"TK4004", "TK4005", "TK4006", "TK4008"}},
	{"oneOf", "The options of a drop-down: objects with a `title` and a `const`.",
		[]string{"TK6001", "TK6002", "TK6008"}},
	{"const", "The value of a drop-down option, of the property's type.",
		[]string{"TK6004", "TK6005", "TK6006", "TK6007"}},
	{"identityType", "`\"contact\"` connects the property, a uuid string, to the site's contacts. At most one property.",
		[]string{"TK7001", "TK7002", "TK7003", "TK7004", "TK7005"}},
	{"futureDate", "`true` makes the trigger scheduled: automations run before or after this date-time. " +
		"At most one required 1st-level date-time string.",
		[]string{"TK7007", "TK7008", "TK7009", "TK7010", "TK7011", "TK7012", "TK7013"}},
	{"wixCustomType", "A type Wix knows: `MONEY`, `ATTACHMENT`, `ORDER_ID` or `IMAGE_URL`, with the shape it requires.",
		[]string{"TK8001", "TK8002", "TK8005", "TK8006", "TK8007", "TK8009"}},
	{"$schema", "The JSON Schema version: Wix saves trigger schemas as draft-07.",
		[]string{"TK1008"}},
	{"additionalProperties", "Ignored: Wix always saves `true`, so payloads may hold keys the schema does not declare.",
		[]string{"TK1009"}},
	{"default", "A default value, of the property's type, format and options.",
		[]string{"TK3012"}},
	{"$id", "An identifier of the schema; Wix keeps it but does not use it.",
		nil},
}

// Keywords returns the documentation of every keyword of the dialect, in
// the order of schema.Keywords().
func Keywords() []Keyword {
	out := make([]Keyword, 0, len(keywordDocs))
	for _, name := range schema.Keywords() {
		if k, ok := LookupKeyword(name); ok {
			out = append(out, k)
		}
	}
	return out
}

// LookupKeyword returns the documentation of a keyword of the dialect, or
// false.
func LookupKeyword(name string) (Keyword, bool) {
	for _, k := range keywordDocs {
		if k.Name == name {
			k.Rules = append([]string(nil), k.Rules...)
			return k, true
		}
	}
	return Keyword{}, false
}

// KeywordDoc returns the Markdown documentation of a keyword: its summary,
// then the title, text and link of each rule of ruleSet that checks it. It
// is "" for a word that is no keyword of the dialect.
func KeywordDoc(name string, ruleSet []*lint.Rule) string {
	k, ok := LookupKeyword(name)
	if !ok {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**: %s", name, k.Summary)
	for _, id := range k.Rules {
		if r := lint.Find(ruleSet, id); r != nil {
			b.WriteString("\n\n")
			b.WriteString(RuleDoc(r))
		}
	}
	return b.String()
}

// RuleDoc returns the Markdown documentation of a rule: its ID and title,
// linked to its page, its severity and its text.
func RuleDoc(r *lint.Rule) string {
	title := r.ID + " " + r.Doc.Title
	if u := r.DocURL(); u != "" {
		title = "[" + title + "](" + u + ")"
	}
	return fmt.Sprintf("%s (%s)  \n%s", title, r.Severity, strings.Join(strings.Fields(r.Doc.Text), " "))
}

// Value is a value a keyword takes, for enums and completion.
type Value struct {
	// JSON is the value as written in a schema: `"string"`, `true`.
	JSON string
	// Doc describes it in Markdown.
	Doc string
	// Warned marks a value that is valid but that triggerlint warns about.
	Warned bool
}

var typeDocs = map[string]string{
	"string":  "Text. With `format`, a date-time, uuid, e-mail, URI or numeric string.",
	"number":  "Any JSON number.",
	"integer": "A whole number.",
	"boolean": "`true` or `false`.",
	"array":   "A list: 1st level only, with `items` holding an object with `properties`.",
	"object":  "An object with `properties`: 1st level only.",
}

var formatDocs = map[string]string{
	"date-time":     "An RFC 3339 date-time (`2025-03-01T09:30:00Z`); with `futureDate`, scheduling.",
	"date":          "An RFC 3339 full date (`2025-03-01`).",
	"time":          "An RFC 3339 time (`14:00:00`), the offset optional.",
	"email":         "An e-mail address.",
	"uuid":          "A UUID; with `identityType`, a contact ID.",
	"uri":           "An absolute URI.",
	"regex":         "A regular expression.",
	"number":        "A number written as a string (`\"1234.56\"`), so that conditions compare it as a number.",
	"DECIMAL_VALUE": "A decimal number written as a string (`\"20.50\"`).",
}

// Values returns the values a keyword takes, with their documentation:
// the types, the formats, the custom types, the identity types and
// futureDate's true. Values that triggerlint only warns about come last,
// marked Warned. It is nil for other keywords.
func Values(keyword string) []Value {
	var out []Value
	add := func(s, doc string, warned bool) {
		out = append(out, Value{JSON: quote(s), Doc: doc, Warned: warned})
	}
	switch keyword {
	case "type":
		for _, t := range schema.Types() {
			add(t, typeDocs[t], false)
		}
	case "format":
		for _, f := range schema.Formats() {
			add(f, formatDocs[f], false)
		}
		for _, f := range schema.JSONSchemaFormats() {
			add(f, "A JSON Schema format the dialect does not document: triggerlint warns (TK5002).", true)
		}
	case "wixCustomType":
		for _, c := range schema.CustomTypes() {
			doc := customTypeDoc(c)
			if c.Internal {
				doc += " Seen only on Wix's own triggers, not documented for apps: triggerlint warns (TK8001)."
			}
			add(c.Name, doc, c.Internal)
		}
	case "identityType":
		add("contact", "Connects the property, a uuid string, to the site's contacts.", false)
		add("member", "Seen only on Wix's own triggers: triggerlint warns (TK7001).", true)
		add("visitor", "Seen only on Wix's own triggers: triggerlint warns (TK7001).", true)
	case "futureDate":
		out = append(out, Value{JSON: "true", Doc: "Makes the trigger scheduled on this date-time; leave the keyword out otherwise."})
	case "$schema":
		add("http://json-schema.org/draft-07/schema", "Draft-07, as Wix saves trigger schemas.", false)
	}
	return out
}

// ValueDoc returns the documentation of one value of a keyword, given as
// its JSON text, or "".
func ValueDoc(keyword, json string) string {
	for _, v := range Values(keyword) {
		if v.JSON == json {
			return v.Doc
		}
	}
	return ""
}

// customTypeDoc describes a custom type from the dialect table: its JSON
// type, format and members.
func customTypeDoc(c schema.CustomType) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A %s", c.Type)
	if c.Format != "" {
		fmt.Fprintf(&b, " in format `%s`", c.Format)
	}
	if len(c.Members) > 0 {
		b.WriteString(" with ")
		for i, m := range c.Members {
			if i > 0 {
				b.WriteString(" and ")
			}
			fmt.Fprintf(&b, "`%s` (%s", m.Name, m.Type)
			if m.Format != "" {
				fmt.Fprintf(&b, ", %s", m.Format)
			}
			switch m.Holds {
			case schema.Decimal:
				b.WriteString(", a decimal")
			case schema.CurrencyCode:
				b.WriteString(", an ISO 4217 code")
			case schema.DownloadURL:
				b.WriteString(", a download URL")
			}
			b.WriteString(")")
		}
	}
	b.WriteString(".")
	return b.String()
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
