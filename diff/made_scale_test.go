package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// requiredSchema returns an object schema of n required string
// properties p0, p1, ..., each with one example.
func requiredSchema(tb testing.TB, n int) *schema.Document {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`{"type":"object","properties":{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"p%d":{"type":"string","title":"P","examples":["x%d"]}`, i, i)
	}
	b.WriteString(`},"required":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"p%d"`, i)
	}
	b.WriteString(`]}`)
	doc, err := schema.Load("s.json", []byte(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestMadeRequiredQuadratic is the regression test of the defect where
// the sample made for an object put each required property's value into
// it with a search of the keys put before: the sample of an object of
// 100,000 required properties took 11 s.
func TestMadeRequiredQuadratic(t *testing.T) {
	const n = 100000
	doc := requiredSchema(t, n)
	x := &exampler{samples: map[*schema.Schema][]string{}}
	start := time.Now()
	text := x.made(doc.Root)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("made with %d required properties took %v, want under 3s: the cost is not linear", n, d)
	}
	v := x.parse(text)
	if len(v.keys) != n || v.keys[n-1] != fmt.Sprintf("p%d", n-1) || v.vals[n-1].raw != fmt.Sprintf(`"x%d"`, n-1) {
		t.Fatalf("the sample has %d keys, want %d", len(v.keys), n)
	}
	if got := v.textOf(); got != text {
		t.Errorf("the sample kept for the text writes %.60q..., want %.60q...", got, text)
	}
}

// TestMadeRequiredListedTwice checks that a property required twice is
// in the made sample once, in its first place, as parsing the text finds
// it.
func TestMadeRequiredListedTwice(t *testing.T) {
	doc, err := schema.Load("s.json", []byte(`{"type":"object","properties":{"a":{"type":"string","examples":["x"]},"b":{"type":"integer"}},"required":["a","b","a"]}`))
	if err != nil {
		t.Fatal(err)
	}
	x := &exampler{samples: map[*schema.Schema][]string{}}
	text := x.made(doc.Root)
	if want := `{"a":"x","b":3,"a":"x"}`; text != want {
		t.Fatalf("made %s, want %s", text, want)
	}
	kept := x.parse(text)
	parsed, ok := parseJSON(text)
	if !ok || kept.textOf() != parsed.textOf() || kept.textOf() != `{"a":"x","b":3}` {
		t.Errorf("the value kept for %s writes %s, parsing it gives %s", text, kept.textOf(), parsed.textOf())
	}
}

// BenchmarkMadeRequired makes the sample of an object of N required
// properties; its cost must grow linearly with N.
func BenchmarkMadeRequired(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			doc := requiredSchema(b, n)
			b.ResetTimer()
			for b.Loop() {
				x := &exampler{samples: map[*schema.Schema][]string{}}
				x.made(doc.Root)
			}
		})
	}
}

// TestMendRequiredQuadratic is the regression test of the defect where
// mending a payload that lacks N required keys of one object, which a
// validator reports as N violations, looked for every missing key again
// at each violation, and put each key in with a search of the keys before
// it: 20,000 missing keys took 60 s, and a Compare that makes 1,000
// properties required took 20 s.
func TestMendRequiredQuadratic(t *testing.T) {
	const n = 20000
	doc := requiredSchema(t, n)
	x := &exampler{root: [2]*schema.Schema{doc.Root, doc.Root}, look: &lookup{},
		samples: map[*schema.Schema][]string{}, parsed: map[string]*jv{}}
	errs := make([]validate.Violation, n)
	for i := range errs {
		name := fmt.Sprintf("p%d", i)
		errs[i] = validate.Violation{Pointer: "", Rule: validate.RuleRequired, Key: name,
			Message: fmt.Sprintf("missing required property %q", name)}
	}
	p := &jv{kind: 'o'}
	start := time.Now()
	x.mend(p, errs, "", New, map[string]bool{})
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("mending %d missing keys took %v, want under 3s: the cost is not linear", n, d)
	}
	if len(p.keys) != n || p.keys[n-1] != fmt.Sprintf("p%d", n-1) {
		t.Fatalf("the payload has %d keys, want %d", len(p.keys), n)
	}
	if got, want := p.text("/p7"), `"x7"`; got != want {
		t.Errorf("p7 is %s, want %s", got, want)
	}
}

// TestMendRequiredNested checks that mending gives a nested object the
// required key it lacks and mends a wrong value in it, the violations
// taken in order.
func TestMendRequiredNested(t *testing.T) {
	doc, err := schema.Load("s.json", []byte(`{"type":"object","properties":{
		"a":{"type":"object","properties":{"b":{"type":"string","examples":["x"]},"c":{"type":"integer"}},"required":["b","c"]}},
		"required":["a"]}`))
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.Compile(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := &exampler{v: [2]*validate.Validator{v, v}, root: [2]*schema.Schema{doc.Root, doc.Root}, look: &lookup{},
		samples: map[*schema.Schema][]string{}, parsed: map[string]*jv{}}
	p, _ := parseJSON(`{"a":{"c":"no"}}`)
	p = p.shallow()
	body := x.encode(p)
	errs := x.errors(New, body)
	if !x.mend(p, errs, "", New, nil) {
		t.Fatalf("mend gave up on %s (%v)", body, errs)
	}
	if got, want := string(x.encode(p)), `{"a":{"c":3,"b":"x"}}`; got != want {
		t.Errorf("mended into %s, want %s", got, want)
	}
}

// BenchmarkMendRequired mends a payload that lacks the N required keys of
// its root; its cost must grow linearly with N.
func BenchmarkMendRequired(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			doc := requiredSchema(b, n)
			errs := make([]validate.Violation, n)
			for i := range errs {
				errs[i] = validate.Violation{Rule: validate.RuleRequired, Key: fmt.Sprintf("p%d", i)}
			}
			b.ResetTimer()
			for b.Loop() {
				x := &exampler{root: [2]*schema.Schema{doc.Root, doc.Root}, look: &lookup{},
					samples: map[*schema.Schema][]string{}, parsed: map[string]*jv{}}
				x.mend(&jv{kind: 'o'}, errs, "", New, map[string]bool{})
			}
		})
	}
}

// TestMendRequiredListedTwice checks that mending gives an object each key
// its schema requires once, however often "required" lists it, below
// and past the count of keys where those put in are looked up in a set.
func TestMendRequiredListedTwice(t *testing.T) {
	for _, n := range []int{3, 40} {
		var names []string
		for i := range n {
			names = append(names, fmt.Sprintf(`"k%d"`, i))
		}
		list := strings.Join(names, ",")
		props := strings.ReplaceAll(list, `",`, `":{"type":"integer"},`) + `:{"type":"integer"}`
		doc, err := schema.Load("s.json", []byte(`{"type":"object","properties":{"o":{"type":"object","properties":{`+props+`},"required":[`+list+","+list+`]}},"required":["o"]}`))
		if err != nil {
			t.Fatal(err)
		}
		x := &exampler{root: [2]*schema.Schema{doc.Root, doc.Root}, look: &lookup{},
			samples: map[*schema.Schema][]string{}, parsed: map[string]*jv{}}
		p, _ := parseJSON(`{"o":{}}`)
		p = p.shallow()
		x.mend(p, []validate.Violation{{Pointer: "/o", Rule: validate.RuleRequired, Key: "k0"}}, "", New, nil)
		o := p.get("/o")
		if len(o.keys) != n || len(o.members) != n || len(o.vals) != n || o.keys[n-1] != fmt.Sprintf("k%d", n-1) {
			t.Errorf("n=%d: the object got %d keys (%s), want %d", n, len(o.keys), o.textOf(), n)
		}
	}
}
