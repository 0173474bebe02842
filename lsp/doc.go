// Package lsp is triggerlint's Language Server Protocol server: live
// diagnostics, hover, completion and code actions for trigger payload
// schemas, from the same engine as `triggerlint lint`.
//
// [Server.Serve] speaks LSP 3.17 over a byte stream (stdio for
// `triggerlint lsp`): JSON-RPC 2.0 messages framed by Content-Length
// headers. It lints a document when it is opened and, debounced, when it
// changes (full or incremental sync), and publishes the findings with
// their range, severity, rule ID as code and the rule's page as
// codeDescription.href; it clears them when the document is closed.
// Hover shows the documentation of a keyword, of a value of type, format,
// wixCustomType, identityType or futureDate (from package metaschema), and
// of the rules whose findings lie under the cursor. Completion offers the
// keywords allowed at the cursor's level and the values of those five
// keywords. Code actions turn each suggested fix of a finding
// (findings.Fix) into a quick fix, and offer "fix all" for the document.
// Formatting lays the document out as `triggerlint fmt` does (package
// format), as one edit.
//
// # Positions
//
// Inside triggerkit positions are byte offsets; LSP counts UTF-16 code
// units within a line. The conversion happens only here, at the protocol
// boundary, in [Text]: a character outside the Basic Multilingual Plane is
// two units, a no-break space one, an invalid UTF-8 byte one (it decodes as
// U+FFFD), and a position inside a character or past the end of its line is
// clamped, as the protocol asks.
//
// # Robustness
//
// A half-typed document is linted by the recovering parser; a panic inside a
// rule is recovered by the engine and logged as an internal error
// (window/logMessage and the server's log) while the other rules' findings
// are published; a panic in a handler answers the request with an internal
// error and the server goes on.
//
// # Why not a library
//
// go.lsp.dev/protocol (v0.12.0, March 2022, the newest on the module proxy)
// with go.lsp.dev/jsonrpc2 would bring zap, segmentio/encoding and
// go.lsp.dev/uri for the dozen types and nine methods used here, and leaves
// the UTF-16 conversion to the caller anyway. The framing is sixty lines of
// this package, the types are plain structs for encoding/json, and the
// package has no dependency outside the module.
package lsp
