package validate

import (
	"bytes"
	"strconv"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// fail records a syntax error and stops the scan.
func (q *reqScan) fail(at int, c jsonscan.Code) {
	if !q.bad {
		q.bad, q.badAt, q.badCode = true, at, c
	}
}

func (q *reqScan) ws() { q.pos = jsonscan.SkipSpace(q.src, q.pos) }

// text decodes the content of a string, src[cs:ce]. Without escapes it
// aliases the body.
func (q *reqScan) text(cs, ce int, esc bool) string {
	if !esc {
		return bytesString(q.src[cs:ce])
	}
	return string(jsonscan.AppendUnquoted(nil, q.src[cs:ce]))
}

// keyText decodes a quoted key, src[ks:ke].
func (q *reqScan) keyText(s schema.Span) string {
	raw := q.src[s.Start+1 : s.End-1]
	return q.text(s.Start+1, s.End-1, bytes.IndexByte(raw, '\\') >= 0)
}

// prefix is the pointer of the event being read, or "".
func (q *reqScan) prefix() string {
	if q.evIndex < 0 {
		return ""
	}
	if q.evPrefix == "" {
		q.evPrefix = "/eventsInfo/" + strconv.Itoa(q.evIndex)
	}
	return q.evPrefix
}

// kindAt is the JSON type of the value that starts at src[i].
func (q *reqScan) kindAt(i int) schema.Kind {
	switch q.src[i] {
	case '{':
		return schema.Object
	case '[':
		return schema.Array
	case '"':
		return schema.String
	case 't', 'f':
		return schema.Bool
	case 'n':
		return schema.Null
	}
	return schema.Number
}

// open enters the object or array at q.pos.
func (q *reqScan) open() bool {
	if q.depth >= jsonscan.MaxDepth {
		q.fail(q.pos, jsonscan.ErrTooDeep)
		return false
	}
	q.depth++
	q.pos++
	q.ws()
	return true
}

// member reads the next key of the object being read, and the colon, and
// leaves q.pos at the value. first is set before the first member. It
// returns false at the end of the object, past its "}", and on a syntax
// error.
func (q *reqScan) member(first *bool) (key schema.Span, name string, id uint8, ok bool) {
	src := q.src
	if *first {
		*first = false
		if q.pos < len(src) && src[q.pos] == '}' {
			q.pos++
			q.depth--
			return key, "", 0, false
		}
	} else {
		if q.pos < len(src) && src[q.pos] <= ' ' {
			q.ws()
		}
		switch {
		case q.pos < len(src) && src[q.pos] == ',':
			q.pos++
			if q.pos < len(src) && src[q.pos] <= ' ' {
				q.ws()
			}
		case q.pos < len(src) && src[q.pos] == '}':
			q.pos++
			q.depth--
			return key, "", 0, false
		default:
			q.fail(q.pos, jsonscan.ErrWantObjectNext)
			return key, "", 0, false
		}
	}
	if q.pos >= len(src) || src[q.pos] != '"' {
		q.fail(q.pos, jsonscan.ErrWantKey)
		return key, "", 0, false
	}
	var end int
	if id = knownKey(src[q.pos:]); id != fOther {
		name = fieldNames[id]
		end = q.pos + len(name) + 2
	} else {
		e, esc, c := jsonscan.String(src, q.pos)
		if c != jsonscan.OK {
			q.fail(e, c)
			return key, "", 0, false
		}
		end = e
		name = q.text(q.pos+1, end-1, esc)
		id = fieldID(name)
	}
	key = schema.Span{Start: q.pos, End: end}
	q.pos = end
	if end+1 < len(src) && src[end] == ':' && src[end+1] > ' ' {
		q.pos = end + 1 // compact JSON: the value follows the colon
		return key, name, id, true
	}
	q.ws()
	if q.pos >= len(src) || src[q.pos] != ':' {
		q.fail(q.pos, jsonscan.ErrWantColon)
		return key, "", 0, false
	}
	q.pos++
	q.ws()
	if q.pos >= len(src) {
		q.fail(q.pos, jsonscan.ErrWantValue)
		return key, "", 0, false
	}
	return key, name, id, true
}

// duplicateKey records a key that its object has already; rel is the
// pointer of its value below q.prefix().
func (q *reqScan) duplicateKey(key schema.Span, name, rel string) {
	q.dups = append(q.dups, Violation{Pointer: q.prefix() + rel, Offset: key.Start, End: key.End,
		Rule: RuleDuplicateKey, Severity: ruleSeverity(RuleDuplicateKey), Message: "duplicate key " + strconv.Quote(name)})
}

// walk reads the value at q.pos, checking its syntax, and records the
// duplicate keys of the objects in it; rel is its pointer below
// q.prefix(). It keeps its own stack, so that the deepest value costs no
// call stack.
func (q *reqScan) walk(rel string) {
	src := q.src
	type frame struct {
		obj   bool
		index int
		key   schema.Span
		names keyNames
	}
	var stack []*frame
	pointer := func() string {
		p := schema.Pointer(q.prefix() + rel)
		for _, f := range stack {
			if f.obj {
				p = p.Append(q.keyText(f.key))
			} else {
				p = p.AppendIndex(f.index)
			}
		}
		return string(p)
	}
	// readKey reads a key of the innermost object and its colon.
	readKey := func(f *frame) bool {
		if q.pos >= len(src) || src[q.pos] != '"' {
			q.fail(q.pos, jsonscan.ErrWantKey)
			return false
		}
		end, esc, c := jsonscan.String(src, q.pos)
		if c != jsonscan.OK {
			q.fail(end, c)
			return false
		}
		f.key = schema.Span{Start: q.pos, End: end}
		name := q.text(q.pos+1, end-1, esc)
		if f.names.add(name) {
			q.dups = append(q.dups, Violation{Pointer: pointer(), Offset: f.key.Start, End: f.key.End,
				Rule: RuleDuplicateKey, Severity: ruleSeverity(RuleDuplicateKey), Message: "duplicate key " + strconv.Quote(name)})
		}
		q.pos = end
		q.ws()
		if q.pos >= len(src) || src[q.pos] != ':' {
			q.fail(q.pos, jsonscan.ErrWantColon)
			return false
		}
		q.pos++
		q.ws()
		return true
	}
	for {
		// A value at q.pos.
		if q.pos >= len(src) {
			q.fail(q.pos, jsonscan.ErrWantValue)
			return
		}
		switch c := src[q.pos]; c {
		case '{', '[':
			if q.depth+len(stack) >= jsonscan.MaxDepth {
				q.fail(q.pos, jsonscan.ErrTooDeep)
				return
			}
			f := &frame{obj: c == '{'}
			stack = append(stack, f)
			q.pos++
			q.ws()
			if q.pos < len(src) && (f.obj && src[q.pos] == '}' || !f.obj && src[q.pos] == ']') {
				q.pos++
				stack = stack[:len(stack)-1]
				break
			}
			if f.obj && !readKey(f) {
				return
			}
			continue
		case '"':
			end, _, code := jsonscan.String(src, q.pos)
			if code != jsonscan.OK {
				q.fail(end, code)
				return
			}
			q.pos = end
		case 't', 'f', 'n':
			end, code := jsonscan.Literal(src, q.pos)
			if code != jsonscan.OK {
				q.fail(end, code)
				return
			}
			q.pos = end
		default:
			end, _, code := jsonscan.Number(src, q.pos)
			if code != jsonscan.OK {
				q.fail(end, code)
				return
			}
			q.pos = end
		}
		// After a value: close what it ends, or go on to the next.
		for {
			if len(stack) == 0 {
				return
			}
			f := stack[len(stack)-1]
			q.ws()
			if q.pos < len(src) && src[q.pos] == ',' {
				q.pos++
				q.ws()
				if f.obj {
					if !readKey(f) {
						return
					}
				} else {
					f.index++
				}
				break
			}
			switch {
			case f.obj && q.pos < len(src) && src[q.pos] == '}', !f.obj && q.pos < len(src) && src[q.pos] == ']':
				q.pos++
				stack = stack[:len(stack)-1]
				continue
			case f.obj:
				q.fail(q.pos, jsonscan.ErrWantObjectNext)
			default:
				q.fail(q.pos, jsonscan.ErrWantArrayNext)
			}
			return
		}
	}
}

// firstString returns the string value of the first member called name of
// the object at start, whose syntax was checked, as the schema parser's
// Node.Get finds it. Like Get, it matches the key "" when name is "".
func (q *reqScan) firstString(start int, name string) (string, bool) {
	src := q.src
	i := jsonscan.SkipSpace(src, start+1)
	if src[i] == '}' {
		return "", false
	}
	for {
		end, esc, _ := jsonscan.String(src, i)
		match := q.text(i+1, end-1, esc) == name
		i = jsonscan.SkipSpace(src, end)
		i = jsonscan.SkipSpace(src, i+1) // ':'
		if match {
			if src[i] != '"' {
				return "", false
			}
			end, esc, _ := jsonscan.String(src, i)
			return q.text(i+1, end-1, esc), true
		}
		i, _ = jsonscan.SkipValue(src, i, 0)
		i = jsonscan.SkipSpace(src, i)
		if src[i] == '}' {
			return "", false
		}
		i = jsonscan.SkipSpace(src, i+1) // ','
	}
}
