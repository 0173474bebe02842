package findings

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func suppressSample() []Finding {
	return []Finding{
		{File: "a.json", Line: 3, Column: 5, Pointer: "/properties/x", Rule: "TK3003", Severity: Warning, Message: `missing "description"`},
		{File: "a.json", Line: 4, Column: 5, Pointer: "/properties/x/format", Rule: "TK5003", Severity: Error, Message: "format"},
		{File: "b.json", Line: 3, Column: 5, Pointer: "/properties/x", Rule: "TK3003", Severity: Warning, Message: `missing "description"`},
		{File: "b.json", Line: 9, Column: 5, Pointer: "/properties/y", Rule: "TKD101", Severity: Error, Message: "property removed"},
	}
}

func only(names ...string) func(string) bool {
	return func(n string) bool {
		for _, x := range names {
			if x == n {
				return true
			}
		}
		return false
	}
}

func TestMatchPointer(t *testing.T) {
	tests := []struct {
		pattern, pointer string
		want             bool
	}{
		{"/properties/x", "/properties/x", true},
		{"/properties/x", "/properties/x/format", false},
		{"/properties/x", "/properties/xy", false},
		{"/properties/x/**", "/properties/x", true},
		{"/properties/x/**", "/properties/x/format", true},
		{"/properties/x/**", "/properties/xy", false},
		{"/**", "", true},
		{"/**", "/anything/below", true},
		{"", "", true},
		{"", "/properties", false},
	}
	for _, tt := range tests {
		if got := MatchPointer(tt.pattern, tt.pointer); got != tt.want {
			t.Errorf("MatchPointer(%q, %q) = %v, want %v", tt.pattern, tt.pointer, got, tt.want)
		}
	}
}

// TestSuppressIgnoredNotCounted checks that an ignore entry marks the
// findings it covers with its reason, only those, and that the summary
// counts them apart from the counts that decide the exit code.
func TestSuppressIgnoredNotCounted(t *testing.T) {
	fs := suppressSample()
	ws := []Waiver{{Kind: Ignored, Rules: []string{"TK3003"}, Files: only("a.json"), Pointer: "/properties/x/**", Reason: "legacy field"}}
	stale := Suppress(fs, ws, []string{"a.json", "b.json"})
	if len(stale) != 0 {
		t.Fatalf("stale = %v, want none", stale)
	}
	if s := fs[0].Suppressed; s == nil || s.Kind != Ignored || s.Reason != "legacy field" {
		t.Errorf("finding 0 suppressed = %+v, want ignore with the reason", s)
	}
	for i := 1; i < len(fs); i++ {
		if fs[i].Suppressed != nil {
			t.Errorf("finding %d suppressed, want it counted: %+v", i, fs[i])
		}
	}
	sum := Tally(2, fs)
	want := Summary{Files: 2, Findings: 3, Errors: 2, Warnings: 1, Suppressed: 1}
	if sum != want {
		t.Errorf("summary = %+v, want %+v", sum, want)
	}
	if sum.Worst() != Error {
		t.Errorf("worst = %v", sum.Worst())
	}
	b, err := json.Marshal(fs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"suppressed":{"kind":"ignore","reason":"legacy field"}`) {
		t.Errorf("JSON = %s, want the suppression", b)
	}
	if b, _ := json.Marshal(fs[1]); strings.Contains(string(b), "suppressed") {
		t.Errorf("JSON of a counted finding = %s, want no suppressed field", b)
	}
}

// TestSuppressAcceptedChangeBecomesInfo checks that an accepted change is
// info, carries the reason in its message and does not count.
func TestSuppressAcceptedChangeBecomesInfo(t *testing.T) {
	fs := suppressSample()
	ws := []Waiver{{Kind: Accepted, Rules: []string{"TKD101"}, Pointer: "/properties/y", Reason: "v2 drops y, agreed with the app team"}}
	if stale := Suppress(fs, ws, []string{"b.json"}); len(stale) != 0 {
		t.Fatalf("stale = %v", stale)
	}
	f := fs[3]
	if f.Severity != Info || f.Suppressed == nil || f.Suppressed.Kind != Accepted {
		t.Errorf("accepted change = %+v, want info and suppressed", f)
	}
	if want := "property removed; accepted: v2 drops y, agreed with the app team"; f.Message != want {
		t.Errorf("message = %q, want %q", f.Message, want)
	}
	if sum := Tally(1, fs); sum.Errors != 1 || sum.Suppressed != 1 || sum.Info != 0 {
		t.Errorf("summary = %+v, want 1 error and 1 suppressed", sum)
	}
}

// TestSuppressStaleEntries checks that an entry that covered nothing is
// reported, at its place in the config file, only when the run looked at a
// file it covers, and that an entry used by a finding that an earlier
// entry suppressed is not stale.
func TestSuppressStaleEntries(t *testing.T) {
	at := Place{File: ".triggerlint.yaml", Line: 7, Column: 5, Pointer: "/ignore/1"}
	ws := []Waiver{
		{Kind: Ignored, Rules: []string{""}, Files: only("b.json"), Pointer: "/**", Reason: "generated"},
		{Kind: Ignored, Rules: []string{"TK3003"}, Files: only("b.json"), Pointer: "/properties/x", Reason: "also"},
		{Kind: Ignored, Rules: []string{"TK3003"}, Files: only("a.json"), Pointer: "/properties/gone", Reason: "fixed since", At: at},
		{Kind: Accepted, Rules: []string{"TKD101"}, Files: only("c.json"), Pointer: "/properties/y", Reason: "old",
			At: Place{File: ".triggerlint.yaml", Line: 12, Column: 5, Pointer: "/diff/accept/0"}},
	}
	// Over a.json and b.json: entry 2 is stale; entry 3's file was not
	// looked at.
	fs := suppressSample()
	stale := Suppress(fs, ws, []string{"a.json", "b.json"})
	if len(stale) != 1 {
		t.Fatalf("stale = %+v, want one", stale)
	}
	want := Finding{File: ".triggerlint.yaml", Line: 7, Column: 5, EndLine: 7, EndColumn: 5, Pointer: "/ignore/1",
		Rule: StaleIgnoreID, Severity: Warning,
		Message: `ignore entry for TK3003 at "/properties/gone" matched nothing; remove it or correct it`,
		URL:     SuppressionEntries()[0].URL}
	if !reflect.DeepEqual(stale[0], want) {
		t.Errorf("stale =\n%+v\nwant\n%+v", stale[0], want)
	}
	if fs[2].Suppressed == nil || fs[2].Suppressed.Reason != "generated" {
		t.Errorf("b.json finding = %+v, want the first entry's reason", fs[2].Suppressed)
	}
	// Over c.json, the accepted change is stale too.
	stale = Suppress(suppressSample(), ws, []string{"c.json"})
	if len(stale) != 1 || stale[0].Rule != StaleAcceptID || stale[0].Line != 12 || stale[0].Pointer != "/diff/accept/0" {
		t.Errorf("stale over c.json = %+v, want the accept entry", stale)
	}
	// An entry covering every file is stale in any run with files, and in
	// none without.
	all := []Waiver{{Kind: Ignored, Rules: []string{"TK1001"}, Pointer: "/**", Reason: "x"}}
	if got := Suppress(suppressSample(), all, []string{"a.json"}); len(got) != 1 {
		t.Errorf("entry over every file: stale = %v, want one", got)
	}
	if got := Suppress(nil, all, nil); len(got) != 0 {
		t.Errorf("empty run: stale = %v, want none", got)
	}
}

func TestSuppressionEntriesAreStaleIDs(t *testing.T) {
	es := SuppressionEntries()
	if len(es) != 2 || es[0].ID != StaleIgnoreID || es[1].ID != StaleAcceptID {
		t.Fatalf("entries = %+v", es)
	}
	for _, e := range es {
		if e.Title == "" || strings.HasSuffix(e.Title, ".") || e.Severity != Warning || e.URL == "" {
			t.Errorf("entry %s: %+v", e.ID, e)
		}
	}
}
