package schema

import (
	"errors"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind ErrorKind
		pos  string // line:column of the first error
		msg  string // a part of its message
		root bool   // whether a root is still built
	}{
		{"no-break space", "{\n\u00a0\"type\": \"object\"\n}", ErrSpace, "2:1", "no-break space (U+00A0)", true},
		{"ideographic space", "{\"a\":\u30001}", ErrSpace, "1:6", "U+3000", true},
		{"byte order mark", "\ufeff{}", ErrSpace, "1:1", "byte order mark", true},
		{"trailing comma object", `{"a": 1,}`, ErrTrailingComma, "1:8", "trailing comma before }", true},
		{"trailing comma array", `{"a": [1, 2, ]}`, ErrTrailingComma, "1:12", "trailing comma before ]", true},
		{"line comment", "{\n  // the type\n  \"type\": \"object\"\n}", ErrComment, "2:3", "comment", true},
		{"block comment", `{"a": /* x */ 1}`, ErrComment, "1:7", "comment", true},
		{"unterminated comment", `{"a": /* x`, ErrEOF, "1:11", "in a comment that starts at 1:7", false},
		{"single quoted value", `{"a": 'b'}`, ErrSingleQuote, "1:7", "single quotes", true},
		{"single quoted key", `{'a': "b"}`, ErrSingleQuote, "1:2", "key in single quotes", true},
		{"unquoted key", `{a: "b"}`, ErrSyntax, "1:2", "key a is not quoted", true},
		{"missing colon", `{"a" "b"}`, ErrMissingColon, "1:6", `missing colon after key "a"`, true},
		{"missing comma", "{\"a\": 1\n \"b\": 2}", ErrMissingComma, "2:2", "missing comma", true},
		{"missing comma array", `{"a": [1 2]}`, ErrMissingComma, "1:10", "missing comma between array elements", true},
		{"invalid utf8 in string", "{\"a\": \"\xff\"}", ErrInvalidUTF8, "1:8", "invalid UTF-8 byte 0xFF", true},
		{"invalid utf8 outside", "{\"a\": \xff}", ErrInvalidUTF8, "1:7", "invalid UTF-8 byte 0xFF", false},
		{"eof in object", `{"a": 1`, ErrEOF, "1:8", "unexpected end of input in the object that starts at 1:1", false},
		{"eof in string", `{"a": "b`, ErrEOF, "1:9", "in a string that starts at 1:7", false},
		{"eof after key", `{"a"`, ErrEOF, "1:5", "want a colon", false},
		{"empty", "  \n", ErrEmpty, "2:1", "empty input", false},
		{"root array", `[1]`, ErrRootNotObject, "1:1", "root is an array, want an object", true},
		{"root string", ` "x"`, ErrRootNotObject, "1:2", "root is a string, want an object", true},
		{"root null", `null`, ErrRootNotObject, "1:1", "root is null, want an object", true},
		{"trailing data", `{} {}`, ErrTrailingData, "1:4", "after the top-level value", false},
		{"leading zero", `{"a": 01}`, ErrNumber, "1:7", "leading zeros", true},
		{"plus", `{"a": +1}`, ErrNumber, "1:7", "leading +", true},
		{"bare fraction", `{"a": .5}`, ErrNumber, "1:7", "before the decimal point", true},
		{"dangling point", `{"a": 1.}`, ErrNumber, "1:7", "after its decimal point", true},
		{"dangling exponent", `{"a": 1e}`, ErrNumber, "1:7", "digits in its exponent", true},
		{"lone minus", `{"a": -}`, ErrNumber, "1:7", "digit after its minus sign", true},
		{"hex", `{"a": 0x1F}`, ErrNumber, "1:7", "hexadecimal", true},
		{"python literal", `{"a": True}`, ErrSyntax, "1:7", "JSON literals are lower case", true},
		{"nan", `{"a": NaN}`, ErrSyntax, "1:7", "JSON has no NaN", true},
		{"bad escape", `{"a": "\x"}`, ErrString, "1:8", `invalid escape \x`, true},
		{"short unicode escape", `{"a": "\u12"}`, ErrString, "1:8", "four hexadecimal digits", true},
		{"control char", "{\"a\": \"a\tb\"}", ErrString, "1:9", "control character U+0009", true},
		{"newline in string", "{\"a\": \"ab\n\"}", ErrString, "1:10", "unterminated string", false},
		{"unexpected close", `{"a": }`, ErrSyntax, "1:7", "unexpected character '}', want a value", false},
		{"too deep", `{"a":` + strings.Repeat("[", MaxDepth+5), ErrTooDeep, "1:10005", "nesting deeper than 10000", false},
		{"crlf position", "{\r\n  \"a\": 1,\r\n}", ErrTrailingComma, "2:9", "trailing comma", true},
		{"multibyte columns", "{\"é\": 1,}", ErrTrailingComma, "1:9", "trailing comma", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("x.json", []byte(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T is not an ErrorList", err)
			}
			var e *Error
			for _, x := range list {
				if x.Kind == tt.kind {
					e = x
					break
				}
			}
			if e == nil {
				t.Fatalf("no error of kind %d in %v", tt.kind, list)
			}
			if e.Kind != tt.kind || e.Pos.String() != tt.pos || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got kind %d at %s %q, want kind %d at %s containing %q", e.Kind, e.Pos, e.Msg, tt.kind, tt.pos, tt.msg)
			}
			if (f.Root != nil) != tt.root {
				t.Errorf("root built: got %v, want %v", f.Root != nil, tt.root)
			}
		})
	}
}

func TestParseRecoversManyErrors(t *testing.T) {
	in := "{\n\u00a0\u00a0\"a\": 'x', // note\n\u00a0\u00a0\"b\": [1, 2,],\n}"
	f, err := Parse("x.json", []byte(in))
	if err == nil {
		t.Fatal("no error")
	}
	var got []string
	for _, e := range f.Errors {
		got = append(got, e.Pos.String())
	}
	want := "2:1 2:10 2:15 3:15 3:17"
	if strings.Join(got, " ") != want {
		t.Errorf("error positions: got %v, want %s", got, want)
	}
	if !strings.HasSuffix(f.Errors[0].Msg, "(and on 1 more line)") {
		t.Errorf("first error does not count the other lines: %q", f.Errors[0].Msg)
	}
	if f.Root == nil || f.Root.Get("b") == nil || len(f.Root.Get("b").Value.Elems) != 2 {
		t.Errorf("tree not recovered: %+v", f.Root)
	}
}

func TestParseTooManyErrorsStops(t *testing.T) {
	in := "{" + strings.Repeat(`"a": 01, `, 100) + `"b": 1}`
	f, _ := Parse("x.json", []byte(in))
	if len(f.Errors) != maxErrors+1 || !strings.Contains(f.Errors[len(f.Errors)-1].Msg, "too many errors") {
		t.Errorf("got %d errors, want %d ending with the stop notice", len(f.Errors), maxErrors+1)
	}
}

func TestParsePositionsAndPointers(t *testing.T) {
	in := "{\r\n  \"a/b\": {\"m~n\": [true, null, -1.5e3]},\r\n  \"\\u00e9t\u00e9\": \"\\ud83d\\ude00\"\r\n}"
	f, err := Parse("x.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ptr  Pointer
		kind Kind
		text string
		pos  string
	}{
		{"", Object, "", "1:1"},
		{"/a~1b", Object, "", "2:10"},
		{"/a~1b/m~0n", Array, "", "2:18"},
		{"/a~1b/m~0n/0", Bool, "true", "2:19"},
		{"/a~1b/m~0n/1", Null, "null", "2:25"},
		{"/a~1b/m~0n/2", Number, "-1.5e3", "2:31"},
		{"/été", String, "\U0001F600", "3:16"},
	}
	for _, tt := range tests {
		n := f.Resolve(tt.ptr)
		if n == nil {
			t.Errorf("%q does not resolve", tt.ptr)
			continue
		}
		if n.Kind != tt.kind || n.Text != tt.text || n.Pointer() != tt.ptr || f.Position(n.Span.Start).String() != tt.pos {
			t.Errorf("%q: got %v %q %q at %s, want %v %q at %s", tt.ptr, n.Kind, n.Text, n.Pointer(), f.Position(n.Span.Start), tt.kind, tt.text, tt.pos)
		}
	}
	m := f.Root.Get("été")
	if got := string(f.Src[m.KeySpan.Start:m.KeySpan.End]); got != `"\u00e9t`+"\u00e9"+`"` {
		t.Errorf("key span covers %q", got)
	}
}

func TestParseDuplicates(t *testing.T) {
	in := `{"a": 1, "b": {"x": 1, "x": 2}, "a": 3}`
	f, err := Parse("x.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Duplicates) != 2 {
		t.Fatalf("got %d duplicates, want 2", len(f.Duplicates))
	}
	d := f.Duplicates[0]
	if d.First.Name != "x" || d.First.Value.Text != "1" || d.Again.Value.Text != "2" {
		t.Errorf("first duplicate: %+v", d)
	}
	if len(f.Root.Members) != 3 {
		t.Errorf("duplicate dropped: %d members", len(f.Root.Members))
	}
	// Large objects use the index.
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 20; i++ {
		b.WriteString(`"k` + string(rune('a'+i)) + `": 1, `)
	}
	b.WriteString(`"kc": 2}`)
	f, _ = Parse("x.json", []byte(b.String()))
	if len(f.Duplicates) != 1 || f.Duplicates[0].First.Name != "kc" {
		t.Errorf("large object duplicates: %+v", f.Duplicates)
	}
}

func TestNodeIsInteger(t *testing.T) {
	for in, want := range map[string]bool{
		"0": true, "-0": true, "12": true, "1.0": true, "1.50e1": true, "100e-2": true, "1e400": true,
		"1.5": false, "0.05e1": false, "1e-1": false, "12345678901234567890": true, "0e-5": true, "10e-2": false,
		`"1"`: false, "true": false,
	} {
		f, err := ParseValue("x.json", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Root.IsInteger(); got != want {
			t.Errorf("%s: IsInteger() = %v, want %v", in, got, want)
		}
	}
}

func TestParseValue(t *testing.T) {
	for in, kind := range map[string]Kind{
		`[1, "a"]`: Array, ` "x" `: String, `-1.5`: Number, `true`: Bool, `null`: Null, `{"a": 1}`: Object,
	} {
		f, err := ParseValue("x.json", []byte(in))
		if err != nil || f.Root == nil || f.Root.Kind != kind {
			t.Errorf("ParseValue(%q) = %v, %v; want a %v root", in, f.Root, err, kind)
		}
	}
	for in, want := range map[string]string{
		"":      "1:1: empty input: want a JSON value",
		"[1,]":  "1:3: trailing comma before ]",
		`"a" 1`: "1:5: unexpected character '1' after the top-level value",
		"01":    `1:1: invalid number "01": leading zeros are not allowed`,
	} {
		if _, err := ParseValue("x.json", []byte(in)); err == nil || err.Error() != want {
			t.Errorf("ParseValue(%q) = %v, want %s", in, err, want)
		}
	}
}

func TestPointer(t *testing.T) {
	p := Pointer("").Append("a/b").Append("c~d").AppendIndex(12)
	if p != "/a~1b/c~0d/12" {
		t.Errorf("got %q", p)
	}
	if got := p.Tokens(); strings.Join(got, "|") != "a/b|c~d|12" {
		t.Errorf("tokens %q", got)
	}
	if p.Parent() != "/a~1b/c~0d" || p.Parent().Last() != "c~d" || Pointer("").Parent() != "" {
		t.Errorf("parent/last")
	}
	if Pointer("/~01").Tokens()[0] != "~1" {
		t.Errorf("~01 must unescape to ~1")
	}
	if Pointer("a").Valid() || Pointer("/~2").Valid() || !Pointer("/~0/~1").Valid() {
		t.Errorf("Valid")
	}
}

// TestPointerOfDuplicateInAnUnfinishedObject is the regression test for
// pointers read through an object that an unrecoverable error left open:
// its members were never attached, and the pointer of a duplicate key's
// value, which TK2004 reports despite errors, indexed an empty list.
func TestPointerOfDuplicateInAnUnfinishedObject(t *testing.T) {
	f, err := Parse("x.json", []byte(`{"ype""",ype""`))
	if err == nil || f.Root != nil || len(f.Duplicates) != 1 {
		t.Fatalf("err %v, root %v, %d duplicates, want an error, no root and 1 duplicate", err, f.Root, len(f.Duplicates))
	}
	d := f.Duplicates[0]
	if got := d.Again.Value.Pointer(); got != "/ype" {
		t.Errorf("pointer %q, want /ype", got)
	}
	if len(d.Object.Members) != 2 {
		t.Errorf("%d members, want the 2 read before the error", len(d.Object.Members))
	}
}
