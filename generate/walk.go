package generate

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
)

// walker reads one sample, whose syntax checkSample has accepted, and
// records what it holds. Names are built in a scratch buffer; nothing is
// allocated unless a new name or example is met.
type walker struct {
	g    *Generator
	chk  *checker // the checker that accepted src
	src  []byte
	pos  int
	name []byte // output names: a stack of namespaces
	// segs are the steps of the JSON Pointer of the value being read,
	// written out into path only when a new name needs it.
	segs []pathSeg
	path []byte
	dec  []byte // decoded strings
	// scopes are the output objects being read, innermost last; kept says
	// whether the member being read keeps its name (see scope).
	scopes []scope
	kept   bool
	regex  regexCache
	last   *node // the node lookupName returned last
	// renames holds, for each name numbered in an output object of the
	// sample being read, the first number not known to be taken (see
	// node); scopeID numbers the scopes opened, so that each has its own.
	renames map[renameKey]int
	scopeID int
	// envelopes: Wix envelopes are read as part of the sample (see
	// envelope.go); jsons: strings holding JSON are read as their content.
	envelopes, jsons bool
	// inner are the buffers and checkers of JSON strings being read, by
	// nesting.
	inner []innerJSON
	depth int
}

// pathSeg is one step of a JSON Pointer: a key, or an array index (elem).
type pathSeg struct {
	key   []byte // the key, in the text being read or in own
	own   []byte // a copy of a decoded key, which w.dec does not keep
	index int
	elem  bool
}

// pushSeg opens a step of the JSON Pointer, keeping the buffer of the
// one that was there before.
func (w *walker) pushSeg() {
	if len(w.segs) == cap(w.segs) {
		w.segs = append(w.segs, pathSeg{})
	} else {
		w.segs = w.segs[:len(w.segs)+1]
	}
}

// pointer writes out the JSON Pointer of the value being read.
func (w *walker) pointer() []byte {
	p := w.path[:0]
	for i := range w.segs {
		s := &w.segs[i]
		p = append(p, '/')
		if s.elem {
			p = strconv.AppendInt(p, int64(s.index), 10)
		} else {
			p = schema.AppendToken(p, s.key)
		}
	}
	w.path = p
	return p
}

type innerJSON struct {
	buf []byte
	chk checker
}

// members reads the object at w.pos into lv. The names of its members are
// w.name[base:prefix] + "_" + key, or the key alone when prefix == base.
// spliced says the object is an envelope read as part of the one around
// it: its members keep no name.
func (w *walker) members(lv *level, base, prefix, depth int, stamp uint64, spliced bool) {
	obj := w.pos
	w.pos++
	w.ws()
	if w.src[w.pos] == '}' {
		w.pos++
		return
	}
	top := len(w.segs)
	w.pushSeg()
	for first := true; ; first = false {
		cs, ce, esc := w.str()
		key := w.src[cs:ce]
		seg := &w.segs[top]
		seg.elem = false
		if esc {
			w.dec = jsonscan.AppendUnquoted(w.dec[:0], key)
			key = w.dec
			seg.own = append(seg.own[:0], key...)
			seg.key = seg.own
		} else {
			seg.key = key
		}
		w.name = w.name[:prefix]
		if prefix > base {
			w.name = append(w.name, '_')
		}
		// A key that follows the key rules is its own name.
		ok := keyOK(key)
		if ok {
			w.name = append(w.name, key...)
		} else {
			w.name = appendSanitized(w.name, key)
		}
		w.ws()
		w.pos++ // the colon
		w.ws()
		w.kept = prefix == base && ok && !spliced
		// An envelope's only member hands on its object too; only the
		// first member can be the only one.
		if !(w.envelopes && depth == 1 && prefix == base && (isEnvelope(key) || spliced && first && w.single(obj)) && w.splice(lv, base, stamp)) {
			w.value(lv, base, depth, stamp, !ok)
		}
		w.ws()
		if w.src[w.pos] == '}' {
			w.pos++
			break
		}
		w.pos++ // the comma
		w.ws()
	}
	w.segs = w.segs[:top]
}

// node returns the node of the name in w.name[base:] for the container
// stamp, renaming it with a suffix when the container used it already or
// a member keeps it (see scope).
func (w *walker) node(lv *level, base int, stamp uint64, sanitized bool) *node {
	sc := &w.scopes[len(w.scopes)-1]
	if len(w.name)-base > maxKeyLen {
		// The shortened name goes after the long one, which the names
		// of the members that follow start with.
		short := shorten(string(w.name[base:]), maxKeyLen)
		base = len(w.name)
		w.name = append(w.name, short...)
	}
	var n *node
	if w.kept || !sc.isKept(bytesString(w.name[base:])) {
		n = w.lookup(lv, base)
	}
	if n == nil || n.stamp == stamp {
		end := len(w.name)
		// The numbers tried before for this name, in this scope and
		// container, were kept or taken, and stay so: the search goes on
		// from the number after the last one found, so that numbering K
		// names alike costs K tries, not K*K.
		k := renameKey{lv: lv, stamp: stamp, scope: sc.id, name: bytesString(w.name[base:end])}
		from := max(2, w.renames[k])
		i := from
		for ; ; i++ {
			w.name = strconv.AppendInt(append(w.name[:end], '_'), int64(i), 10)
			name := w.name[base:]
			if len(name) > maxKeyLen {
				name = []byte(shorten(string(name), maxKeyLen))
			}
			if sc.isKept(bytesString(name)) {
				continue
			}
			if n = w.lookupName(lv, name); n.stamp != stamp {
				break
			}
		}
		if i > from+1 {
			// Kept only once a search went past a number taken: the
			// first search costs one try more.
			if w.renames == nil {
				w.renames = make(map[renameKey]int)
			}
			k.name = string(w.name[base:end])
			w.renames[k] = i + 1
		}
		n.renamed = true
	}
	n.stamp = stamp
	n.sanitized = n.sanitized || sanitized
	return n
}

// renameKey identifies the names numbered from one name in one level,
// for one container (stamp) and one scope.
type renameKey struct {
	lv    *level
	stamp uint64
	scope int
	name  string
}

func (w *walker) lookup(lv *level, base int) *node {
	name := w.name[base:]
	if len(name) > maxKeyLen {
		name = []byte(shorten(string(name), maxKeyLen))
	}
	return w.lookupName(lv, name)
}

// lookupName returns the node of name, made when missing. Samples alike
// ask for the same names in the same order, so each node remembers the
// one asked for after it, which is tried before the index: a node's name
// is its key in its level's index.
func (w *walker) lookupName(lv *level, name []byte) *node {
	if p := w.last; p != nil && p.nextLv == lv && p.next.name == bytesString(name) {
		w.last = p.next
		return p.next
	}
	n := w.indexed(lv, name)
	if w.last != nil {
		w.last.next, w.last.nextLv = n, lv
	}
	w.last = n
	return n
}

// indexed returns the node of name from the level's index, made when
// missing.
func (w *walker) indexed(lv *level, name []byte) *node {
	if n := lv.index[unsafe.String(unsafe.SliceData(name), len(name))]; n != nil {
		return n
	}
	// A name that differs from one met before only in case is the same
	// property: keys differing only in case would confuse users (TK2005).
	folded := strings.ToLower(string(name))
	if n := lv.folded[folded]; n != nil {
		lv.index[string(name)] = n
		return n
	}
	n := &node{name: string(name), source: string(w.pointer()), formats: fAll}
	lv.index[n.name] = n
	lv.folded[folded] = n
	lv.nodes = append(lv.nodes, n)
	return n
}

// value reads the value at w.pos, whose name is in w.name[base:].
func (w *walker) value(lv *level, base, depth int, stamp uint64, sanitized bool) {
	start := w.pos
	switch c := w.src[w.pos]; {
	case c == '{':
		if depth == 1 {
			if shape := w.customShape(); shape != "" {
				n := w.node(lv, base, stamp, sanitized)
				if n.custom != "" && n.custom != shape {
					n.mixedCustom = true
				}
				n.kinds |= kCustom
				n.custom = shape
				n.present++
				n.customs++
				if n.sub == nil {
					n.sub = newLevel()
				}
				n.sub.count++
				end := len(w.name)
				w.pushScope(w.pos, 2)
				w.members(n.sub, end, end, 2, w.g.next(), false)
				w.popScope()
				w.name = w.name[:end]
				n.addExample(w.src[start:w.pos], false)
				return
			}
		}
		fl := w.lookup(lv, base)
		fl.flattened = true
		if w.emptyObject() {
			fl.emptyObjects++
		} else {
			fl.fullObjects++
		}
		end := len(w.name)
		w.members(lv, base, end, depth, stamp, false)
		w.name = w.name[:end]
	case c == '[':
		n := w.node(lv, base, stamp, sanitized)
		if depth > 1 {
			n.kinds |= kJSON
			n.present++
			w.skip()
			return
		}
		n.kinds |= kArray
		n.present++
		n.arrays++
		if n.items == nil {
			n.items = newLevel()
		}
		w.elements(n, 0)
		if len(n.examples) == 0 || (len(n.examples) == 1 && string(n.examples[0]) == "[]") {
			n.examples = n.examples[:0]
			n.addExample(firstElements(w.src[start:w.pos]), false)
		}
	case c == '"':
		if w.jsons && w.holdsJSON() && w.content(depth == 1, func() { w.value(lv, base, depth, stamp, sanitized) }) {
			return
		}
		n := w.node(lv, base, stamp, sanitized)
		cs, ce, esc := w.str()
		n.kinds |= kString
		n.present++
		text := w.src[cs:ce]
		if esc {
			w.dec = jsonscan.AppendUnquoted(w.dec[:0], text)
			text = w.dec
		}
		s := unsafe.String(unsafe.SliceData(text), len(text))
		formats := n.formats
		n.checkString(s, &w.regex)
		blank := isBlank(s)
		if formats != 0 && n.formats == 0 && !blank {
			n.refute = append(n.refute[:0], w.src[start:w.pos]...)
		}
		if len(n.examples) < maxExamples {
			n.addExample(w.src[start:w.pos], blank)
		}
		if depth == 1 && w.envelopes && len(w.scopes) == 1 && string(w.name[base:]) == "entityFqdn" && isEcom(s) {
			w.g.fqdnEcom++
		}
	case c == 't' || c == 'f' || c == 'n':
		n := w.node(lv, base, stamp, sanitized)
		w.literal()
		if c == 'n' {
			n.kinds |= kNull
			return
		}
		n.kinds |= kBool
		n.present++
		n.formats = 0
		n.notDecimal = true
		n.addExample(w.src[start:w.pos], false)
	default:
		n := w.node(lv, base, stamp, sanitized)
		if w.number() {
			n.kinds |= kInt
		} else {
			n.kinds |= kNum
		}
		n.present++
		n.formats = 0
		if !n.notDecimal && !schema.IsDecimal(bytesString(w.src[start:w.pos])) {
			n.notDecimal = true
		}
		if len(n.examples) < maxExamples {
			n.addExample(w.src[start:w.pos], false)
		}
	}
}

// elements reads the array at w.pos into the items of n: objects as they
// are, other values wrapped in {"value": ...}, arrays spliced.
func (w *walker) elements(n *node, nest int) {
	w.pos++
	w.ws()
	if w.src[w.pos] == ']' {
		w.pos++
		return
	}
	top := len(w.segs)
	w.pushSeg()
	for i := 0; ; i++ {
		w.segs[top].elem, w.segs[top].index = true, i
		base := len(w.name)
		switch w.src[w.pos] {
		case '[':
			n.nested++
			w.elements(n, nest+1)
		case 'n':
			w.literal()
			n.nullItems++
		case '{':
			n.items.count++
			w.pushScope(w.pos, 2)
			w.members(n.items, base, base, 2, w.g.next(), false)
			w.popScope()
		default:
			n.items.count++
			n.wrapped++
			w.name = append(w.name, "value"...)
			w.pushScope(-1, 2)
			w.kept = true
			// A string element is a value as it is, whatever it holds.
			jsons := w.jsons
			w.jsons = false
			w.value(n.items, base, 2, w.g.next(), false)
			w.jsons = jsons
			w.popScope()
		}
		w.name = w.name[:base]
		w.ws()
		if w.src[w.pos] == ']' {
			w.pos++
			break
		}
		w.pos++ // the comma
		w.ws()
	}
	w.segs = w.segs[:top]
}

// customShape reports the custom type the object at w.pos has the shape
// of: exactly "value" and "currency" (MONEY) or exactly "fileName" and
// "downloadUrl" (ATTACHMENT), with values that are not arrays or objects.
// It reads ahead without moving.
func (w *walker) customShape() string {
	save := w.pos
	defer func() { w.pos = save }()
	w.pos++
	var keys [2][]byte
	for k := 0; k < 3; k++ {
		w.ws()
		if w.src[w.pos] != '"' {
			return ""
		}
		cs, ce, esc := w.str()
		if esc || k == 2 {
			return ""
		}
		keys[k] = w.src[cs:ce]
		w.ws()
		w.pos++ // the colon
		w.ws()
		if w.src[w.pos] == '{' || w.src[w.pos] == '[' {
			return ""
		}
		w.skip()
		w.ws()
		if w.src[w.pos] == '}' {
			if k != 1 {
				return ""
			}
			break
		}
		w.pos++ // the comma
	}
	return schema.ShapedLike(string(keys[0]), string(keys[1]))
}

// holdsJSON reports whether the string at w.pos starts like a JSON object
// or array: the strings content may read.
func (w *walker) holdsJSON() bool {
	return w.pos+1 < len(w.src) && (w.src[w.pos+1] == '{' || w.src[w.pos+1] == '[')
}

// content reads the JSON string at w.pos as its content, with read, when
// it holds a JSON object (or an array, when arrays), and reports whether
// it did.
func (w *walker) content(arrays bool, read func()) bool {
	if w.pos+1 >= len(w.src) || w.src[w.pos+1] != '{' && w.src[w.pos+1] != '[' {
		return false
	}
	if w.depth == len(w.inner) {
		w.inner = append(w.inner, innerJSON{})
	}
	in := &w.inner[w.depth]
	buf, start, ok := jsonContent(w.src, w.pos, arrays, in.buf, &in.chk)
	in.buf = buf
	if !ok {
		return false
	}
	src, pos, chk := w.src, w.pos, w.chk
	w.src, w.pos, w.chk = buf, start, &in.chk
	w.depth++
	w.g.decoded(w.pointer())
	read()
	w.depth--
	w.src, w.pos, w.chk = src, pos, chk
	w.skip()
	return true
}

// splice reads the envelope object at w.pos (or a JSON string holding
// one) as part of the object around it, and reports whether it was one.
func (w *walker) splice(lv *level, base int, stamp uint64) bool {
	switch w.src[w.pos] {
	case '{':
		w.members(lv, base, base, 1, stamp, true)
		return true
	case '"':
		if !w.jsons {
			return false
		}
		return w.content(false, func() { w.members(lv, base, base, 1, stamp, true) })
	}
	return false
}

// single reports whether the object at w.src[obj] has exactly one
// member, whose value is an object or a string (which may hold one). It
// reads ahead without moving.
func (w *walker) single(obj int) bool {
	i := jsonscan.SkipSpace(w.src, obj+1)
	if i >= len(w.src) || w.src[i] != '"' {
		return false
	}
	i, _ = stringEnd(w.src, i)
	i = jsonscan.SkipSpace(w.src, jsonscan.SkipSpace(w.src, i)+1)
	if i >= len(w.src) || w.src[i] != '{' && w.src[i] != '"' {
		return false
	}
	i = skipValue(w.src, i)
	i = jsonscan.SkipSpace(w.src, i)
	return i < len(w.src) && w.src[i] == '}'
}
