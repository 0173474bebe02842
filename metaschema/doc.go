// Package metaschema describes the trigger-schema dialect itself as a JSON
// Schema (draft-07), for editors that validate and complete JSON against a
// schema, and documents its keywords and values for hover and completion.
//
// [Build] writes the meta-schema from the dialect tables of package schema
// (the keywords, types, formats, custom types) and the Doc texts of the
// rules, which become the markdownDescription editors show on hover. It
// allows, at each level, the keywords the dialect allows there: the root,
// 1st-level properties, array items, 2nd-level properties (primitive types
// only: the two-level limit) and oneOf options. It refuses what triggerlint
// reports as an error where JSON Schema can say it, and keywords outside the
// dialect, so that an editor catches a misspelt keyword; values that
// triggerlint only warns about (JSON Schema formats the dialect does not
// document, Wix-internal custom types, "member" and "visitor") are allowed
// and described as such. docs/trigger-schema.schema.json is its output,
// kept current by a test.
//
// [Keywords], [KeywordDoc], [Values] and [ValueDoc] give the same texts to
// the language server of package lsp.
package metaschema
