package rules

import (
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// AttachmentShape checks ATTACHMENT properties.
var AttachmentShape = &lint.Rule{
	ID:       "TK8005",
	Name:     "attachment-shape",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title: "ATTACHMENT has fileName and a uri downloadUrl",
		Text: `An ATTACHMENT property lets users attach a file to emails: "type": "object" with a string
"fileName" and a string "downloadUrl" with "format": "uri", both required. The URL must download the file
directly.`,
		Bad: `{"type": "object", "properties": {"invoice": {"type": "object", "wixCustomType": "ATTACHMENT", "title": "Invoice",
  "properties": {"url": {"type": "string", "title": "URL"}}}}}`,
		Good: `{"type": "object", "properties": {"invoice": {"type": "object", "wixCustomType": "ATTACHMENT", "title": "Invoice",
  "properties": {"fileName": {"type": "string", "title": "File name"}, "downloadUrl": {"type": "string", "format": "uri", "title": "Download URL"}},
  "required": ["fileName", "downloadUrl"]}}}`,
		Source: "spec rule 72; Wix: The Trigger Payload Schema, Wix skills docs",
	},
	Run: func(pass *lint.Pass) error {
		var ct schema.CustomType // looked up at the first ATTACHMENT property
		for _, p := range defined(pass.Doc) {
			if p.Schema.CustomType() != "ATTACHMENT" {
				continue
			}
			if ct.Name == "" {
				ct, _ = schema.LookupCustomType("ATTACHMENT")
			}
			checkMembers(pass, p, ct)
			for _, want := range ct.Members {
				name := want.Name
				m := p.Schema.Prop(name)
				if m == nil || m.Schema == nil || m.Schema.Type == nil {
					continue
				}
				if m.Schema.TypeName() != want.Type {
					pass.ReportValue(m.Schema.Type, `ATTACHMENT %q has type %s, want %q`, name, show(m.Schema.Type.Value), want.Type)
				} else if want.Format != "" && m.Schema.FormatName() != want.Format {
					pass.ReportKey(m.Member, `ATTACHMENT %q has no "format": %q`, name, want.Format)
				}
			}
		}
		return nil
	},
}
