// Package schema models the Wix Automations trigger payload-schema dialect and
// parses schema files with exact positions.
//
// # Parsing
//
// [Parse] reads strict JSON (RFC 8259) with an object at the root, and
// [ParseValue] any JSON value, into a tree of [Node] values. Every
// node records the byte span of its value and every object member the byte
// span of its key, both with exclusive ends, and the RFC 6901 [Pointer] that
// reaches it. Line and column numbers are worked out only when needed, from
// the [File]'s line table: both are 1-based and columns count bytes.
//
// The parser never panics and never stops at the first problem it can step
// over: no-break spaces used as indentation, comments, trailing commas,
// single-quoted strings and missing colons or commas are reported and
// skipped, so that one run shows every mistake. Duplicate keys are kept in
// the tree and listed in [File.Duplicates]. Nesting deeper than [MaxDepth] is
// an error, never a stack overflow.
//
// # The dialect
//
// [Build] turns a parsed file into a [Document]: the root [Schema], its
// properties at the first and second level, array items and oneOf options,
// with every keyword kept as the [Member] it was parsed from, so that checks
// can point at a keyword's key or at its value. Keywords outside the dialect
// are kept in [Schema.Unknown].
package schema
