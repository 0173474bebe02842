// Package validate checks trigger payloads, and Report, Cancel, Bulk Report
// and Bulk Cancel Event requests, against a trigger's payload schema before
// they are sent to Wix.
//
// [New] (or [Compile], for a parsed [schema.Document]) compiles a schema once
// into a [Validator], which is safe for concurrent use. [Validator.Validate]
// reads a payload's bytes once, builds no map, uses no regular expression and
// allocates nothing for a valid payload; [Validator.ValidateRequest] and the
// typed ValidateReport family check whole requests. Each check returns a
// [Result]: the [Violation] values found, in input order, each with an RFC
// 6901 pointer, a byte span, a TK9 rule ID and a severity. Warnings (an
// undeclared key, a futureDate in the past) do not make a payload invalid:
// Wix accepts it.
package validate
