// Package findings is what every triggerkit check reports and how it is
// printed: the schema rules of package lint, the payload and request rules of
// package validate and the change kinds of package diff all end in the same
// [Finding], are counted in the same [Summary], are documented by the same
// catalogue [Entry] and are printed by the same writers.
//
// # Findings
//
// A [Finding] is a problem placed in a file: a file name, the line and column
// of both ends (1-based; columns count bytes, like go/token), a JSON Pointer,
// the rule ID, a [Severity], a one-line message and the URL of the rule's
// documentation. A change found by diff carries an [Example] payload. A
// finding may carry suggested fixes as data, in the manner of go/analysis's
// SuggestedFix: a [Fix] is a message and byte-span [Edit] values, which
// [ValidateEdits] checks before anyone applies them.
//
// # Catalogue
//
// An [Entry] documents one ID: a schema rule (TK1000 to TK8999), a payload or
// request rule (TK9000 to TK9999) or a change kind (TKD). [URL] gives the
// documentation address of any of them, [WriteMarkdown] writes a reference
// page (docs/rules.md, docs/payload-rules.md, docs/changes.md) and
// [WriteExplain] prints one entry as `triggerlint explain` does.
//
// # Writers
//
// [TextWriter] prints one line per finding, "file:line:col: severity: /pointer:
// message (ID)", optionally in colour, then a summary line. [JSONWriter]
// writes the JSON report document whose form the README documents. Both
// write findings as they come, so memory does not grow with the input.
// For CI there are [SARIFWriter] (SARIF 2.1.0 for code scanning, streaming),
// [GitHubWriter] (workflow command annotations and a step summary),
// [JUnitWriter] (JUnit XML, a suite per file and a case per finding) and
// [MarkdownWriter] (a report for a pull-request comment); [Fingerprint]
// identifies a finding across reformatting, for SARIF and baselines.
//
// Text output never passes a control character or a bidirectional override
// of the input to the terminal: [Escape] shows them as \u001b-style escapes.
package findings
