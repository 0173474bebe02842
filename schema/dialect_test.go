package schema

import (
	"slices"
	"strings"
	"testing"
)

func TestKeyProblem(t *testing.T) {
	for key, want := range map[string]struct {
		fault KeyFault
		msg   string
	}{
		"orderId": {KeyOK, ""}, "first_name": {KeyOK, ""}, "2fa": {KeyOK, ""},
		"":           {KeyEmpty, "is empty"},
		"_id":        {KeyLeadingUnderscore, "starts with an underscore"},
		"first name": {KeyBadChar, "has a space"},
		"last-name":  {KeyBadChar, "has a hyphen"},
		"$ne":        {KeyBadChar, "has the character '$'"},
		"prénom":     {KeyBadChar, "has the non-ASCII character 'é'"},
		"a\tb":       {KeyBadChar, "has a control character"},
	} {
		got := KeyProblem(key)
		if got != want.fault || got.Message(key) != want.msg {
			t.Errorf("KeyProblem(%q) = %d %q, want %d %q", key, got, got.Message(key), want.fault, want.msg)
		}
	}
}

// TestDialectTablesReadOnly is the regression test for the dialect tables
// being exported mutable slices: changing what the functions return does
// not change the dialect.
func TestDialectTablesReadOnly(t *testing.T) {
	ts := Types()
	ts[0] = "null"
	fs := Formats()
	fs[0] = "bogus"
	ks := Keywords()
	ks[0] = "allOf"
	js := JSONSchemaFormats()
	js[0] = "bogus2"
	cs := CustomTypes()
	cs[0].Name = "CASH"
	cs[0].Members[0].Name = "amount"
	c, _ := LookupCustomType("ATTACHMENT")
	c.Members[1].Format = "email"
	if IsType("null") || !IsType("string") || Types()[0] != "string" {
		t.Errorf("Types changed through a returned slice: %q", Types())
	}
	if IsFormat("bogus") || !IsFormat("date-time") {
		t.Errorf("Formats changed through a returned slice: %q", Formats())
	}
	if IsKeyword("allOf") || !IsKeyword("type") {
		t.Errorf("Keywords changed through a returned slice: %q", Keywords())
	}
	if IsJSONSchemaFormat("bogus2") || !IsJSONSchemaFormat("duration") {
		t.Errorf("JSONSchemaFormats changed through a returned slice: %q", JSONSchemaFormats())
	}
	if _, ok := LookupCustomType("CASH"); ok {
		t.Error("CustomTypes changed through a returned slice")
	}
	if m, _ := CustomMemberOf("MONEY", "value"); m.Name != "value" {
		t.Errorf("MONEY's members changed through a returned slice: %+v", m)
	}
	if m, _ := CustomMemberOf("ATTACHMENT", "downloadUrl"); m.Format != "uri" {
		t.Errorf("ATTACHMENT's members changed through a returned slice: %+v", m)
	}
}

// TestCustomTypeTable checks the table against the spec (rules 68-75).
func TestCustomTypeTable(t *testing.T) {
	if got, want := CustomTypeNames(false), []string{"MONEY", "ATTACHMENT", "ORDER_ID", "IMAGE_URL"}; !slices.Equal(got, want) {
		t.Errorf("documented custom types %q, want %q", got, want)
	}
	if got, want := CustomTypeNames(true), []string{"ORDER_PAYMENT_ID", "RECEIPT_ID", "RECEIPT_PRESET_ID", "FIELDS", "RECEIPT"}; !slices.Equal(got, want) {
		t.Errorf("internal custom types %q, want %q", got, want)
	}
	for _, tt := range []struct {
		custom, member, typ, format string
		holds                       Content
	}{
		{"MONEY", "value", "string", "", Decimal},
		{"MONEY", "currency", "string", "", CurrencyCode},
		{"ATTACHMENT", "fileName", "string", "", AnyText},
		{"ATTACHMENT", "downloadUrl", "string", "uri", DownloadURL},
	} {
		m, ok := CustomMemberOf(tt.custom, tt.member)
		if !ok || m.Type != tt.typ || m.Format != tt.format || m.Holds != tt.holds || !m.Required {
			t.Errorf("%s.%s = %+v, %v; want type %s, format %q, holds %d, required", tt.custom, tt.member, m, ok, tt.typ, tt.format, tt.holds)
		}
	}
	for name, format := range map[string]string{"ORDER_ID": "uuid", "IMAGE_URL": "uri", "RECEIPT_ID": "uuid"} {
		if c, ok := LookupCustomType(name); !ok || c.Type != "string" || c.Format != format || c.Members != nil {
			t.Errorf("%s = %+v, want a %s string", name, c, format)
		}
	}
}

func TestShapedLike(t *testing.T) {
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{[]string{"value", "currency"}, "MONEY"},
		{[]string{"currency", "value"}, "MONEY"},
		{[]string{"downloadUrl", "fileName"}, "ATTACHMENT"},
		{[]string{"value", "value"}, ""},
		{[]string{"value"}, ""},
		{[]string{"value", "currency", "fileName"}, ""},
		{[]string{"Value", "currency"}, ""},
		{nil, ""},
	} {
		if got := ShapedLike(tt.names...); got != tt.want {
			t.Errorf("ShapedLike(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { ShapedLike("value", "currency") }); n != 0 {
		t.Errorf("ShapedLike allocates %v times, want 0", n)
	}
}

// TestLookupCustomTypeHead checks that the head of every custom type is
// LookupCustomType's answer without the members, that an unknown or
// differently cased name is not found, and that a lookup does not allocate.
func TestLookupCustomTypeHead(t *testing.T) {
	for _, c := range CustomTypes() {
		h, ok := LookupCustomTypeHead(c.Name)
		if !ok || h.Name != c.Name || h.Type != c.Type || h.Format != c.Format || h.Internal != c.Internal || h.Members != nil {
			t.Errorf("LookupCustomTypeHead(%q) = %+v, %v; want %+v without members", c.Name, h, ok, c)
		}
	}
	for _, name := range []string{"", "money", "CASH", "MONEY "} {
		if h, ok := LookupCustomTypeHead(name); ok {
			t.Errorf("LookupCustomTypeHead(%q) = %+v, want not found", name, h)
		}
	}
	if n := testing.AllocsPerRun(100, func() { LookupCustomTypeHead("ATTACHMENT") }); n != 0 {
		t.Errorf("LookupCustomTypeHead allocates %v times, want 0", n)
	}
}

// TestIsTypeIsFormatMatchTables checks that IsType and IsFormat, which
// switch on their argument, agree with the tables Types and Formats list:
// every entry is in, and near misses are out.
func TestIsTypeIsFormatMatchTables(t *testing.T) {
	near := func(s string) []string {
		return []string{s, strings.ToUpper(s), strings.ToLower(s), s + " ", " " + s, s[:len(s)-1], s + "s"}
	}
	var typeCount, formatCount int
	for _, typ := range Types() {
		for _, s := range near(typ) {
			if got, want := IsType(s), slices.Contains(Types(), s); got != want {
				t.Errorf("IsType(%q) = %v, want %v", s, got, want)
			}
		}
		typeCount++
	}
	for _, f := range append(Formats(), JSONSchemaFormats()...) {
		for _, s := range near(f) {
			if got, want := IsFormat(s), slices.Contains(Formats(), s); got != want {
				t.Errorf("IsFormat(%q) = %v, want %v", s, got, want)
			}
		}
		formatCount++
	}
	for _, s := range []string{"", "null", "enum", "int", "datetime", "url", "decimal_value"} {
		if IsType(s) || IsFormat(s) {
			t.Errorf("%q is taken for a type or format", s)
		}
	}
	if typeCount != 6 || formatCount != 9+len(JSONSchemaFormats()) {
		t.Errorf("%d types and %d formats: update IsType and IsFormat with the tables", typeCount, formatCount-len(JSONSchemaFormats()))
	}
}
