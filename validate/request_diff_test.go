package validate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The one-pass request scan must say exactly what the parser-based
// validator said (request_oracle_test.go): the same kind and the same
// violations, pointers, offsets, rules, severities and messages, in the
// same order.

func requestValidators(tb testing.TB) []*Validator {
	tb.Helper()
	opts := &Options{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }}
	future, err := New([]byte(`{"type":"object","required":["at","contactId"],"properties":{
		"at":{"type":"string","format":"date-time","futureDate":true,"title":"At","examples":["2030-01-01T00:00:00Z"]},
		"contactId":{"type":"string","format":"uuid","identityType":"contact","title":"Contact","examples":["`+guid+`"]}}}`), opts)
	if err != nil {
		tb.Fatal(err)
	}
	capped, err := New([]byte(`{"type":"object","properties":{"n":{"type":"integer","title":"N","examples":[1]}}}`), &Options{MaxViolations: 2})
	if err != nil {
		tb.Fatal(err)
	}
	return []*Validator{orderValidator(tb, opts), future, capped}
}

var requestKinds = []Kind{KindAuto, KindReport, KindCancel, KindBulkReport, KindBulkCancel, Kind(9)}

// sameAsOracle fails when the scan and the oracle disagree on body.
func sameAsOracle(t testing.TB, v *Validator, body []byte, kind Kind) {
	t.Helper()
	ok, or := oracleValidateRequest(v, body, kind)
	gk, gr := v.ValidateRequest(body, kind)
	if ok != gk || !reflect.DeepEqual(or.Violations, gr.Violations) {
		t.Fatalf("kind %v, body %q:\noracle (%v):\n%s\nscan (%v):\n%s", kind, body, ok, dump(or.Violations), gk, dump(gr.Violations))
	}
}

func dump(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%q %d..%d %s %s %q %q\n", v.Pointer, v.Offset, v.End, v.Rule, v.Severity, v.Message, v.Key)
	}
	return b.String()
}

// requestCorpus builds valid and invalid request bodies from envelope
// pieces, in random orders and layouts, and damaged copies of some.
func requestCorpus(tb testing.TB, n int) [][]byte {
	payload := strings.TrimSpace(string(orderPayload(tb)))
	upper := strings.ToUpper("2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6")
	payloads := []string{
		payload, `{"orderId":"x"}`, `{"contactId":"` + guid + `","contactId":"x"}`, `5`, `"text"`, `[{"a":1,"a":1}]`,
		`{"a":{"b":1,"b":2},"a":3}`, `null`, `{}`, `{"at":"2999-01-01T00:00:00Z","contactId":"` + guid + `"}`,
		`{"at":"2000-01-01T00:00:00Z","contactId":"x"}`, `{"contactId":"2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6"}`,
		`{"n":"a","m":1,"o":2,"p":3}`, `{"contact\u0049d":"` + guid + `"}`, `{"contactId":5}`,
	}
	events := []string{`5`, `{}`, `[]`, `{"Payload":{}}`}
	for _, p := range payloads {
		events = append(events, `{"payload":`+p+`,"idempotency":{"key":"k"}}`,
			`{"payload":`+p+`,"externalEntityId":"x","extra":1,"extra":2}`,
			`{"externalEntityId":"`+guid+`","payload":`+p+`,"payload":{"a":1,"a":2},"idempotency":{"key":"k2","ttlInMilliseconds":"1"}}`)
	}
	pieces := []string{
		`"triggerKey":"order_paid"`, `"triggerKey":"Order Paid"`, `"triggerKey":""`, `"triggerKey":5`, `"triggerKey":{"a":1,"a":2}`,
		`"triggerKey":"a\u0041"`, `"triggerKey":"` + strings.Repeat("a", 101) + `"`, `"triggerKey":"-x"`, `"triggerKey":"order_paid"`,
		`"externalEntityId":"` + guid + `"`, `"externalEntityId":"nope"`, `"externalEntityId":"` + upper + `"`, `"externalEntityId":[1,{"q":1,"q":1}]`,
		`"externalEntityId":"\u0032c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6"`, `"externalEntityId":""`,
		`"idempotency":{"key":"k"}`, `"idempotency":{"key":""}`, `"idempotency":{"ttlInMilliseconds":"-5"}`,
		`"idempotency":{"key":"k","ttlInMilliseconds":"604800000","Key":"x"}`, `"idempotency":{"key":1}`, `"idempotency":[]`,
		`"idempotency":{"key":"k","key":"j"}`, `"idempotency":{}`, `"idempotency":{"ttlInMilliseconds":"1e3","zz":{"a":1,"a":1}}`,
		`"eventsInfo":[]`, `"eventsInfo":{}`, `"externalEntityIds":["` + guid + `","` + guid + `",3]`, `"externalEntityIds":[]`,
		`"externalEntityIds":"x"`, `"externalEntityIds":[{"a":1,"a":2},"nope"]`, `"externalEntityID":"x"`, `"foo":{"x":[{"a":1,"a":2}]}`,
		`"a~b/c":1`, `"eventsinfo":1`, `"pay\u006coad":{}`,
	}
	for _, p := range payloads {
		pieces = append(pieces, `"payload":`+p)
	}
	r := rand.New(rand.NewPCG(1, 2))
	eventList := func() string {
		k := r.IntN(4)
		if r.IntN(20) == 0 {
			k = 101
		}
		var es []string
		for range k {
			es = append(es, events[r.IntN(len(events))])
		}
		return `"eventsInfo":[` + strings.Join(es, ",") + `]`
	}
	var out [][]byte
	for range n {
		k := r.IntN(6)
		var ms []string
		for range k {
			if r.IntN(6) == 0 {
				ms = append(ms, eventList())
			} else {
				ms = append(ms, pieces[r.IntN(len(pieces))])
			}
		}
		sep, open, end := ",", "{", "}"
		if r.IntN(3) == 0 {
			sep, open, end = " ,\n  ", " \n{ ", "\n} \n"
		}
		body := open + strings.Join(ms, sep) + end
		if r.IntN(3) == 0 {
			// The compact form of the pieces, spaced out.
			body = strings.ReplaceAll(body, `":`, `" : `)
		}
		out = append(out, []byte(body))
		if r.IntN(5) == 0 {
			b := []byte(body)
			switch r.IntN(4) {
			case 0:
				b = b[:r.IntN(len(b))]
			case 1:
				i := r.IntN(len(b))
				b = append(b[:i:i], append([]byte{",}]:x\"\\ \xff"[r.IntN(9)]}, b[i:]...)...)
			case 2:
				b = append(b, "x"...)
			case 3:
				b = []byte(strings.Replace(body, "}", ",}", 1))
			}
			out = append(out, b)
		}
	}
	for _, s := range []string{``, ` `, `[]`, `"x"`, `1`, `null`, `{`, `{"triggerKey":"a",}`, "\xef\xbb\xbf{}", `{} x`, `{"a":1}{}`,
		`{"payload":{"a":1}} `, strings.Repeat("[", 10001), `{"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
		`{"payload":` + strings.Repeat(`{"a":`, 9999) + "1" + strings.Repeat("}", 9999) + `}`} {
		out = append(out, []byte(s))
	}
	return out
}

// TestRequestScanMatchesOracle compares the scan with the parser-based
// validator over the corpus, for every kind and three schemas.
func TestRequestScanMatchesOracle(t *testing.T) {
	corpus := requestCorpus(t, 3000)
	for _, v := range requestValidators(t) {
		for _, body := range corpus {
			for _, k := range requestKinds {
				sameAsOracle(t, v, body, k)
			}
		}
	}
}

// FuzzRequestScan compares the scan with the parser-based validator on
// any input.
func FuzzRequestScan(f *testing.F) {
	for i, body := range requestCorpus(f, 300) {
		f.Add(body, uint8(i%6))
	}
	vs := requestValidators(f)
	f.Fuzz(func(t *testing.T, body []byte, k uint8) {
		kind := requestKinds[int(k)%len(requestKinds)]
		for _, v := range vs {
			sameAsOracle(t, v, body, kind)
		}
	})
}
