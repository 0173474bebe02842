package generate

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// collidingSample returns a sample of n keys that all sanitize to "a":
// "a" followed by a different run of characters that keys may not hold.
func collidingSample(n int) []byte {
	const junk = "!?.-~#$%&*+,;<=>@^|"
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"a`)
		for j := i; ; j /= len(junk) {
			b.WriteByte(junk[j%len(junk)])
			if j < len(junk) {
				break
			}
		}
		fmt.Fprintf(&b, `":%d`, i)
	}
	b.WriteByte('}')
	return []byte(b.String())
}

// TestNumberedNamesQuadratic is the regression test of the defect where
// each key whose name an earlier key of the object had taken tried every
// number from 2 up again: 20,000 keys that sanitize to one name took 13 s.
func TestNumberedNamesQuadratic(t *testing.T) {
	const n = 20000
	sample := collidingSample(n)
	g := New(Options{})
	start := time.Now()
	if err := g.Add(sample); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("adding a sample of %d keys that sanitize to one name took %v, want under 3s: the cost is not linear", n, d)
	}
	res, err := g.Schema()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(res.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Properties) != n || doc.Properties["a"] == nil || doc.Properties["a_2"] == nil || doc.Properties[fmt.Sprintf("a_%d", n)] == nil {
		t.Errorf("got %d properties, want a, a_2 ... a_%d", len(doc.Properties), n)
	}
}

// TestNumberedNamesPerObject checks that the numbers taken in one object
// of a sample leave the next object, and the next sample, free to number
// from 2 again: the items of an array, and two samples, get a_2 and a_3
// each, not higher numbers.
func TestNumberedNamesPerObject(t *testing.T) {
	g := New(Options{})
	for _, s := range []string{
		`{"a!":1,"a?":2,"a.":3,"list":[{"b!":1,"b?":2},{"b.":1,"b-":2,"b~":3}]}`,
		`{"a-":1,"a~":2,"a#":3}`,
	} {
		if err := g.Add([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := g.Schema()
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.JSON)
	for _, want := range []string{`"a"`, `"a_2"`, `"a_3"`, `"b"`, `"b_2"`, `"b_3"`} {
		if !strings.Contains(out, want+": {") {
			t.Errorf("no property %s in\n%s", want, out)
		}
	}
	for _, bad := range []string{`"a_4"`, `"b_4"`} {
		if strings.Contains(out, bad) {
			t.Errorf("property %s in\n%s", bad, out)
		}
	}
}

// BenchmarkNumberedNames adds a sample of N keys that sanitize to one
// name; its cost must grow linearly with N.
func BenchmarkNumberedNames(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		sample := collidingSample(n)
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(sample)))
			for b.Loop() {
				if err := New(Options{}).Add(sample); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
