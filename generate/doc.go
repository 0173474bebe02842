// Package generate turns sample payloads, and Go types, into trigger payload
// schemas of the Wix dialect: complete (titles, descriptions, examples,
// formats, custom types), no deeper than the dialect allows, and clean under
// the linter. Transform rewrites a payload into the shape such a schema
// expects.
//
// The shape follows from a few rules, which Generator and Transform share:
//   - keys that break the key rules are sanitised ("first name" is
//     "first_name"); a name already taken in the same object gets "_2";
//   - objects are flattened into 1st-level keys ("location_address_city"),
//     except 1st-level objects shaped like MONEY ({value, currency}) or
//     ATTACHMENT ({fileName, downloadUrl});
//   - 1st-level arrays hold objects: primitive elements become
//     {"value": element}, nested arrays are spliced in, null elements left
//     out, and objects inside items flattened the same way;
//   - an array inside an array item becomes a string: its JSON text;
//   - nulls are left out, and never decide a type.
//
// Names are numbered within each sample or payload, in the order its keys
// come: a payload that lacks one of two keys whose names collide takes the
// plain name for the other.
package generate
