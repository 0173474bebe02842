package generate

import (
	"fmt"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/triggerkit/triggerkit/schema"
)

// maxNesting is the deepest nesting of arrays and objects read: the
// schema parser's limit, which Transform uses.
const maxNesting = schema.MaxDepth

// SyntaxError is a sample that is not valid JSON, or not an object.
type SyntaxError struct {
	Offset int // the byte offset of the problem in the sample
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// walker reads one sample and records what it holds. Names are built in a
// scratch buffer; nothing is allocated unless a new name or example is met.
type walker struct {
	g     *Generator
	src   []byte
	pos   int
	depth int
	err   *SyntaxError
	name  []byte // output names: a stack of namespaces
	path  []byte // the JSON Pointer of the value being read
	dec   []byte // decoded strings
}

func (w *walker) fail(off int, format string, args ...any) {
	if w.err == nil {
		w.err = &SyntaxError{Offset: off, Msg: fmt.Sprintf(format, args...)}
		w.pos = len(w.src)
	}
}

func (w *walker) ws() {
	for w.pos < len(w.src) {
		switch w.src[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

// sample reads one whole sample, which must be an object.
func (w *walker) sample() {
	w.ws()
	if w.pos >= len(w.src) {
		w.fail(w.pos, "the sample is empty")
		return
	}
	if w.src[w.pos] != '{' {
		start := w.pos
		w.skip()
		if w.err == nil {
			w.fail(start, "the sample is %s, want an object", describe(w.src[start]))
		}
		return
	}
	// Check the syntax first, so that a refused sample leaves nothing
	// behind.
	start := w.pos
	w.skip()
	w.ws()
	if w.err == nil && w.pos < len(w.src) {
		w.fail(w.pos, "invalid character %q after the sample", w.src[w.pos])
	}
	if w.err != nil {
		return
	}
	w.pos = start
	root := w.g.root
	root.count++
	w.members(root, 0, 0, 1, w.g.next())
}

func describe(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// enter counts one more open array or object.
func (w *walker) enter() bool {
	w.depth++
	if w.depth > maxNesting {
		w.fail(w.pos, "arrays and objects nested more than %d deep", maxNesting)
		return false
	}
	return true
}

// members reads the object at w.pos into lv. The names of its members are
// w.name[base:prefix] + "_" + key, or the key alone when prefix == base.
func (w *walker) members(lv *level, base, prefix, depth int, stamp uint64) {
	if !w.enter() {
		return
	}
	w.pos++
	w.ws()
	if w.pos < len(w.src) && w.src[w.pos] == '}' {
		w.pos++
		w.depth--
		return
	}
	pathLen := len(w.path)
	for w.err == nil {
		if w.pos >= len(w.src) || w.src[w.pos] != '"' {
			w.fail(w.pos, "want a key in double quotes")
			return
		}
		cs, ce, esc := w.str()
		if w.err != nil {
			return
		}
		key := w.src[cs:ce]
		if esc {
			w.dec = schema.AppendDecoded(w.dec[:0], key)
			key = w.dec
		}
		w.name = w.name[:prefix]
		if prefix > base {
			w.name = append(w.name, '_')
		}
		w.name = appendSanitized(w.name, key)
		sanitized := !keyOK(key)
		w.path = appendPointer(append(w.path[:pathLen], '/'), key)
		w.ws()
		if w.pos >= len(w.src) || w.src[w.pos] != ':' {
			w.fail(w.pos, "want ':' after a key")
			return
		}
		w.pos++
		w.ws()
		w.value(lv, base, depth, stamp, sanitized)
		if w.err != nil {
			return
		}
		w.ws()
		if w.pos < len(w.src) && w.src[w.pos] == ',' {
			w.pos++
			w.ws()
			continue
		}
		if w.pos < len(w.src) && w.src[w.pos] == '}' {
			w.pos++
			break
		}
		w.fail(w.pos, "want ',' or '}' after an object member")
		return
	}
	w.path = w.path[:pathLen]
	w.depth--
}

// appendPointer appends a key escaped for a JSON Pointer.
func appendPointer(dst, key []byte) []byte {
	for _, c := range key {
		switch c {
		case '~':
			dst = append(dst, '~', '0')
		case '/':
			dst = append(dst, '~', '1')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// node returns the node of the name in w.name[base:] for the container
// stamp, renaming it with a suffix when the container used it already.
func (w *walker) node(lv *level, base int, stamp uint64, sanitized bool) *node {
	n := w.lookup(lv, base)
	if n.stamp == stamp {
		end := len(w.name)
		for i := 2; ; i++ {
			w.name = strconv.AppendInt(append(w.name[:end], '_'), int64(i), 10)
			if n = w.lookup(lv, base); n.stamp != stamp {
				break
			}
		}
		n.renamed = true
	}
	n.stamp = stamp
	n.sanitized = n.sanitized || sanitized
	return n
}

func (w *walker) lookup(lv *level, base int) *node {
	name := w.name[base:]
	if n := lv.index[unsafe.String(unsafe.SliceData(name), len(name))]; n != nil {
		return n
	}
	n := &node{name: string(name), source: string(w.path), formats: fAll}
	lv.index[n.name] = n
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
				w.members(n.sub, end, end, 2, w.g.next())
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
		w.members(lv, base, end, depth, stamp)
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
		n := w.node(lv, base, stamp, sanitized)
		cs, ce, esc := w.str()
		if w.err != nil {
			return
		}
		n.kinds |= kString
		n.present++
		text := w.src[cs:ce]
		if esc {
			w.dec = schema.AppendDecoded(w.dec[:0], text)
			text = w.dec
		}
		s := unsafe.String(unsafe.SliceData(text), len(text))
		n.checkString(s)
		if len(n.examples) < maxExamples {
			n.addExample(w.src[start:w.pos], isBlank(s))
		}
	case c == 't' || c == 'f' || c == 'n':
		n := w.node(lv, base, stamp, sanitized)
		if !w.literal() {
			return
		}
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
		integer, ok := w.number()
		if !ok {
			return
		}
		if integer {
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
	if !w.enter() {
		return
	}
	w.pos++
	w.ws()
	if w.pos < len(w.src) && w.src[w.pos] == ']' {
		w.pos++
		w.depth--
		return
	}
	pathLen := len(w.path)
	for i := 0; w.err == nil; i++ {
		if w.pos >= len(w.src) {
			w.fail(w.pos, "unexpected end of input in an array")
			return
		}
		w.path = strconv.AppendInt(append(w.path[:pathLen], '/'), int64(i), 10)
		base := len(w.name)
		switch w.src[w.pos] {
		case '[':
			n.nested++
			w.elements(n, nest+1)
		case 'n':
			if !w.literal() {
				return
			}
			n.nullItems++
		case '{':
			n.items.count++
			w.members(n.items, base, base, 2, w.g.next())
		default:
			n.items.count++
			n.wrapped++
			w.name = append(w.name, "value"...)
			w.value(n.items, base, 2, w.g.next(), false)
		}
		w.name = w.name[:base]
		if w.err != nil {
			return
		}
		w.ws()
		if w.pos < len(w.src) && w.src[w.pos] == ',' {
			w.pos++
			w.ws()
			continue
		}
		if w.pos < len(w.src) && w.src[w.pos] == ']' {
			w.pos++
			break
		}
		w.fail(w.pos, "want ',' or ']' after an array element")
		return
	}
	w.path = w.path[:pathLen]
	w.depth--
}

// emptyObject reports whether the object at w.pos has no members.
func (w *walker) emptyObject() bool {
	i := w.pos + 1
	for i < len(w.src) && (w.src[i] == ' ' || w.src[i] == '\t' || w.src[i] == '\n' || w.src[i] == '\r') {
		i++
	}
	return i < len(w.src) && w.src[i] == '}'
}

// customShape reports the custom type the object at w.pos has the shape
// of (see schema.ShapedLike): exactly two members, the members of MONEY or
// ATTACHMENT, with values that are not arrays or objects.
// It reads ahead without moving.
func (w *walker) customShape() string {
	save, saveDepth := w.pos, w.depth
	defer func() { w.pos, w.depth = save, saveDepth }()
	w.pos++
	var keys [2][]byte
	for k := 0; k < 3; k++ {
		w.ws()
		if w.pos >= len(w.src) || w.src[w.pos] != '"' {
			return ""
		}
		cs, ce, esc := w.str()
		if w.err != nil || esc || k == 2 {
			return ""
		}
		keys[k] = w.src[cs:ce]
		w.ws()
		if w.pos >= len(w.src) || w.src[w.pos] != ':' {
			return ""
		}
		w.pos++
		w.ws()
		if w.pos >= len(w.src) || w.src[w.pos] == '{' || w.src[w.pos] == '[' {
			return ""
		}
		w.skip()
		if w.err != nil {
			return ""
		}
		w.ws()
		if w.pos < len(w.src) && w.src[w.pos] == '}' {
			if k != 1 {
				return ""
			}
			break
		}
		if w.pos >= len(w.src) || w.src[w.pos] != ',' {
			return ""
		}
		w.pos++
	}
	return schema.ShapedLike(string(keys[0]), string(keys[1]))
}

// firstElements returns an array's raw text cut to its first three
// elements.
func firstElements(arr []byte) []byte {
	w := walker{src: arr, pos: 1}
	w.ws()
	for k := 0; k < 3 && w.pos < len(arr) && arr[w.pos] != ']'; k++ {
		w.skip()
		w.ws()
		if k < 2 && w.pos < len(arr) && arr[w.pos] == ',' {
			w.pos++
			w.ws()
		}
	}
	if w.pos >= len(arr) || arr[w.pos] == ']' {
		return arr
	}
	end := w.pos
	for end > 0 && (arr[end-1] == ',' || arr[end-1] == ' ' || arr[end-1] == '\n' || arr[end-1] == '\t' || arr[end-1] == '\r') {
		end--
	}
	out := make([]byte, 0, end+1)
	return append(append(out, arr[:end]...), ']')
}

// skip reads over one value.
func (w *walker) skip() {
	if w.pos >= len(w.src) {
		w.fail(w.pos, "unexpected end of input, want a value")
		return
	}
	switch c := w.src[w.pos]; {
	case c == '{' || c == '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		if !w.enter() {
			return
		}
		w.pos++
		w.ws()
		if w.pos < len(w.src) && w.src[w.pos] == closer {
			w.pos++
			w.depth--
			return
		}
		for w.err == nil {
			if c == '{' {
				if w.pos >= len(w.src) || w.src[w.pos] != '"' {
					w.fail(w.pos, "want a key in double quotes")
					return
				}
				w.str()
				w.ws()
				if w.pos >= len(w.src) || w.src[w.pos] != ':' {
					w.fail(w.pos, "want ':' after a key")
					return
				}
				w.pos++
				w.ws()
			}
			w.skip()
			w.ws()
			if w.pos < len(w.src) && w.src[w.pos] == ',' {
				w.pos++
				w.ws()
				continue
			}
			if w.pos < len(w.src) && w.src[w.pos] == closer {
				w.pos++
				w.depth--
				return
			}
			w.fail(w.pos, "want ',' or %q", closer)
		}
	case c == '"':
		w.str()
	case c == 't' || c == 'f' || c == 'n':
		w.literal()
	default:
		w.number()
	}
}

// plain marks the bytes a string holds as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads the string at w.pos and returns the span of its content.
func (w *walker) str() (cs, ce int, esc bool) {
	src := w.src
	i := w.pos + 1
	cs = i
	for {
		for i < len(src) && plain[src[i]] {
			i++
		}
		if i >= len(src) {
			w.fail(len(src), "unexpected end of input inside a string")
			return cs, i, esc
		}
		switch c := src[i]; {
		case c == '"':
			w.pos = i + 1
			return cs, i, esc
		case c == '\\':
			esc = true
			if i+1 >= len(src) {
				w.fail(i, "unexpected end of input inside a string")
				return cs, i, esc
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(src) || !schema.IsHex4(src[i+2:i+6]) {
					w.fail(i, "invalid \\u escape in a string")
					return cs, i, esc
				}
				i += 6
			default:
				w.fail(i, "invalid escape in a string")
				return cs, i, esc
			}
		case c < 0x20:
			w.fail(i, "control character 0x%02X in a string; escape it", c)
			return cs, i, esc
		default:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				w.fail(i, "invalid UTF-8 byte 0x%02X in a string", c)
				return cs, i, esc
			}
			i += n
		}
	}
}

// literal reads true, false or null.
func (w *walker) literal() bool {
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(w.src)-w.pos >= len(lit) && string(w.src[w.pos:w.pos+len(lit)]) == lit {
			w.pos += len(lit)
			return true
		}
	}
	w.fail(w.pos, "invalid literal, want true, false or null")
	return false
}

// number reads a number and reports whether it is written as a whole
// number: without a fraction or an exponent.
func (w *walker) number() (integer, ok bool) {
	end, whole, msg := schema.ScanNumber(w.src, w.pos)
	switch msg {
	case "ok":
		w.pos = end
		return whole, true
	case "":
		w.fail(w.pos, "invalid value")
	default:
		w.fail(end, "%s", msg)
	}
	return false, false
}

func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
