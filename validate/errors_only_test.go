package validate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestValidateErrorsMatchesValidate checks that ValidateErrors gives what
// Validate's Errors gives, byte for byte, on payloads that mix errors and
// warnings in every order, under caps that the warnings fill: the
// warnings it does not describe still take their place under the cap.
func TestValidateErrorsMatchesValidate(t *testing.T) {
	ex := examplePayload(t, "../testdata/schemas/order-13.json")
	var keys []string
	for k := range ex {
		keys = append(keys, k)
	}
	bad := map[string]string{"orderNumber": `"x"`, "status": `5`, "total": `{"value":1}`, "paidAt": `"yesterday"`, "customerEmail": `"nobody"`, "lineItems": `[{"quantity":"2"}]`, "contactId": `"x"`}
	r := rand.New(rand.NewPCG(3, 4))
	var payloads []string
	for range 300 {
		var ms []string
		for _, k := range r.Perm(len(keys)) {
			name := keys[k]
			switch r.IntN(5) {
			case 0:
				continue // missing: an error when required
			case 1:
				if v, ok := bad[name]; ok {
					ms = append(ms, fmt.Sprintf("%q:%s", name, v))
					continue
				}
			case 2:
				ms = append(ms, fmt.Sprintf("%q:%s", strings.ToUpper(name[:1])+name[1:], ex[name])) // a key in the wrong case: a warning
			}
			ms = append(ms, fmt.Sprintf("%q:%s", name, ex[name]))
			for range r.IntN(3) {
				ms = append(ms, fmt.Sprintf(`"extra%d":%d`, r.IntN(1000), r.IntN(9))) // undeclared: warnings
			}
		}
		payloads = append(payloads, "{"+strings.Join(ms, ",")+"}")
	}
	payloads = append(payloads, `[]`, `{`, `{"a":1,"a":2}`, ``)
	clock := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	for _, max := range []int{-1, 0, 1, 2, 3, 5, 8} {
		v := orderValidator(t, &Options{Now: clock, MaxViolations: max})
		for _, p := range payloads {
			want := v.Validate([]byte(p)).Errors()
			if got := v.ValidateErrors([]byte(p)); !reflect.DeepEqual(got, want) {
				t.Fatalf("max %d, payload %s:\nValidate's errors:\n%s\nValidateErrors:\n%s", max, p, dump(want), dump(got))
			}
		}
	}
}
