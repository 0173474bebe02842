package generate_test

import (
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
)

// TestAmbiguousContactIDIsNotGuessed is the regression test of schemagen
// setting identityType on other_contactId, "chosen among" it and
// submitter_contactId: a contact ID is connected only when the choice is
// clear (one candidate, or the one keyed plainly contactId); otherwise
// none is, and a note names the candidates and --contact-id.
func TestAmbiguousContactIDIsNotGuessed(t *testing.T) {
	const a, b = `"6bb98a18-dc53-4236-ad88-e4ab6b8de60d"`, `"2c9d4e1f-7a3b-4c58-9e06-b1d2f3a4c5e6"`
	for _, tc := range []struct {
		sample   string
		identity string // the key given identityType, or ""
		note     string
	}{
		{`{"submitter":{"contactId":` + a + `},"other":{"contactId":` + b + `}}`, "",
			"identityType not set: 2 1st-level uuids name a contact ID (submitter_contactId, other_contactId); choose one with --contact-id"},
		{`{"buyerContactId":` + a + `,"sellerContactId":` + b + `}`, "",
			"identityType not set: 2 1st-level uuids name a contact ID (buyerContactId, sellerContactId); choose one with --contact-id"},
		{`{"buyerContactId":` + a + `,"contactId":` + b + `}`, "contactId",
			"identityType contact: the key named contactId, among buyerContactId, contactId; choose another with --contact-id, or none with --no-contact-id"},
		{`{"submitter":{"contactId":` + a + `}}`, "submitter_contactId",
			"identityType contact: the only 1st-level uuid whose key names a contact ID"},
	} {
		res := checkRoundTrip(t, generate.Options{}, []byte(tc.sample))
		got := ""
		for _, n := range res.Notes {
			if strings.Contains(n.Message, "identityType") {
				got = n.Message
			}
		}
		if got != tc.note {
			t.Errorf("%s: note %q, want %q", tc.sample, got, tc.note)
		}
		s := string(res.JSON)
		if n := strings.Count(s, `"identityType": "contact"`); n != min(len(tc.identity), 1) {
			t.Errorf("%s: %d identityTypes, want them on %q:\n%s", tc.sample, n, tc.identity, s)
		} else if i := strings.Index(s, `"`+tc.identity+`": {`); tc.identity != "" && (i < 0 || !strings.Contains(s[i:i+strings.Index(s[i:], "}")], `"identityType": "contact"`)) {
			t.Errorf("%s: identityType not on %s:\n%s", tc.sample, tc.identity, s)
		}
	}
}
