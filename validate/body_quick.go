package validate

import (
	"strconv"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// quickRun reads the body as run does when it is a report of the usual
// shape, and fills q as run would, at less cost: a root object of the
// fields of a Report Event, each once, their keys written plainly; a
// triggerKey and an externalEntityId that pass their checks as they are
// read (triggerKeyField, guidField); a payload object; an idempotency
// object of key and ttlInMilliseconds, each once, strings without escapes.
// At the first thing outside that shape it returns false, and q is to be
// read again by run; quickPayload then says whether the payload was
// validated, so that run takes its result over.
func (q *reqScan) quickRun() bool {
	if q.kind != KindAuto && q.kind != KindReport {
		return false
	}
	src := q.src
	pos := jsonscan.SkipSpace(src, 0)
	if pos >= len(src) || src[pos] != '{' {
		return false
	}
	q.root.Start, q.rep.obj.Start = pos, pos
	q.depth = 1
	pos = jsonscan.SkipSpace(src, pos+1)
	var have uint16 // the fields read, as bits of their ids
	for {
		if pos >= len(src) || src[pos] != '"' {
			return false
		}
		id, n := quickKey(src[pos:])
		if id == fOther || id > fIdempotency || have&(1<<id) != 0 {
			return false
		}
		have |= 1 << id
		if pos += n; pos < len(src) && src[pos] == ':' {
			pos++
		} else {
			if pos = jsonscan.SkipSpace(src, pos); pos >= len(src) || src[pos] != ':' {
				return false
			}
			pos++
		}
		if pos < len(src) && src[pos] <= ' ' {
			pos = jsonscan.SkipSpace(src, pos)
		}
		if pos >= len(src) {
			return false
		}
		q.pos = pos
		switch id {
		case fTriggerKey:
			if !q.triggerKeyField() {
				return false
			}
		case fEntityID:
			if !q.guidField(&q.rep.id) {
				return false
			}
		case fPayload:
			if src[pos] != '{' {
				return false
			}
			q.payload(&q.rep)
			if q.bad {
				return false
			}
		default: // fIdempotency
			if !q.quickIdempotency() {
				return false
			}
		}
		pos = q.pos
		if pos < len(src) && src[pos] <= ' ' {
			pos = jsonscan.SkipSpace(src, pos)
		}
		if pos >= len(src) {
			return false
		}
		if src[pos] == '}' {
			pos++
			break
		}
		if src[pos] != ',' {
			return false
		}
		pos = jsonscan.SkipSpace(src, pos+1)
	}
	// The kinds whose calls define every key, as run notes them key by key.
	q.allKinds = 0xff
	if have&(1<<fEntityID) != 0 {
		q.allKinds &= idKinds(fEntityID)
	}
	if have&(1<<fPayload|1<<fIdempotency) != 0 {
		q.allKinds &= idKinds(fPayload)
	}
	q.depth = 0
	q.root.End, q.rep.obj.End = pos, pos
	if pos = jsonscan.SkipSpace(src, pos); pos < len(src) {
		return false // run reports what follows
	}
	q.pos = pos
	return true
}

// quickIdempotency reads the idempotency member at q.pos as idempotency
// does when it is an object of key and ttlInMilliseconds, each at most
// once, strings without escapes; it returns false for any other value.
func (q *reqScan) quickIdempotency() bool {
	src, start := q.src, q.pos
	if src[start] != '{' {
		return false
	}
	f := &q.rep
	pos := jsonscan.SkipSpace(src, start+1)
	if pos < len(src) && src[pos] == '}' {
		pos++
	} else {
		for {
			if pos >= len(src) || src[pos] != '"' {
				return false
			}
			var fd *field
			id, n := quickKey(src[pos:])
			switch id {
			case fKey:
				fd = &f.key
			case fTTL:
				fd = &f.ttl
			default:
				return false
			}
			pos += n
			if fd.present {
				return false
			}
			if pos < len(src) && src[pos] == ':' {
				pos++
			} else {
				if pos = jsonscan.SkipSpace(src, pos); pos >= len(src) || src[pos] != ':' {
					return false
				}
				pos++
			}
			if pos < len(src) && src[pos] <= ' ' {
				pos = jsonscan.SkipSpace(src, pos)
			}
			if pos >= len(src) || src[pos] != '"' {
				return false
			}
			end, esc, c := jsonscan.String(src, pos)
			if c != jsonscan.OK || esc {
				return false
			}
			*fd = field{text: bytesString(src[pos+1 : end-1]), present: true, span: schema.Span{Start: pos, End: end}}
			pos = end
			if pos < len(src) && src[pos] <= ' ' {
				pos = jsonscan.SkipSpace(src, pos)
			}
			if pos >= len(src) {
				return false
			}
			if src[pos] == '}' {
				pos++
				break
			}
			if src[pos] != ',' {
				return false
			}
			pos = jsonscan.SkipSpace(src, pos+1)
		}
	}
	f.idem = field{present: true, kind: schema.Object, span: schema.Span{Start: start, End: pos}}
	q.pos = pos
	return true
}

// quickKey returns the id of the field of a report or of its idempotency
// object whose quoted key b starts with, and the length of the quoted key,
// or fOther: the keys quickRun reads. Each comparison is with a constant
// of at most 16 bytes, which the compiler turns into word compares.
func quickKey(b []byte) (id uint8, n int) {
	if len(b) < len(`"key"`) {
		return fOther, 0
	}
	switch b[1] {
	case 't':
		if len(b) >= len(`"triggerKey"`) && string(b[:len(`"triggerKey"`)]) == `"triggerKey"` {
			return fTriggerKey, len(`"triggerKey"`)
		}
		if len(b) >= len(`"ttlInMilliseconds"`) && string(b[:16]) == `"ttlInMillisecon` && string(b[16:19]) == `ds"` {
			return fTTL, len(`"ttlInMilliseconds"`)
		}
	case 'p':
		if len(b) >= len(`"payload"`) && string(b[:len(`"payload"`)]) == `"payload"` {
			return fPayload, len(`"payload"`)
		}
	case 'e':
		if len(b) >= len(`"externalEntityId"`) && string(b[:16]) == `"externalEntityI` && string(b[16:18]) == `d"` {
			return fEntityID, len(`"externalEntityId"`)
		}
	case 'i':
		if len(b) >= len(`"idempotency"`) && string(b[:len(`"idempotency"`)]) == `"idempotency"` {
			return fIdempotency, len(`"idempotency"`)
		}
	case 'k':
		if string(b[:len(`"key"`)]) == `"key"` {
			return fKey, len(`"key"`)
		}
	}
	return fOther, 0
}

// quickFinish is finish for a report that quickRun read, when its
// envelope has nothing to report: the violations are then the payload's.
// It returns false, having changed nothing, when finish has more to say.
func (q *reqScan) quickFinish() bool {
	f := &q.rep
	if !q.tk.present || !f.payPresent || !f.key.present || f.key.text == "" {
		return false
	}
	if t := f.ttl.text; f.ttl.present {
		if !allDigits(t) {
			return false
		}
		if n, err := strconv.ParseInt(t, 10, 64); err != nil || n <= 0 {
			return false
		}
	}
	if f.id.present {
		if c, ok := q.contactOf(f); ok && c != "" && equalFoldASCII(c, f.id.text) {
			return false
		}
	} else if q.v.futureKey != "" {
		return false
	}
	q.kind = KindReport // what detect says of a body with a payload
	q.viol = f.payViol
	return true
}
