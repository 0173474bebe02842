package rules

import (
	"github.com/triggerkit/triggerkit/lint"
)

// maxKeyLength is the key length above which TK2006 warns: the limit Wix
// documents for trigger keys, as no limit is documented for payload keys.
const maxKeyLength = 100

// KeyLength flags very long keys.
var KeyLength = &lint.Rule{
	ID:       "TK2006",
	Name:     "key-length",
	Severity: lint.Warning,
	Since:    since,
	Doc: lint.Doc{
		Title: "Property keys are at most 100 characters",
		Text: `Wix documents no maximum length for payload keys. Keys longer than 100 characters (the limit of
trigger keys) are unwieldy in conditions and dynamic values, and may meet an undocumented limit.`,
		Bad:    `{"type": "object", "properties": {"theDateAndTimeAtWhichTheCustomerFirstOpenedTheInvoiceEmailThatWeSentThemAfterTheyPlacedTheirOrderOnOurOnlineStore": {"type": "string", "title": "Opened"}}}`,
		Good:   `{"type": "object", "properties": {"invoiceOpenedAt": {"type": "string", "title": "Opened"}}}`,
		Source: "spec rule 18",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range pass.Doc.Properties() {
			if len(p.Name) > maxKeyLength {
				pass.ReportKey(p.Member, "property key is %d characters long, want at most %d", len(p.Name), maxKeyLength)
			}
		}
		return nil
	},
}
