package validate

import (
	"strings"
	"testing"
)

// contactValidators are schemas whose contact key the payload scan finds
// in different ways: a declared root key (the order schema), a key the
// root does not declare (no identityType: the key ""), and a root behind
// "$ref", which the scan leaves to the second reading.
func contactValidators(t *testing.T) map[string]*Validator {
	t.Helper()
	vs := map[string]*Validator{"order": orderValidator(t, nil)}
	for name, src := range map[string]string{
		"undeclared": `{"type":"object","properties":{"n":{"type":"integer","title":"N","examples":[1]}}}`,
		"ref":        `{"$ref":"#/definitions/p","definitions":{"p":{"type":"object","properties":{"contactId":{"type":"string","identityType":"contact"}}}}}`,
		"escaped":    `{"type":"object","properties":{"contact\"Id":{"type":"string","format":"uuid","identityType":"contact","title":"C","examples":["` + guid + `"]}}}`,
	} {
		v, err := New([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		vs[name] = v
	}
	return vs
}

// TestContactNotedInPayloadScan checks that the payload's scan notes the
// contact ID as it passes, so that a report whose externalEntityId is the
// contact is found without reading the payload again, and that what it
// finds is what the parser-based validator finds: the first member of
// that name, decoded, and nothing when its value is not a string.
func TestContactNotedInPayloadScan(t *testing.T) {
	upper := strings.ToUpper(guid)
	payloads := []string{
		`{"contactId":"` + guid + `"}`,
		`{"contactId":"` + upper + `"}`,
		`{"contactId":"x","contactId":"` + guid + `"}`,
		`{"contactId":"` + guid + `","contactId":"x"}`,
		`{"contactId":5,"contactId":"` + guid + `"}`,
		`{"contact\u0049d":"` + guid + `"}`,
		`{"contactId":"\u0032c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6"}`,
		`{"a":{"contactId":"` + guid + `"},"b":[{"contactId":"` + guid + `"}]}`,
		`{"":"` + guid + `"}`,
		`{"":5,"":"` + guid + `"}`,
		`{"contact\"Id":"` + guid + `"}`,
		`{"contact\u0022Id":"` + guid + `","n":1}`,
		`{}`,
	}
	for name, v := range contactValidators(t) {
		for _, p := range payloads {
			for _, body := range []string{
				`{"triggerKey":"t","payload":` + p + `,"externalEntityId":"` + guid + `","idempotency":{"key":"k"}}`,
				`{"externalEntityId":"` + guid + `","payload":` + p + `}`,
				`{"triggerKey":"t","eventsInfo":[{"payload":` + p + `,"externalEntityId":"` + guid + `"},{"externalEntityId":"` + upper + `","payload":` + p + `}]}`,
			} {
				sameAsOracle(t, v, []byte(body), KindAuto)
			}
			var q reqScan
			body := []byte(`{"payload":` + p + `}`)
			q.v, q.src, q.kind, q.evIndex = v, body, KindAuto, -1
			q.run()
			if want := name != "ref"; q.rep.contactRead != want {
				t.Errorf("%s, payload %s: contact noted by the scan is %v, want %v", name, p, q.rep.contactRead, want)
			}
		}
	}
}

// TestRecognisedKeys checks the table the scan reads request keys by: a
// key's id names it, its kinds are the calls whose fields include it, and
// a key is recognised from its bytes only when written plainly and whole.
func TestRecognisedKeys(t *testing.T) {
	for id := range uint8(len(fieldNames)) {
		name := fieldNames[id]
		if got := fieldID(name); got != id {
			t.Errorf("fieldID(%q) = %d, want %d", name, got, id)
		}
		var want uint8
		for k := KindReport; k <= KindBulkCancel; k++ {
			if knownField(k, name) {
				want |= 1 << k
			}
		}
		if got := idKinds(id); got != want {
			t.Errorf("idKinds(%q) = %b, want %b", name, got, want)
		}
		if id == fOther {
			continue
		}
		// Short inputs are compared as text, long ones as words.
		for _, pad := range []string{"", strings.Repeat(" ", 24)} {
			if got := knownKey([]byte(`"` + name + `":1` + pad)); got != id {
				t.Errorf("knownKey of %q = %d, want %d", name+pad, got, id)
			}
			for _, b := range []string{`"` + name + `x":1`, `"` + name[:len(name)-1] + `":1`, `"` + name[:1] + `\u00` + name[1:] + `"`, `"` + name, `x` + name + `"`, `"` + name[:len(name)-1] + "\x00" + `"`} {
				if got := knownKey([]byte(b + pad)); got != fOther && fieldNames[got] != name[:len(name)-1] {
					t.Errorf("knownKey of %q = %d, want %d (not recognised)", b+pad, got, fOther)
				}
			}
		}
	}
	for _, b := range []string{``, `"`, `"e"`, `"externalEntityI"`, `"eventsInf"`, `"kex"`, `"externalEntityI"                   `, `"key"` + "\x00" + `                          `} {
		if got := knownKey([]byte(b)); got != fOther && !(got == fKey && strings.HasPrefix(b, `"key"`)) {
			t.Errorf("knownKey of %q = %d, want %d", b, got, fOther)
		}
	}
}

// TestTriggerKeyReadAsItIs checks the triggerKey read and checked in one
// step against the parser-based validator, around the length limit and
// with every kind of byte.
func TestTriggerKeyReadAsItIs(t *testing.T) {
	v := orderValidator(t, nil)
	var keys []string
	for _, n := range []int{1, 99, 100, 101, 102} {
		keys = append(keys, strings.Repeat("a", n), "_"+strings.Repeat("a", n-1), strings.Repeat("a", n-1)+"-")
	}
	keys = append(keys, "", "a_b-c9", "aB", "a b", `a\u0062`, "a\xff", "é", "-", "_", "0", "a\"")
	for _, k := range keys {
		for _, body := range []string{`{"triggerKey":"` + k + `","externalEntityId":"` + guid + `"}`, `{"triggerKey":"` + k + `"`, `{"triggerKey":"` + k} {
			sameAsOracle(t, v, []byte(body), KindAuto)
		}
	}
}
