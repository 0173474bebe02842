package config

import _ "embed"

//go:embed schema.json
var schemaText string

// SchemaURL is the $id of the JSON Schema that Schema returns.
const SchemaURL = "https://github.com/triggerkit/triggerkit/blob/main/config/schema.json"

// Schema returns a JSON Schema (draft-07) of the config file, for editors
// (yaml-language-server reads it from a "# yaml-language-server: $schema="
// comment). Its keys are tested to be those Parse accepts.
func Schema() []byte { return []byte(schemaText) }
