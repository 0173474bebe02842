package validate

import (
	"encoding/binary"

	"github.com/triggerkit/triggerkit/schema"
)

// spanList is a list of spans that keeps its first entries inline: as
// many as a valid request has root keys.
type spanList struct {
	n      int
	inline [4]keySpan
	more   []keySpan
}

// keySpan is a root key and, when it is a field of some call, the call
// kinds that define it.
type keySpan struct {
	schema.Span
	kinds uint8 // bit k set: fieldsOf(k) has the key
}

func (l *spanList) add(s keySpan) {
	if l.n < len(l.inline) {
		l.inline[l.n] = s
	} else {
		l.more = append(l.more, s)
	}
	l.n++
}

func (l *spanList) at(i int) keySpan {
	if i < len(l.inline) {
		return l.inline[i]
	}
	return l.more[i-len(l.inline)]
}

// textIndex maps texts to the index of their first item: a list while it
// is short, a map past that.
type textIndex struct {
	n      int
	inline [16]struct {
		text string
		i    int
	}
	set map[string]int
}

// first returns the index recorded for text, or records i and returns -1.
func (t *textIndex) first(text string, i int) int {
	if t.set != nil {
		if j, ok := t.set[text]; ok {
			return j
		}
		t.set[text] = i
		return -1
	}
	for _, e := range t.inline[:t.n] {
		if e.text == text {
			return e.i
		}
	}
	if t.n < len(t.inline) {
		t.inline[t.n].text, t.inline[t.n].i = text, i
		t.n++
		return -1
	}
	t.set = make(map[string]int, 2*len(t.inline))
	for _, e := range t.inline {
		t.set[e.text] = e.i
	}
	t.set[text] = i
	return -1
}

// keyNames holds the keys of one object, to find duplicates: a valid
// request has few keys that objKeys does not recognise.
type keyNames struct {
	n      int
	inline [4]string
	set    map[string]struct{}
}

// add adds a key and reports whether the object had it already.
func (k *keyNames) add(name string) bool {
	if k.set != nil {
		if _, ok := k.set[name]; ok {
			return true
		}
		k.set[name] = struct{}{}
		return false
	}
	for _, e := range k.inline[:k.n] {
		if e == name {
			return true
		}
	}
	if k.n < len(k.inline) {
		k.inline[k.n] = name
		k.n++
		return false
	}
	k.set = make(map[string]struct{}, 2*len(k.inline))
	for _, e := range k.inline {
		k.set[e] = struct{}{}
	}
	k.set[name] = struct{}{}
	return false
}

// The names the request scan recognises, by id: the fields of the calls
// and of the idempotency object. fOther is any other name.
const (
	fOther uint8 = iota
	fTriggerKey
	fPayload
	fEntityID
	fIdempotency
	fEventsInfo
	fEntityIDs
	fKey
	fTTL
)

// fieldNames lists the names by id.
var fieldNames = [...]string{"", "triggerKey", "payload", "externalEntityId", "idempotency", "eventsInfo", "externalEntityIds", "key", "ttlInMilliseconds"}

// fieldID returns the id of a decoded key.
func fieldID(name string) uint8 {
	switch name {
	case "triggerKey":
		return fTriggerKey
	case "payload":
		return fPayload
	case "externalEntityId":
		return fEntityID
	case "idempotency":
		return fIdempotency
	case "eventsInfo":
		return fEventsInfo
	case "externalEntityIds":
		return fEntityIDs
	case "key":
		return fKey
	case "ttlInMilliseconds":
		return fTTL
	}
	return fOther
}

// idKinds returns the kinds whose calls define the root field id, as bits
// (bit k set: fieldsOf(k) has its name).
func idKinds(id uint8) uint8 {
	const report, cancel, bulkReport, bulkCancel = 1 << KindReport, 1 << KindCancel, 1 << KindBulkReport, 1 << KindBulkCancel
	switch id {
	case fTriggerKey:
		return report | cancel | bulkReport | bulkCancel
	case fPayload, fIdempotency:
		return report
	case fEntityID:
		return report | cancel
	case fEventsInfo:
		return bulkReport
	case fEntityIDs:
		return bulkCancel
	}
	return 0
}

// knownKey returns the id of the name whose quoted key b starts with,
// written plainly, or fOther: a key that matches needs no string scan.
func knownKey(b []byte) uint8 {
	if len(b) < 5 {
		return fOther
	}
	var id uint8
	switch b[1] {
	case 't':
		id = fTriggerKey
		if b[2] == 't' {
			id = fTTL
		}
	case 'p':
		id = fPayload
	case 'e':
		id = fEntityID
		if b[2] == 'v' {
			id = fEventsInfo
		} else if len(b) > 18 && b[17] == 's' {
			id = fEntityIDs
		}
	case 'i':
		id = fIdempotency
	case 'k':
		id = fKey
	default:
		return fOther
	}
	if len(b) >= 24 {
		// The quoted name, compared as three words.
		w := &quotedWords[id]
		if (binary.LittleEndian.Uint64(b)^w.w[0])&w.m[0]|(binary.LittleEndian.Uint64(b[8:])^w.w[1])&w.m[1]|
			(binary.LittleEndian.Uint64(b[16:])^w.w[2])&w.m[2] != 0 {
			return fOther
		}
		return id
	}
	name := fieldNames[id]
	if len(b) < len(name)+2 || b[0] != '"' || b[len(name)+1] != '"' || string(b[1:len(name)+1]) != name {
		return fOther
	}
	return id
}

// quotedWords holds each name of fieldNames quoted, as three
// little-endian words and the masks of the bytes it fills.
var quotedWords = func() (t [len(fieldNames)]struct{ w, m [3]uint64 }) {
	for id, name := range fieldNames {
		q := `"` + name + `"`
		for i := 0; i < len(q); i++ {
			t[id].w[i/8] |= uint64(q[i]) << (8 * (i % 8))
			t[id].m[i/8] |= 0xff << (8 * (i % 8))
		}
	}
	return t
}()

// objKeys holds the keys of one object, to find duplicates: the
// recognised names as bits, the others by name.
type objKeys struct {
	known uint16
	names keyNames
}

// add adds a key and reports whether the object had it already.
func (k *objKeys) add(id uint8, name string) bool {
	if id != fOther {
		bit := uint16(1) << id
		dup := k.known&bit != 0
		k.known |= bit
		return dup
	}
	return k.names.add(name)
}
