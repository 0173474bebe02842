package diff

import (
	"testing"

	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// TestMadeCustomMembersValidate is the regression test for made-up values
// of custom-type members spelled out by hand: a MONEY "value" declared as a
// plain string (no format) was given "any text", which the validator
// refuses as a MONEY value. Every member gets a value its content needs.
func TestMadeCustomMembersValidate(t *testing.T) {
	src := `{"type": "object", "properties": {
  "price": {"type": "object", "wixCustomType": "MONEY", "title": "Price",
    "properties": {"value": {"type": "string", "title": "Amount"}, "currency": {"type": "string", "title": "Currency"}},
    "required": ["value", "currency"]},
  "file": {"type": "object", "wixCustomType": "ATTACHMENT", "title": "File",
    "properties": {"fileName": {"type": "string", "title": "Name"}, "downloadUrl": {"type": "string", "title": "URL"}},
    "required": ["fileName", "downloadUrl"]}},
  "required": ["price", "file"]}`
	doc, err := schema.Load("s.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	x := &exampler{samples: map[*schema.Schema][]string{}}
	payload := x.made(doc.Root)
	v, err := validate.Compile(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res := v.Validate([]byte(payload)); len(res.Violations) > 0 {
		t.Errorf("made payload %s: %v", payload, res.Violations)
	}
}
