package events

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
)

// IdempotencyKey derives the idempotency key of a report from its trigger
// key, external entity ID and payload, so that the same event reported
// twice carries the same key and Wix ignores the second report.
//
// The key is "tk1-" followed by the first 32 hexadecimal digits (128 bits)
// of the SHA-256 of three length-prefixed fields: the trigger key, the
// external entity ID (empty when there is none) and the canonical payload.
// Each field is its length as a big-endian uint64, then its bytes, so no
// two different triples give the same input. The canonical payload is the
// payload decoded and re-encoded with object keys sorted, no whitespace,
// strings re-escaped the same way (no HTML escaping) and numbers kept as
// written: key order and whitespace do not change the key, while 1 and
// 1.0 are different payloads. A payload that is not JSON is hashed as its
// bytes.
func IdempotencyKey(triggerKey, externalEntityID string, payload []byte) string {
	h := sha256.New()
	field := func(b []byte) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	field([]byte(triggerKey))
	field([]byte(externalEntityID))
	field(canonical(payload))
	return "tk1-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// canonical re-encodes a JSON value with sorted keys and no whitespace,
// numbers as written; bytes that are not one JSON value are returned as
// they are.
func canonical(src []byte) []byte {
	d := json.NewDecoder(bytes.NewReader(src))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return src
	}
	if _, err := d.Token(); err != io.EOF {
		return src
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return src
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
