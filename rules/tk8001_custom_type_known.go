package rules

import (
	"fmt"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// CustomTypeKnown checks wixCustomType values.
var CustomTypeKnown = &lint.Rule{
	ID:       "TK8001",
	Name:     "custom-type-known",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "WixCustomType is one documented for apps",
		Text: `The custom types documented for apps are MONEY, ATTACHMENT, ORDER_ID and IMAGE_URL.
ORDER_PAYMENT_ID, RECEIPT_ID, RECEIPT_PRESET_ID, FIELDS and RECEIPT appear only on Wix's own triggers (a
warning). Anything else is an error.`,
		Bad:    `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "PRICE", "title": "Price"}}}`,
		Good:   `{"type": "object", "properties": {"price": {"type": "object", "wixCustomType": "MONEY", "title": "Price"}}}`,
		Source: "spec rule 68 and decision 8; Wix: The Trigger Payload Schema, Wix skills docs",
		Fix:    `Writes a custom type spelled with other case or punctuation ("image_url", "Money") as the documented one, when the property already has that custom type's type, format and members.`,
	},
	Run: func(pass *lint.Pass) error {
		for _, s := range pass.Doc.AllSchemas() {
			m := s.WixCustomType
			if m == nil {
				continue
			}
			v := m.Value
			c, known := schema.LookupCustomTypeHead(v.Text)
			if v.Kind == schema.String && known && !c.Internal {
				continue
			}
			documented := schema.CustomTypeNames(false)
			switch {
			case v.Kind != schema.String:
				pass.ReportValue(m, `"wixCustomType" is %s, want %s`, kindOf(v), orList(documented))
			case known && !c.Internal:
			case known:
				pass.Report(lint.Diagnostic{Severity: lint.Warning, Pointer: v.Pointer(), Span: v.Span,
					Message: "wixCustomType " + show(v) + " is used only by Wix's own triggers"})
			case schema.FoldMatch(documented, v.Text) != "":
				want := schema.FoldMatch(documented, v.Text)
				pass.Report(lint.Diagnostic{Pointer: v.Pointer(), Span: v.Span, Fixes: customTypeFix(s, v, want),
					Message: fmt.Sprintf("unknown wixCustomType %s; custom types are upper case: want %q", show(v), want)})
			case spelledLike(documented, v.Text) != "":
				want := spelledLike(documented, v.Text)
				pass.Report(lint.Diagnostic{Pointer: v.Pointer(), Span: v.Span, Fixes: customTypeFix(s, v, want),
					Message: fmt.Sprintf("unknown wixCustomType %s; want %q", show(v), want)})
			default:
				pass.ReportValue(m, "unknown wixCustomType %s; want %s", show(v), orList(documented))
			}
		}
		return nil
	},
}

// customTypeFix is the fix that writes a misspelt custom type as want, when
// the schema already has want's shape: its type and format, and for an
// object type each of its members, required where the type requires them.
// Where it has not, the spelling is likely but the custom type is not
// certain, and there is no fix.
func customTypeFix(s *schema.Schema, v *schema.Node, want string) []findings.Fix {
	ct, ok := schema.LookupCustomType(want)
	if !ok || s.TypeName() != ct.Type || (ct.Type != "object" && s.FormatName() != ct.Format) {
		return nil
	}
	for _, m := range ct.Members {
		if s.Prop(m.Name) == nil || (m.Required && !s.IsRequired(m.Name)) {
			return nil
		}
	}
	return fixes(replaceValue("write the custom type as "+want, v, schema.Quote(want)))
}
