package validate

import (
	"reflect"
	"strings"
	"testing"
)

// fullScan is ValidateRequest without its quick path: run reads every
// body.
func fullScan(v *Validator, body []byte, kind Kind) (Kind, Result) {
	var q reqScan
	q.v, q.src, q.kind, q.evIndex = v, body, kind, -1
	q.run()
	if q.bad {
		return kind, Result{Violations: q.syntaxErrors()}
	}
	q.finish()
	if len(q.viol) > 1 {
		sortByOffset(q.viol)
	}
	return q.kind, Result{Violations: q.viol}
}

// quickReads reports whether quickRun reads body to its end, and whether
// quickFinish then finishes it.
func quickReads(v *Validator, body []byte, kind Kind) (read, finished bool) {
	var q reqScan
	q.v, q.src, q.kind, q.evIndex = v, body, kind, -1
	if !q.quickRun() {
		return false, false
	}
	return true, q.quickFinish()
}

// sameAsFullScan fails when ValidateRequest and the full scan disagree.
func sameAsFullScan(t *testing.T, v *Validator, body []byte, kind Kind) {
	t.Helper()
	fk, fr := fullScan(v, body, kind)
	gk, gr := v.ValidateRequest(body, kind)
	if fk != gk || !reflect.DeepEqual(fr.Violations, gr.Violations) {
		t.Fatalf("kind %v, body %q:\nfull scan (%v):\n%s\nValidateRequest (%v):\n%s", kind, body, fk, dump(fr.Violations), gk, dump(gr.Violations))
	}
}

// TestQuickRunReadsUsualReports checks that the usual Report Events, valid
// or not, take the quick path, in any order and layout, and that it says
// what the full scan and the oracle say.
func TestQuickRunReadsUsualReports(t *testing.T) {
	payload := strings.TrimSpace(string(orderPayload(t)))
	bad := strings.Replace(payload, `"orderNumber":10231`, `"orderNumber":"10231"`, 1)
	const tk, id, idem = `"triggerKey":"order_paid"`, `"externalEntityId":"` + guid + `"`, `"idempotency":{"key":"order-10231-paid","ttlInMilliseconds":"604800000"}`
	bodies := []string{
		`{` + tk + `,"payload":` + payload + `,` + id + `,` + idem + `}`,
		`{"payload":` + payload + `,` + idem + `,` + tk + `,` + id + `}`,
		"\n{\n  " + tk + ",\n  \"payload\" : " + payload + " ,\n  " + id + ",\n  \"idempotency\": { \"key\" : \"k\" , \"ttlInMilliseconds\" :\t\"1\" }\n}\n",
		`{` + tk + `,"payload":` + bad + `,` + id + `,` + idem + `}`,
		`{` + tk + `,"payload":` + payload + `}`,
		`{` + tk + `,"payload":{}}`,
		`{` + tk + `,"payload":` + payload + `,"idempotency":{}}`,
		`{` + tk + `,"payload":` + payload + `,"idempotency":{"key":""}}`,
		`{` + tk + `,"payload":` + payload + `,"idempotency":{"ttlInMilliseconds":"-5"}}`,
		`{` + tk + `,"payload":` + payload + `,"externalEntityId":"2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6"}`,
		`{` + tk + `,"payload":` + payload + `,"externalEntityId":"2C9D4E1F-7A3B-4C58-9E06-B1D2F3A4C5E6"}`,
		`{` + tk + `,` + idem + `}`,
		`{` + tk + `,` + id + `}`, // a Cancel Event under KindAuto
	}
	v := orderValidator(t, nil)
	for i, b := range bodies {
		body := []byte(b)
		for _, kind := range []Kind{KindAuto, KindReport} {
			read, finished := quickReads(v, body, kind)
			if !read {
				t.Errorf("kind %v: the quick path does not read %q", kind, body)
			}
			// The first four have nothing to report in their envelope.
			if finished != (i < 4) {
				t.Errorf("kind %v: quickFinish says %v of %q", kind, finished, body)
			}
			sameAsFullScan(t, v, body, kind)
			sameAsOracle(t, v, body, kind)
		}
	}
}

// TestQuickRunLeavesTheRestToRun checks that the quick path gives up on
// what it does not read, with the full scan's result, and that a payload
// it validated before giving up is taken over rather than read again.
func TestQuickRunLeavesTheRestToRun(t *testing.T) {
	payload := strings.TrimSpace(string(orderPayload(t)))
	bad := strings.Replace(payload, `"orderNumber":10231`, `"orderNumber":"10231"`, 1)
	const tk, id = `"triggerKey":"order_paid"`, `"externalEntityId":"` + guid + `"`
	bodies := []string{
		`{` + tk + `,"payload":` + bad + `,` + id + `,"extra":1}`,
		`{` + tk + `,"payload":` + bad + `,"payload":{}}`,
		`{` + tk + `,"payload":` + bad + `,` + id + `,` + id + `}`,
		`{` + tk + `,"payload":` + bad + `,"externalEntityId":"not-a-guid"}`,
		`{"triggerKey":"Order","payload":` + bad + `}`,
		`{` + tk + `,"payload":` + bad + `,"idempotency":{"key":"a\"b"}}`,
		`{` + tk + `,"payload":` + bad + `,"idempotency":{"key":1}}`,
		`{` + tk + `,"payload":` + bad + `,"idempotency":{"kee":"k"}}`,
		`{` + tk + `,"payload":` + bad + `,"idempotency":{"key":"k","key":"k"}}`,
		`{` + tk + `,"payload":` + bad + `,"idempotency":[]}`,
		`{` + tk + `,"payload":` + bad + `,"eventsInfo":[]}`,
		`{` + tk + `,"payload":` + bad + `,"externalEntityIds":[]}`,
		`{` + tk + `,"payload":` + bad + `} x`,
		`{` + tk + `,"payload":` + bad + `,}`,
		`{` + tk + `,"payload":{"orderId":}}`,
		`{"trigger\u004bey":"order_paid","payload":` + bad + `}`,
		`{` + tk + `,"payload":5}`,
		`{}`,
		`[]`,
	}
	v := orderValidator(t, nil)
	// The first body's payload has a violation, which allocates: validated
	// twice, it would cost about one more payload's allocations than the
	// full scan. (The race detector's build counts one more or one less
	// here and there, hence the margin.)
	pay := testing.AllocsPerRun(20, func() { v.Validate([]byte(bad)) })
	full := testing.AllocsPerRun(20, func() { fullScan(v, []byte(bodies[0]), KindAuto) })
	if got := testing.AllocsPerRun(20, func() { v.ValidateRequest([]byte(bodies[0]), KindAuto) }); got-full >= pay/2 {
		t.Errorf("ValidateRequest makes %v allocations, the full scan %v, a payload %v: the payload was validated twice", got, full, pay)
	}
	for _, b := range bodies {
		body := []byte(b)
		if read, _ := quickReads(v, body, KindAuto); read {
			t.Errorf("the quick path reads %q", body)
		}
		for _, kind := range requestKinds {
			sameAsFullScan(t, v, body, kind)
			sameAsOracle(t, v, body, kind)
		}
	}
}

// TestQuickKeyRecognisesEachName checks quickKey against knownKey: every
// name it reads, and no other.
func TestQuickKeyRecognisesEachName(t *testing.T) {
	for id := fTriggerKey; int(id) < len(fieldNames); id++ {
		q := `"` + fieldNames[id] + `"`
		want := id
		if id == fEventsInfo || id == fEntityIDs {
			want = fOther
		}
		for _, b := range []string{q, q + `:`, q + ` : "some value"`} {
			got, n := quickKey([]byte(b))
			if got != want || (want != fOther && (knownKey([]byte(b)) != id || n != len(q))) {
				t.Errorf("quickKey(%q) = %d, %d, want %d, %d", b, got, n, want, len(q))
			}
		}
		for _, b := range []string{q[:len(q)-1], q[:len(q)-1] + `x"`, strings.ToUpper(q), `"` + q, q[1:]} {
			if got, _ := quickKey([]byte(b)); got != fOther {
				t.Errorf("quickKey(%q) = %d, want fOther", b, got)
			}
		}
	}
}
