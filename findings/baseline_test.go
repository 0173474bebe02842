package findings_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

func lintBytes(t *testing.T, name string, src []byte) []findings.Finding {
	t.Helper()
	res, err := lint.Bytes(name, src, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// TestBaselineSurvivesReformatting baselines a schema with findings,
// rewrites it with tabs, its keys in another order and a new property
// inserted above the others, lints it again and checks that only the
// findings of the new property remain, and that the baseline matched in
// full.
func TestBaselineSurvivesReformatting(t *testing.T) {
	src, err := os.ReadFile("../examples/appointment-booked.json")
	if err != nil {
		t.Fatal(err)
	}
	const name = "triggers/appointment-booked.json"
	before := lintBytes(t, name, src)
	if len(before) < 5 {
		t.Fatalf("want a schema with findings, got %d", len(before))
	}
	var buf bytes.Buffer
	if err := findings.WriteBaseline(&buf, before); err != nil {
		t.Fatal(err)
	}
	base, err := findings.ReadBaseline(bytes.NewReader(buf.Bytes()), "baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Findings) != len(before) {
		t.Fatalf("baseline holds %d findings, want %d", len(base.Findings), len(before))
	}

	// Reformat: decode into maps (encoding/json writes map keys sorted,
	// which reorders them), add a property that sorts first, indent with
	// tabs.
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	doc["properties"].(map[string]any)["aaa_new_field"] = map[string]any{"type": "string"}
	out, err := json.MarshalIndent(doc, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(out, src) || !bytes.Contains(out, []byte("\n\t\t\"aaa_new_field\"")) {
		t.Fatalf("reformatting did not change the layout:\n%s", out)
	}
	after := lintBytes(t, "./triggers//appointment-booked.json", out)
	var moved int
	for _, f := range after {
		for _, g := range before {
			if f.Rule == g.Rule && f.Pointer == g.Pointer && f.Line != g.Line {
				moved++
				break
			}
		}
	}
	if moved == 0 {
		t.Fatal("no finding changed line: the test proves nothing")
	}

	kept, stale := findings.ApplyBaseline(after, base)
	if stale != 0 {
		t.Errorf("stale = %d, want 0", stale)
	}
	if len(kept) == 0 {
		t.Fatal("the new property's finding is gone")
	}
	for _, f := range kept {
		if !strings.HasPrefix(f.Pointer, "/properties/aaa_new_field") {
			t.Errorf("kept %s, want only findings of the new property", findings.FormatText(f))
		}
	}

	// Fixing a baselined finding leaves its entry stale.
	fixed := after[:0:0]
	for _, f := range after {
		if f.Rule != "TK5003" {
			fixed = append(fixed, f)
		}
	}
	if _, stale := findings.ApplyBaseline(fixed, base); stale != 1 {
		t.Errorf("after fixing the TK5003 finding, stale = %d, want 1", stale)
	}
}

// TestBaselineOccurrences checks that findings alike in everything but
// position are told apart by their order: one more than the baseline
// holds is reported, one fewer leaves an entry stale.
func TestBaselineOccurrences(t *testing.T) {
	f := findings.Finding{File: "a.json", Line: 3, Pointer: "/x", Rule: "TK1001", Severity: findings.Error, Message: "trailing comma at 3:4"}
	g := f
	g.Line, g.Message = 9, "trailing  comma at 9:12"
	base := findings.NewBaseline([]findings.Finding{f, g})
	if len(base.Findings) != 2 || base.Findings[0].Fingerprint == base.Findings[1].Fingerprint {
		t.Fatalf("baseline = %+v, want two fingerprints", base.Findings)
	}
	h := f
	h.Line = 20
	kept, stale := findings.ApplyBaseline([]findings.Finding{f, g, h}, base)
	if len(kept) != 1 || kept[0].Line != 20 || stale != 0 {
		t.Errorf("three alike: kept %+v, stale %d; want the third, 0", kept, stale)
	}
	kept, stale = findings.ApplyBaseline([]findings.Finding{g}, base)
	if len(kept) != 0 || stale != 1 {
		t.Errorf("one alike: kept %+v, stale %d; want none, 1", kept, stale)
	}
}

// TestBaselineSkipsSuppressed checks that suppressed findings are not
// recorded and do not consume entries.
func TestBaselineSkipsSuppressed(t *testing.T) {
	f := findings.Finding{File: "a.json", Pointer: "/x", Rule: "TK3003", Message: "m"}
	s := f
	s.Suppressed = &findings.Suppression{Kind: findings.Ignored, Reason: "r"}
	if b := findings.NewBaseline([]findings.Finding{s, f}); len(b.Findings) != 1 || b.Findings[0].Fingerprint != findings.Fingerprint(f, 0) {
		t.Errorf("baseline = %+v, want only the counted finding as occurrence 0", b.Findings)
	}
	base := findings.NewBaseline([]findings.Finding{f})
	kept, stale := findings.ApplyBaseline([]findings.Finding{s, f}, base)
	if len(kept) != 1 || kept[0].Suppressed == nil || stale != 0 {
		t.Errorf("kept %+v, stale %d; want the suppressed finding kept, 0", kept, stale)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"version", `{"version": 2, "findings": []}`, "baseline b.json: got version 2, want 1"},
		{"unknown field", `{"version": 1, "findings": [], "extra": 1}`, `baseline b.json: json: unknown field "extra"`},
		{"no fingerprint", `{"version": 1, "findings": [{"rule": "TK1"}]}`, "baseline b.json: finding 0 has no fingerprint"},
		{"two values", `{"version": 1, "findings": []} {}`, "baseline b.json: more than one JSON value"},
		{"not JSON", `nope`, "baseline b.json: invalid character 'o' in literal null (expecting 'u')"},
	}
	for _, tt := range tests {
		_, err := findings.ReadBaseline(strings.NewReader(tt.src), "b.json")
		var be *findings.BaselineError
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		} else if !asBaselineError(err, &be) || be.Name != "b.json" {
			t.Errorf("%s: err = %#v, want a *BaselineError", tt.name, err)
		}
	}
}

func asBaselineError(err error, target **findings.BaselineError) bool {
	be, ok := err.(*findings.BaselineError)
	*target = be
	return ok
}

// BenchmarkApplyBaseline matches 1,000, 10,000 and 100,000 findings against
// a baseline of the same size: the cost grows linearly.
func BenchmarkApplyBaseline(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		fs := make([]findings.Finding, n)
		for i := range fs {
			fs[i] = findings.Finding{File: "triggers/t" + strconv.Itoa(i%50) + ".json", Line: i, Pointer: "/properties/p" + strconv.Itoa(i/50),
				Rule: "TK3003", Severity: findings.Warning, Message: `missing "description"`}
		}
		base := findings.NewBaseline(fs)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if kept, stale := findings.ApplyBaseline(fs, base); len(kept) != 0 || stale != 0 {
					b.Fatal(len(kept), stale)
				}
			}
		})
	}
}
