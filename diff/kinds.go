package diff

import (
	"strings"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// Class says whom a change can hurt.
type Class uint8

// The classes of change, from harmless to harmful.
const (
	// Safe changes break nobody: new optional properties, new wording.
	Safe Class = iota
	// Dangerous changes keep every payload valid but can change what
	// existing automations do, or leave them without what they expect.
	Dangerous
	// Breaking changes make the app's payloads fail validation, or take
	// away something that published automations use.
	Breaking
)

var classNames = [...]string{"safe", "dangerous", "breaking"}

func (c Class) String() string { return classNames[c] }

// Severity is the finding severity of a class: breaking is an error,
// dangerous a warning and safe an info.
func (c Class) Severity() findings.Severity {
	switch c {
	case Breaking:
		return findings.Error
	case Dangerous:
		return findings.Warning
	}
	return findings.Info
}

// Kind is one kind of change between two versions of a payload schema. Its
// ID is stable: it is what CI configurations and suppressions name.
type Kind struct {
	ID      string // "TKD101"
	Name    string // "property-removed"
	Class   Class
	Summary string // one line
	Doc     string // who it breaks, and how to make the change safely
}

// The change IDs.
const (
	SchemaAdded   = "TKD001"
	SchemaRemoved = "TKD002"
	SchemaMoved   = "TKD003"

	PropertyRemoved       = "TKD101"
	PropertyRenamed       = "TKD102"
	PropertyAdded         = "TKD103"
	RequiredPropertyAdded = "TKD104"
	MadeRequired          = "TKD105"
	MadeOptional          = "TKD106"

	TypeChanged   = "TKD201"
	FormatChanged = "TKD202"
	FormatAdded   = "TKD203"
	FormatRemoved = "TKD204"
	ItemsAdded    = "TKD205"
	ItemsRemoved  = "TKD206"
	ConstChanged  = "TKD207"

	OptionRemoved  = "TKD301"
	OptionAdded    = "TKD302"
	OptionsAdded   = "TKD303"
	OptionsRemoved = "TKD304"

	IdentityAdded   = "TKD401"
	IdentityRemoved = "TKD402"
	IdentityMoved   = "TKD403"
	IdentityChanged = "TKD404"

	FutureDateAdded   = "TKD411"
	FutureDateRemoved = "TKD412"
	FutureDateMoved   = "TKD413"

	CustomTypeAdded   = "TKD421"
	CustomTypeRemoved = "TKD422"
	CustomTypeChanged = "TKD423"

	TitleChanged       = "TKD501"
	DescriptionChanged = "TKD502"
	ExamplesChanged    = "TKD503"
	OptionTitleChanged = "TKD504"
)

// Kinds returns every kind of change, sorted by ID. Each call returns a new
// slice.
func Kinds() []Kind {
	return []Kind{
		{SchemaAdded, "schema-added", Safe, "Schema file added",
			"A new trigger's schema breaks nothing that exists. Lint it before it ships: once published, most of it can no longer change."},
		{SchemaRemoved, "schema-removed", Breaking, "Schema file deleted",
			"Every automation built on the trigger loses its payload. If the trigger is being retired, deprecate it first and keep the schema until no site uses it."},
		{SchemaMoved, "schema-moved", Safe, "Schema file moved or renamed",
			"The file moved (git saw a rename); its content is compared with its old version as usual. The move itself changes nothing for Wix."},

		{PropertyRemoved, "property-removed", Breaking, "Property removed",
			"Automations that use the property in a condition, a dynamic value or an action lose it, and the dashboard refuses the edit once the app is published (spec rule 86). Keep the property and stop documenting it instead, or add a new trigger."},
		{PropertyRenamed, "property-renamed", Breaking, "Property renamed",
			"A key is the property's identity: automations refer to the old key, which payloads no longer send. Renames are forbidden after publishing (spec rule 86). Add the new key next to the old one and send both."},
		{PropertyAdded, "property-added", Safe, "Optional property added",
			"New optional properties are allowed after publishing (spec rule 86): existing payloads stay valid, and automations can start using the new value."},
		{RequiredPropertyAdded, "required-property-added", Breaking, "Required property added",
			"Every payload the app sends today lacks the new key, so Report Event refuses it (428 SCHEMA_VALIDATION_FAILED) until the code that reports the event sends it. Add it as optional, ship the code that sends it, then make it required."},
		{MadeRequired, "property-made-required", Breaking, "Property made required",
			"Payloads that leave the property out are refused from now on. The dashboard allows the toggle (spec rule 86), but the app's reporting code must always send the key before the schema says so."},
		{MadeOptional, "property-made-optional", Dangerous, "Property made optional",
			"Payloads stay valid, but automations that take the value for granted (a condition, a dynamic value in an e-mail, a scheduled action) may now receive events without it."},

		{TypeChanged, "type-changed", Breaking, "Type changed",
			"Payloads of the old type are refused, and automations built on the old type (number comparisons, date conditions, text in e-mails) read values they were not made for. Changing a type is forbidden after publishing (spec rule 86): add a new property instead."},
		{FormatChanged, "format-changed", Breaking, "Format changed",
			"Values in the old format are refused, and automations that use the value as a date, an e-mail address or a link get something else. Forbidden after publishing (spec rule 86)."},
		{FormatAdded, "format-added", Breaking, "Format added",
			"Strings that do not match the new format are refused. Forbidden after publishing (spec rule 86)."},
		{FormatRemoved, "format-removed", Breaking, "Format removed",
			"Any string is now valid, so automations that use the value as a date, an e-mail address or a link can receive text that is none of these. Forbidden after publishing (spec rule 86)."},
		{ItemsAdded, "items-added", Dangerous, "Array items now described",
			"The array's elements are now checked against an items schema, so elements of another shape are refused."},
		{ItemsRemoved, "items-removed", Breaking, "Array items no longer described",
			"Automations that use the fields of the array's elements lose them."},
		{ConstChanged, "const-changed", Breaking, "Constant changed",
			"The only value the property may hold changed: payloads with the old value are refused, and conditions on it no longer match."},

		{OptionRemoved, "option-removed", Breaking, "Drop-down option removed",
			"Payloads that send the removed value are refused, and automations whose conditions choose it never run again. Keep the option and stop sending it instead."},
		{OptionAdded, "option-added", Dangerous, "Drop-down option added",
			"Payloads stay valid, but the new value matches none of the conditions that existing automations chose from the old options: check that the automations still do what their owners expect."},
		{OptionsAdded, "options-added", Breaking, "Property became a drop-down",
			"The property now has oneOf options, so any value outside them is refused."},
		{OptionsRemoved, "options-removed", Dangerous, "Property is no longer a drop-down",
			"Any value of the type is now valid; automations whose conditions chose from the options may meet values they never offered."},

		{IdentityAdded, "identity-type-added", Safe, "identityType added",
			"Adding an identityType that the schema does not use yet is allowed after publishing (spec rule 86): contact actions can start using the property."},
		{IdentityRemoved, "identity-type-removed", Breaking, "identityType removed",
			"Contact actions (tasks, e-mails to the contact, labels) lose the contact they act on. Forbidden after publishing (spec rule 86)."},
		{IdentityMoved, "identity-type-moved", Breaking, "identityType moved to another property",
			"Contact actions now act on the contact in another property. Switching the identityType property is forbidden after publishing (spec rule 86)."},
		{IdentityChanged, "identity-type-changed", Breaking, "identityType value changed",
			"The property now names another kind of identity, so actions built for the old one stop working. Forbidden after publishing (spec rule 86)."},

		{FutureDateAdded, "future-date-added", Breaking, "futureDate added",
			"The trigger becomes a scheduled trigger: actions wait for the date instead of running when the event is reported. Adding the marking is forbidden after publishing (spec rule 67)."},
		{FutureDateRemoved, "future-date-removed", Breaking, "futureDate removed",
			"Actions scheduled relative to the date run at once instead. Removing the marking is forbidden after publishing (spec rule 67)."},
		{FutureDateMoved, "future-date-moved", Breaking, "futureDate moved to another property",
			"Scheduled actions now wait for another date. This removes the marking from one property and adds it to another, which is forbidden after publishing (spec rule 67)."},

		{CustomTypeAdded, "custom-type-added", Safe, "wixCustomType added",
			"The property gains the actions of its custom type (payment requests for ORDER_ID, file attachments for ATTACHMENT, ...). Its shape rules now apply to payloads."},
		{CustomTypeRemoved, "custom-type-removed", Breaking, "wixCustomType removed",
			"Actions that need the custom type (payment requests, attachments, prices, images in e-mails) lose the property."},
		{CustomTypeChanged, "custom-type-changed", Breaking, "wixCustomType changed",
			"Actions built for the old custom type no longer find it, and the value must now have the new type's shape."},

		{TitleChanged, "title-changed", Safe, "Title changed",
			"Titles are what site owners see in the automation builder; changing them is allowed after publishing (spec rule 86)."},
		{DescriptionChanged, "description-changed", Safe, "Description changed",
			"Descriptions are documentation; changing them is allowed after publishing (spec rule 86)."},
		{ExamplesChanged, "examples-changed", Safe, "Examples changed",
			"Examples are shown in the automation builder and used in test runs; they do not constrain payloads."},
		{OptionTitleChanged, "option-title-changed", Safe, "Drop-down option title changed",
			"The label a site owner sees changes; the value, which conditions compare, does not."},
	}
}

var kindByID = func() map[string]Kind {
	m := make(map[string]Kind)
	for _, k := range Kinds() {
		m[k.ID] = k
	}
	return m
}()

// KindOf returns the kind with the given ID or name (case-insensitive).
func KindOf(idOrName string) (Kind, bool) {
	for _, k := range Kinds() {
		if strings.EqualFold(k.ID, idOrName) || strings.EqualFold(k.Name, idOrName) {
			return k, true
		}
	}
	return Kind{}, false
}

// Entry returns the kind's catalogue entry, which `triggerlint rules`,
// `explain` and docs/changes.md print.
func (k Kind) Entry() findings.Entry {
	return findings.Entry{
		ID: k.ID, Name: k.Name, Category: findings.Categorize(k.ID), Severity: k.Class.Severity(),
		Class: k.Class.String(), Title: k.Summary, Text: k.Doc, URL: findings.URL(k.ID),
	}
}

// Finding places the change in f, the file of the version that its Side
// names, with the kind's class as severity and its example.
func (c Change) Finding(f *schema.File) findings.Finding {
	x := findings.At(f, c.Span)
	x.Pointer, x.Rule, x.Severity, x.Message = string(c.Pointer), c.Kind.ID, c.Kind.Class.Severity(), c.Message
	x.URL, x.Example = findings.URL(c.Kind.ID), c.Example
	return x
}
