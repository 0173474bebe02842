// Package jsonscan is the one JSON tokenizer of the module: stateless,
// allocation-free functions over []byte, in the manner of encoding/json/v2's
// internal jsonwire.
//
// Each Consume-style function starts at an offset of the input and returns
// the offset just past what it read and a [Code]. When the Code is not [OK],
// the offset is where the problem is, and [Message] describes it for a
// person. The grammar is RFC 8259's, strictly: strings are valid UTF-8 with
// no raw control characters and only the escapes JSON defines, numbers have
// no leading zeros, '+', or bare decimal points, and objects and arrays nest
// at most [MaxDepth] deep.
//
// The recovering parser of package schema, the payload validator of package
// validate and the sample reader of package generate all read JSON through
// this package, so that they accept and refuse the same documents.
package jsonscan
