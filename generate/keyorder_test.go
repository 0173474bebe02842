package generate_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
)

// permutations returns every order of the members of a flat list of
// "key": value texts, as JSON objects.
func permutations(members []string) []string {
	if len(members) <= 1 {
		return []string{"{" + join(members) + "}"}
	}
	var out []string
	var rec func(done, rest []string)
	rec = func(done, rest []string) {
		if len(rest) == 0 {
			out = append(out, "{"+join(done)+"}")
			return
		}
		for i := range rest {
			next := append(append([]string{}, rest[:i]...), rest[i+1:]...)
			rec(append(append([]string{}, done...), rest[i]), next)
		}
	}
	rec(nil, members)
	return out
}

func join(ms []string) string {
	s := ""
	for i, m := range ms {
		if i > 0 {
			s += ","
		}
		s += m
	}
	return s
}

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return m
}

// TestTransformKeyOrder is the defect where --transform depended on the
// order of the keys: {"first_name":"REAL","first name":"SANITISED"} gave
// first_name: REAL, the keys swapped gave first_name: SANITISED. A key
// that follows the key rules keeps its name, whatever the order, in the
// schema, in Transform with the generated schema and in Transform with the
// schema of the samples in another order (--schema); only the other one is
// numbered.
func TestTransformKeyOrder(t *testing.T) {
	for _, c := range []struct {
		name    string
		members []string
		want    map[string]any
	}{
		{"sanitised", []string{`"first_name":"REAL"`, `"first name":"SANITISED"`},
			map[string]any{"first_name": "REAL", "first_name_2": "SANITISED"}},
		{"flattened", []string{`"a_b":"DIRECT"`, `"a":{"b":"FLAT"}`},
			map[string]any{"a_b": "DIRECT", "a_b_2": "FLAT"}},
		{"numbered name kept", []string{`"x_y":"ONE"`, `"x_y_2":"TWO"`, `"x y":"SANITISED"`},
			map[string]any{"x_y": "ONE", "x_y_2": "TWO", "x_y_3": "SANITISED"}},
		{"null keeps its name", []string{`"n":null`, `"$n":"SANITISED"`, `"m":1`},
			map[string]any{"n_2": "SANITISED", "m": float64(1)}},
		{"array", []string{`"list":[1]`, `"list ":"SANITISED"`},
			map[string]any{"list": []any{map[string]any{"value": float64(1)}}, "list_2": "SANITISED"}},
		{"custom object", []string{`"price":{"value":"1.50","currency":"USD"}`, `"price ":"SANITISED"`},
			map[string]any{"price": map[string]any{"value": "1.50", "currency": "USD"}, "price_2": "SANITISED"}},
		{"array items", []string{`"items":[{"first name":"S1","first_name":"R1"},{"first_name":"R2","first name":"S2"}]`},
			map[string]any{"items": []any{
				map[string]any{"first_name": "R1", "first_name_2": "S1"},
				map[string]any{"first_name": "R2", "first_name_2": "S2"}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			samples := permutations(c.members)
			if c.name == "array items" {
				samples = append(samples, `{"items":[{"first_name":"R1","first name":"S1"},{"first name":"S2","first_name":"R2"}]}`)
			}
			var schemas [][]byte
			for _, s := range samples {
				res := checkRoundTrip(t, generate.Options{}, []byte(s))
				schemas = append(schemas, res.JSON)
			}
			for _, schemaJSON := range schemas {
				tr, err := generate.NewTransformer(schemaJSON)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range samples {
					out, err := tr.Transform([]byte(s))
					if err != nil {
						t.Fatal(err)
					}
					if got := decode(t, out); !reflect.DeepEqual(got, c.want) {
						t.Errorf("sample %s: got %s, want %v", s, out, c.want)
					}
				}
			}
			// The schema has the same properties in every order.
			for i := range schemas {
				if got, first := propNames(decode(t, schemas[i]), ""), propNames(decode(t, schemas[0]), ""); !reflect.DeepEqual(got, first) {
					t.Errorf("the schema of %s differs from that of %s:\n%s\n%s", samples[i], samples[0], schemas[i], schemas[0])
				}
			}
		})
	}
}

// propNames lists the paths of a schema's properties, with their types,
// sorted.
func propNames(s map[string]any, path string) []string {
	var out []string
	props, _ := s["properties"].(map[string]any)
	for name, p := range props {
		ps := p.(map[string]any)
		out = append(out, path+"/"+name+":"+ps["type"].(string))
		out = append(out, propNames(ps, path+"/"+name)...)
	}
	if items, ok := s["items"].(map[string]any); ok {
		out = append(out, propNames(items, path+"/items")...)
	}
	slices.Sort(out)
	return out
}
