package rules

import "github.com/triggerkit/triggerkit/lint"

// ImageURLShape checks IMAGE_URL properties.
var ImageURLShape = &lint.Rule{
	ID:       "TK8007",
	Name:     "image-url-shape",
	Severity: lint.Error,
	Since:    since,
	Doc: lint.Doc{
		Title:  "IMAGE_URL is a uri string",
		Text:   `IMAGE_URL marks an image that emails render inline: "type": "string" with "format": "uri".`,
		Bad:    `{"type": "object", "properties": {"photo": {"type": "string", "wixCustomType": "IMAGE_URL", "title": "Photo"}}}`,
		Good:   `{"type": "object", "properties": {"photo": {"type": "string", "format": "uri", "wixCustomType": "IMAGE_URL", "title": "Photo"}}}`,
		Source: "spec rule 74; Wix: The Trigger Payload Schema, Wix skills docs",
	},
	Run: func(pass *lint.Pass) error {
		for _, p := range defined(pass.Doc) {
			if p.Schema.CustomType() != "IMAGE_URL" {
				continue
			}
			checkStringFormat(pass, p.Schema, p.Schema.WixCustomType, "IMAGE_URL", "uri")
		}
		return nil
	},
}
