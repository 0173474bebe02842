package schema

import (
	"sort"
	"testing"
)

// applyRepairs applies the repairs of every error of f.
func applyRepairs(f *File) string {
	var rs []Repair
	for _, e := range f.Errors {
		rs = append(rs, e.Repairs...)
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Span.Start < rs[j].Span.Start })
	out, last := []byte{}, 0
	for _, r := range rs {
		out = append(out, f.Src[last:r.Span.Start]...)
		out = append(out, r.Text...)
		last = r.Span.End
	}
	return string(append(out, f.Src[last:]...))
}

// TestRepairsRemoveTheErrors checks the repair of every mistake the parser
// steps over: applied, the text parses without errors and reads as wanted.
func TestRepairsRemoveTheErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"a\": 1,}", `{"a": 1}`},
		{"{\"a\": [1, 2,]}", `{"a": [1, 2]}`},
		{"{\n  // note\n  \"a\": 1\n}", "{\n  \"a\": 1\n}"},
		{"{\n  \"a\": 1, // note\n  \"b\": 2\n}", "{\n  \"a\": 1,\n  \"b\": 2\n}"},
		{"{\"a\": /* x */ 1}", `{"a":  1}`},
		{"{\n  \"a\": 1\n}\n// end", "{\n  \"a\": 1\n}"},
		{"{'a': 'it\\'s \"q\"'}", `{"a": "it's \"q\""}`},
		{"{a: 1, $b: 2}", `{"a": 1, "$b": 2}`},
		{"{\"a\" 1}", `{"a": 1}`},
		{"{\"a\": 1 \"b\": 2}", `{"a": 1, "b": 2}`},
		{"{\"a\": [1 2]}", `{"a": [1, 2]}`},
		{"{\"a\": True, \"b\": NULL}", `{"a": true, "b": null}`},
		{"\ufeff{\u00a0\"a\":\u00a01,\n\u00a0\u00a0\"b\": 2\u200b}", "{ \"a\": 1,\n  \"b\": 2}"},
	}
	for _, tt := range tests {
		f, _ := Parse("r.json", []byte(tt.in))
		if len(f.Errors) == 0 {
			t.Errorf("%q: no error to repair", tt.in)
			continue
		}
		got := applyRepairs(f)
		if got != tt.want {
			t.Errorf("%q: repaired to %q, want %q", tt.in, got, tt.want)
		}
		if g, err := Parse("r.json", []byte(got)); err != nil || g.Root == nil {
			t.Errorf("%q: the repair %q does not parse: %v", tt.in, got, err)
		}
	}
}

func TestNoRepairWhereNoneIsCertain(t *testing.T) {
	for _, in := range []string{`{"a": 01}`, `{"a": undefined}`, `{"a": +1}`, "{'a\x01': 1}"} {
		f, _ := Parse("r.json", []byte(in))
		for _, e := range f.Errors {
			if e.Kind != ErrSingleQuote && len(e.Repairs) > 0 {
				t.Errorf("%q: %v has repairs %v", in, e, e.Repairs)
			}
			if e.Kind == ErrSingleQuote && len(e.Repairs) > 0 {
				t.Errorf("%q: a single-quoted string with a control character is repaired: %v", in, e.Repairs)
			}
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`a"b\c`: `"a\"b\\c"`, "tab\there\n": `"tab\there\n"`, "\x01": `"\u0001"`, "café ✓": `"café ✓"`, "\xff": "\"\ufffd\"",
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTitle(t *testing.T) {
	for key, want := range map[string]string{
		"orderId": "Order ID", "invoice_url": "Invoice URL", "URLPath": "URL Path", "itemIds": "Item IDs", "x2y": "X 2 Y", "": "",
	} {
		if got := Title(key); got != want {
			t.Errorf("Title(%q) = %q, want %q", key, got, want)
		}
	}
}
