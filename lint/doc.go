// Package lint is the rule engine of triggerlint: what a rule is, how rules
// run over a schema document, how their diagnostics become findings, and how
// findings are printed.
//
// # Rules
//
// A [Rule] is plain data: a stable ID with a group digit (TK3008), a short
// name, a default [Severity], a [Doc] with a bad and a good example, and a Run
// function that inspects a [Pass] and reports [Diagnostic] values. The rule
// set is checked by [Validate] before anything runs. The engine never imports
// the rules; package rules lists them.
//
// # Running
//
// [Select] turns ordered --enable and --disable toggles (IDs, names, globs) and
// severity overrides into the rules to run; [Run] runs them over one
// document. A rule's Run returns an error only for an internal failure.
//
// # Linting in one call
//
// [Bytes] and [Files] lint documents with [Options] (a rule set and a
// selection) and return a [Result]: the findings and a filled [Summary]. A
// [Linter] from [New] selects once for many calls. Rule IDs outside
// triggerkit use a prefix of their own (see [Validate]); package
// lint/linttest tests such rules and package triggerlint builds a binary
// with them.
//
// # Output
//
// [NewFinding] places a diagnostic in a file as a findings.Finding, with line
// and column numbers, which the writers of package findings print as text or
// as the JSON report that other tools consume. [Rule.Entry] is a rule's
// catalogue entry, and [WriteMarkdown] writes docs/rules.md.
package lint
