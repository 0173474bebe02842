package cli

import (
	"strings"
	"testing"
)

const keysSample = `{"submitter": {"contactId": "6bb98a18-dc53-4236-ad88-e4ab6b8de60d", "email": "ana@example.com"}, "startDate": "2025-03-01T09:00:00Z", "lineItems": [{"sku": "A-1"}]}`

// TestSchemagenSourcePathFlags: --contact-id, --future-date and the hints
// take the source path of a property (dotted as --root takes it) as well
// as its output key.
func TestSchemagenSourcePathFlags(t *testing.T) {
	dir := t.TempDir()
	sample := writeTemp(t, dir, "s.json", keysSample, 0o644)
	hints := writeTemp(t, dir, "hints.json", `{"lineItems[].sku": {"title": "SKU"}, "submitter.email": {"title": "E-mail"}}`, 0o644)
	for _, args := range [][]string{
		{"--contact-id", "submitter.contactId"},
		{"--contact-id", "submitter_contactId"},
		{"--future-date", "startDate"},
		{"--hints", hints},
	} {
		out, errOut, code := runSchemagen(t, "", append([]string{"-q"}, append(args, sample)...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		want := map[string]string{"--contact-id": `"identityType": "contact"`, "--future-date": `"futureDate": true`, "--hints": `"title": "SKU"`}[args[0]]
		if !strings.Contains(out, want) {
			t.Errorf("%v: the schema lacks %s:\n%s", args, want, out)
		}
	}
}

// TestSchemagenUnknownKeyClosest: a key that names no property is an
// error (exit 2) that names the closest output keys.
func TestSchemagenUnknownKeyClosest(t *testing.T) {
	dir := t.TempDir()
	sample := writeTemp(t, dir, "s.json", keysSample, 0o644)
	hints := writeTemp(t, dir, "hints.json", `{"lineItems.skus": {"title": "SKU"}}`, 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--contact-id", "contactId"}, `contact ID "contactId": no such 1st-level property; closest output keys: submitter_contactId, startDate, lineItems`},
		{[]string{"--future-date", "startdate2"}, `future date "startdate2": no such 1st-level property; closest output keys: startDate,`},
		{[]string{"--hints", hints}, `hint for lineItems.skus: no such property in the samples; closest output keys: lineItems.sku,`},
	} {
		_, errOut, code := runSchemagen(t, "", append(c.args, sample)...)
		if code != ExitError || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}
