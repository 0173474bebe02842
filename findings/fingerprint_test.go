package findings

import "testing"

// TestFingerprintIgnoresPositions checks that a finding keeps its
// fingerprint when the file is reformatted (other lines and columns), when
// the position its message quotes moves and when its white space changes,
// and that the rule, file, pointer and message's other words count.
func TestFingerprintIgnoresPositions(t *testing.T) {
	base := Finding{File: "schemas/order.json", Line: 9, Column: 5, EndLine: 9, EndColumn: 14, Pointer: "/properties/a",
		Rule: "TK2001", Severity: Error, Message: `duplicate key "a" (first at 3:5), want at most 5`}
	fp := Fingerprint(base, 0)
	if len(fp) != 32 {
		t.Fatalf("got %q, want 32 hex digits", fp)
	}
	same := []func(f *Finding){
		func(f *Finding) { f.Line, f.Column, f.EndLine, f.EndColumn = 40, 1, 41, 2 },
		func(f *Finding) { f.Message = `duplicate key "a" (first at 17:12), want at most 5` },
		func(f *Finding) { f.Message = "  duplicate key \"a\"\n (first at 3:5),  want at most 5 " },
		func(f *Finding) { f.File = "./schemas//order.json" },
		func(f *Finding) { f.Rule = "tk2001" },
		func(f *Finding) { f.Severity = Warning },
		func(f *Finding) { f.Suppressed = &Suppression{Kind: Ignored, Reason: "r"} },
	}
	for i, change := range same {
		f := base
		change(&f)
		if got := Fingerprint(f, 0); got != fp {
			t.Errorf("change %d: fingerprint changed to %s", i, got)
		}
	}
	different := []func(f *Finding){
		func(f *Finding) { f.Rule = "TK2002" },
		func(f *Finding) { f.File = "schemas/invoice.json" },
		func(f *Finding) { f.Pointer = "/properties/b" },
		func(f *Finding) { f.Message = `duplicate key "a" (first at 3:5), want at most 6` },
		func(f *Finding) { f.Message = `duplicate key "b" (first at 3:5), want at most 5` },
	}
	for i, change := range different {
		f := base
		change(&f)
		if Fingerprint(f, 0) == fp {
			t.Errorf("change %d: fingerprint did not change", i)
		}
	}
	// The parts are separated: moving text from one to the next differs.
	a := Fingerprint(Finding{Rule: "TK1", File: "ab", Pointer: "/c"}, 0)
	if b := Fingerprint(Finding{Rule: "TK1", File: "a", Pointer: "b/c"}, 0); a == b {
		t.Error("file and pointer run together")
	}
}

func TestNormalizeMessage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"first at 3:5)", "first at #:#)"},
		{"see line 12, column 4.", "see line #, column #."},
		{"ratio 1:2:3 at 10:20", "ratio #:#:3 at #:#"},
		{"want 5, got 6", "want 5, got 6"},
		{"a  b\t\nc", "a b c"},
		{"x:1", "x:1"},
		{"duplicate key \"a\", first at 12:5", "duplicate key \"a\", first at #:#"},
		{"  spaced \t out\n ", "spaced out"},
		{"example 45.5 is not whole", "example 45.5 is not whole"},
		{"", ""},
	} {
		if got := NormalizeMessage(tc.in); got != tc.want {
			t.Errorf("NormalizeMessage(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
