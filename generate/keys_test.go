package generate_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/generate"
)

const keysSample = `{"entityFqdn":"wix.forms.v4.submission","createdEvent":{"entityAsJson":"{\"submitter\":{\"contactId\":\"6bb98a18-dc53-4236-ad88-e4ab6b8de60d\",\"email\":\"ana@example.com\"},\"submittedAt\":\"2025-03-01T09:00:00Z\",\"contactName\":\"Ana\",\"lineItems\":[{\"sku\":\"A-1\"}]}"}}`

// TestUnknownKeyNamesClosest: a --contact-id, --future-date or hints key
// that names no property is refused with the output keys nearest to it,
// at most three, by edit distance, a key that ends with it counted
// nearest.
func TestUnknownKeyNamesClosest(t *testing.T) {
	for _, c := range []struct {
		opts    generate.Options
		msg     string
		closest []string
	}{
		{generate.Options{ContactID: "contactId"},
			`contact ID "contactId": no such 1st-level property; closest output keys: submitter_contactId, contactName, entityFqdn`,
			[]string{"submitter_contactId", "contactName", "entityFqdn"}},
		{generate.Options{FutureDate: "submitedAt"},
			`future date "submitedAt": no such 1st-level property; closest output keys: submittedAt, submitter_email, lineItems`,
			[]string{"submittedAt", "submitter_email", "lineItems"}},
		{generate.Options{Hints: generate.Hints{"lineItems.skus": {Title: "SKU"}}},
			`hint for lineItems.skus: no such property in the samples; closest output keys: lineItems.sku, lineItems, entityFqdn`,
			[]string{"lineItems.sku", "lineItems", "entityFqdn"}},
		{generate.Options{Hints: generate.Hints{"submitter.mail": {Title: "E-mail"}}},
			`hint for submitter.mail: no such property in the samples; closest output keys: submitter_email, submittedAt, submitter_contactId`,
			[]string{"submitter_email", "submittedAt", "submitter_contactId"}},
	} {
		g := generate.New(c.opts)
		if err := g.Add([]byte(keysSample)); err != nil {
			t.Fatal(err)
		}
		_, err := g.Schema()
		if err == nil || err.Error() != c.msg {
			t.Errorf("%+v:\n got %v\nwant %s", c.opts, err, c.msg)
			continue
		}
		var ke *generate.KeyError
		var he *generate.HintError
		switch {
		case errors.As(err, &ke):
			if !slices.Equal(ke.Closest, c.closest) {
				t.Errorf("%+v: Closest %q, want %q", c.opts, ke.Closest, c.closest)
			}
		case errors.As(err, &he):
			if !slices.Equal(he.Closest, c.closest) {
				t.Errorf("%+v: Closest %q, want %q", c.opts, he.Closest, c.closest)
			}
		default:
			t.Errorf("%+v: %T, want a *KeyError or *HintError", c.opts, err)
		}
	}
}

// TestSourcePathKeys: every option that names a property takes its
// output key, its source path and its source path without the envelope
// keys, and they name the same property.
func TestSourcePathKeys(t *testing.T) {
	var want []byte
	for _, key := range []string{"submitter_contactId", "submitter.contactId", "createdEvent.entityAsJson.submitter.contactId"} {
		g := generate.New(generate.Options{ContactID: key, FutureDate: "createdEvent.entityAsJson.submittedAt",
			Hints: generate.Hints{"lineItems[].sku": {Title: "SKU"}, "submitter.email": {Title: "E-mail"}}})
		if err := g.Add([]byte(keysSample)); err != nil {
			t.Fatal(err)
		}
		res, err := g.Schema()
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if want == nil {
			want = res.JSON
			for _, s := range []string{`"identityType": "contact"`, `"futureDate": true`, `"title": "SKU"`, `"title": "E-mail"`} {
				if !bytesContains(res.JSON, s) {
					t.Errorf("%s: the schema lacks %s:\n%s", key, s, res.JSON)
				}
			}
			continue
		}
		if string(res.JSON) != string(want) {
			t.Errorf("%s: a schema other than the output key's:\n%s", key, res.JSON)
		}
	}
}

func bytesContains(b []byte, s string) bool { return strings.Contains(string(b), s) }
