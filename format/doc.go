// Package format writes a trigger payload schema in one canonical layout, as
// gofmt does for Go: [Source] takes a schema file's bytes and returns them
// laid out the one way, with the same meaning.
//
// # Canonical layout
//
// Key order. The members of a schema object (the root, each value of
// "properties", the value of "items" when it is an object, and each object
// in "oneOf": the schema objects that [schema.Build] models) come in this
// order:
//
//	$schema, $id,
//	type,
//	title, description, format, identityType, futureDate, wixCustomType,
//	$comment, deprecated, readOnly, writeOnly,   (other annotations)
//	enum, const,
//	examples, example, default,
//	items, properties, additionalProperties, oneOf, required,
//	every other key, in its original order.
//
// An option object of "oneOf" puts its value before its label: type, const,
// title, then the rest as above. Where schemagen writes the same keywords
// its order is this one, so the keys of its output are already in order.
//
// The keys inside "properties" keep their original order: it is the order
// the user chose, and the order in which the properties are shown. So do
// the keys of every object that is not a schema object: example payloads,
// defaults, const values and the values of keywords outside the dialect
// (allOf, definitions, additionalProperties as a schema, ...).
//
// White space. Two spaces of indentation; an object always has one member
// per line, written "key": value with one space after the colon; an array
// whose elements are all primitives or empty (examples, required, enum, a
// list of types) goes on one line, its elements separated by ", ", when
// that line fits in 100 columns (indentation, key and trailing comma
// included, counted in characters), and otherwise has one element per line,
// as every other array has; an empty object or array is written {} or [];
// no line ends in a space; the file ends in one newline.
//
// Values. Strings, numbers and keys are copied byte for byte from the
// source: no escape is added or removed and no number is rewritten, so
// 1.0, 1e3 and a 30-digit integer keep their text and their precision.
//
// # What is refused
//
// Source rewrites only a file that [schema.Parse] reads without any error,
// not even one it steps over (a comment, a trailing comma, a single-quoted
// string, a no-break space), that has no duplicate key, and that nests no
// deeper than [MaxDepth] levels (each level indents by two more spaces, so
// deeper input would make output that grows with the square of its depth).
// Anything else is refused with a [*FormatError] that lists the problems,
// and nothing is written: turning a broken file into a well-formed one
// would change what it means, which is a job for fixes, not for the
// formatter.
//
// Formatting never changes meaning (the document read back is the same JSON
// value, numbers compared by their text) and is idempotent: formatting
// formatted output changes no byte.
package format
