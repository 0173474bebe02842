package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

// pairRenamesPairwise is the pairing as a search of the removed properties
// for each added one: the definition pairRenames must keep.
func pairRenamesPairwise(removed, added []*schema.Property) map[*schema.Property]*schema.Property {
	sameShape := func(o, n *schema.Schema) bool {
		if o == nil || n == nil {
			return false
		}
		return typeText(o) == typeText(n) && o.FormatName() == n.FormatName() && o.CustomType() == n.CustomType()
	}
	sameIdentity := func(op, np *schema.Property) bool {
		if squash(op.Name) == squash(np.Name) {
			return true
		}
		o, n := op.Schema, np.Schema
		same := func(a, b *schema.Member) bool { return a != nil && b != nil && canon(a.Value) == canon(b.Value) }
		return same(o.Title, n.Title) || same(o.Description, n.Description) || same(o.Examples, n.Examples)
	}
	out := map[*schema.Property]*schema.Property{}
	used := map[*schema.Property]bool{}
	for _, np := range added {
		for _, op := range removed {
			if used[op] || !sameShape(op.Schema, np.Schema) || !sameIdentity(op, np) {
				continue
			}
			out[np] = op
			used[op] = true
			break
		}
	}
	return out
}

// randomProps returns an object schema's properties drawn from a small
// set of types, formats, titles, descriptions and examples, so that many
// properties share some of them and not others.
func randomProps(t *testing.T, r *rand.Rand, prefix string, n int) []*schema.Property {
	t.Helper()
	types := []string{`"string"`, `"integer"`, `["string","null"]`, `["null","string"]`}
	var b strings.Builder
	b.WriteString(`{"type":"object","properties":{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		// Keys that squash alike: "Order-ID3" and "order_id3".
		name := fmt.Sprintf("%s%d", prefix, r.IntN(6))
		if r.IntN(2) == 0 {
			name = strings.ToUpper(name) + "-"
		}
		fmt.Fprintf(&b, `"%s_%d":{"type":%s`, name, i, types[r.IntN(len(types))])
		if r.IntN(3) == 0 {
			b.WriteString(`,"format":"uuid"`)
		}
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, `,"title":"T%d"`, r.IntN(4))
		}
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, `,"description":"D%d"`, r.IntN(4))
		}
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, `,"examples":[{"b":%d,"a":1}]`, r.IntN(3))
		}
		b.WriteByte('}')
	}
	b.WriteString(`}}`)
	doc, err := schema.Load("s.json", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return doc.Root.Props
}

// TestPairRenamesMatchesPairwiseSearch holds the indexed pairing to the
// pairwise search it replaces: the same pairs, in every case.
func TestPairRenamesMatchesPairwiseSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pairs := 0
	for round := range 300 {
		removed := randomProps(t, r, "old", r.IntN(30))
		added := randomProps(t, r, "new", r.IntN(30))
		got, want := pairRenames(removed, added), pairRenamesPairwise(removed, added)
		if len(got) != len(want) {
			t.Fatalf("round %d: got %d pairs, want %d", round, len(got), len(want))
		}
		pairs += len(want)
		for np, op := range want {
			if got[np] != op {
				t.Fatalf("round %d: %s paired with %v, want %s", round, np.Name, got[np], op.Name)
			}
		}
	}
	if pairs < 1000 {
		t.Fatalf("only %d pairs in all rounds; the cases do not exercise the pairing", pairs)
	}
	t.Logf("%d pairs", pairs)
}

// TestRenameDetectionQuadratic is the defect where diff searched every
// removed property for each added one (4,000 renames took 15 s): 20,000
// renamed properties are paired, in opposite orders, each with its own.
func TestRenameDetectionQuadratic(t *testing.T) {
	const n = 20000
	od, nd := renamedSchemas(t, n)
	got := pairRenames(od.Root.Props, nd.Root.Props)
	if len(got) != n {
		t.Fatalf("got %d pairs, want %d", len(got), n)
	}
	for i, np := range nd.Root.Props {
		if want := fmt.Sprintf("old_%d", n-1-i); got[np].Name != want {
			t.Fatalf("%s paired with %s, want %s", np.Name, got[np].Name, want)
		}
	}
}
