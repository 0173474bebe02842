package generate

import "testing"

func TestTitle(t *testing.T) {
	for key, want := range map[string]string{
		"formId": "Form ID", "invoiceURL": "Invoice URL", "receipt_url": "Receipt URL", "URLPath": "URL Path",
		"addressLine2": "Address Line 2", "first_name": "First Name", "userIds": "User IDs", "SKU": "SKU",
		"dateAndTimeTbd": "Date And Time TBD", "x": "X", "2fa": "2 Fa",
	} {
		if got := Title(key); got != want {
			t.Errorf("Title(%q) = %q, want %q", key, got, want)
		}
	}
	for key, want := range map[string]string{"formId": "Form Id", "submitterId": "Submitter Id", "formName": "Form Name", "invoiceURL": "Invoice URL"} {
		if got := WixTitle(key); got != want {
			t.Errorf("WixTitle(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	for key, want := range map[string]string{
		"first name": "first_name", "last-name": "last_name", "$ne": "ne", "latitude ": "latitude", "_id": "id",
		"field:multi_choice_5734": "field_multi_choice_5734", "": "key", "é": "key", "ok_key": "ok_key", "a__b": "a__b",
	} {
		if got := Sanitize(key); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", key, got, want)
		}
	}
}
