package generate

import (
	"bytes"
	"hash/maphash"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// kind is a set of the kinds of value seen under one name.
type kind uint16

const (
	kNull   kind = 1 << iota
	kBool        // true or false
	kInt         // a whole number
	kNum         // a number with a fraction or an exponent
	kString      // a string
	kArray       // an array at the 1st level
	kCustom      // a MONEY- or ATTACHMENT-shaped object at the 1st level
	kJSON        // an array inside an array item, kept as its JSON text
)

// fset is a set of string formats.
type fset uint8

const (
	fUUID fset = 1 << iota
	fDateTime
	fDate
	fTime
	fEmail
	fURI
	fAll = fUUID | fDateTime | fDate | fTime | fEmail | fURI
)

// formatOrder lists the formats a value may have, the strongest first.
var formatOrder = []struct {
	bit  fset
	name string
	ok   func(string) bool
}{
	{fUUID, "uuid", schema.IsUUID},
	{fDateTime, "date-time", schema.IsDateTime},
	{fDate, "date", schema.IsDate},
	{fTime, "time", schema.IsTime},
	{fEmail, "email", schema.IsEmail},
	{fURI, "uri", schema.IsURI},
}

// maxExamples is how many distinct examples a property keeps.
const maxExamples = 3

// node gathers what the samples hold under one output key.
type node struct {
	name   string // the output key
	source string // where it was first seen: a JSON Pointer into the sample
	kinds  kind
	// present counts the containers (samples, array items, custom objects)
	// in which the key holds something other than null.
	present int
	arrays  int // how many of them were arrays
	customs int // and how many custom objects
	// notDecimal: a value that is not a decimal number, as MONEY wants
	notDecimal bool
	// notCurrency: a string that is not an ISO 4217 code, as MONEY's
	// currency wants
	notCurrency bool
	notRegex    bool   // a string that is not a regular expression
	stamp       uint64 // the container that used the name last
	formats     fset   // the formats every string so far has
	notImg      bool   // a uri string whose path does not end in an image extension
	notHTTP     bool   // a uri string that is not an absolute http or https URL
	// examples are distinct raw JSON values; blank holds a blank string,
	// kept only for want of a better one.
	examples [][]byte
	blank    []byte
	refute   []byte // the non-blank string that ruled out the last formats left
	// flattened: an object was flattened into keys that start with the
	// name; custom names the shape of the custom objects seen.
	flattened   bool
	custom      string
	mixedCustom bool // both MONEY and ATTACHMENT objects
	// emptyObjects and fullObjects count the objects flattened under the
	// name that had no members and that had some.
	emptyObjects, fullObjects int
	sub                       *level // the members of the custom objects
	items                     *level // the members of array items
	nullItems                 int    // null array elements, left out
	nested                    int    // arrays inside arrays, spliced
	wrapped                   int    // primitive array elements, wrapped in an object
	sanitized                 bool   // the key was changed to follow the key rules
	renamed                   bool   // the name was taken in the same container
	// next is the node looked up after this one last time, in the level
	// nextLv: the walker's guess for the next lookup.
	next   *node
	nextLv *level
}

// level is one output object: the root, a custom object or an array item.
type level struct {
	nodes  []*node
	index  map[string]*node
	folded map[string]*node // by lower-case name
	count  int              // how many containers were seen
}

func newLevel() *level { return &level{index: map[string]*node{}, folded: map[string]*node{}} }

// addExample keeps raw as an example if it is new and there is room.
func (n *node) addExample(raw []byte, blank bool) {
	if len(n.examples) >= maxExamples {
		return
	}
	if blank {
		if n.blank == nil {
			n.blank = bytes.Clone(raw)
		}
		return
	}
	for _, e := range n.examples {
		if bytes.Equal(e, raw) {
			return
		}
	}
	n.examples = append(n.examples, bytes.Clone(raw))
}

// regexCache remembers which strings are regular expressions, by hash,
// so that a value met again is not compiled again. It holds at most
// maxCached entries, and starts over when full, so its memory is bounded.
type regexCache struct {
	seed maphash.Seed
	ok   map[uint64]bool
}

const maxCached = 4096

func (c *regexCache) isRegex(s string) bool {
	if c.ok == nil {
		c.seed, c.ok = maphash.MakeSeed(), make(map[uint64]bool, 64)
	}
	h := maphash.String(c.seed, s)
	if ok, seen := c.ok[h]; seen {
		return ok
	}
	if len(c.ok) >= maxCached {
		clear(c.ok)
	}
	ok := schema.CheckFormat("regex", s)
	c.ok[h] = ok
	return ok
}

// checkString narrows the formats and the image test to those s meets.
func (n *node) checkString(s string, rc *regexCache) {
	// Text without these characters is a regular expression as it is.
	if !n.notRegex && regexSpecial(s) && !rc.isRegex(s) {
		n.notRegex = true
	}
	if !n.notCurrency && !schema.IsCurrencyCode(s) {
		n.notCurrency = true
	}
	if n.formats == 0 {
		if !n.notDecimal && !schema.IsDecimal(s) {
			n.notDecimal = true
		}
		return
	}
	for _, f := range formatOrder {
		if n.formats&f.bit != 0 && !f.ok(s) {
			n.formats &^= f.bit
		}
	}
	if !n.notDecimal && !schema.IsDecimal(s) {
		n.notDecimal = true
	}
	if n.formats&fURI != 0 && !n.notImg && !imagePath(s) {
		n.notImg = true
	}
	if n.formats&fURI != 0 && !n.notHTTP && !schema.IsHTTPURL(s) {
		n.notHTTP = true
	}
}

// regexByte marks (1) the bytes that make text more than a literal
// regular expression: `()[]{}\*+?`. Bytes, not bools, so that eight
// lookups combine with |.
var regexByte = [256]uint8{
	'(': 1, ')': 1, '[': 1, ']': 1, '{': 1, '}': 1, '\\': 1, '*': 1, '+': 1, '?': 1,
}

// regexSpecial reports whether s holds any of `()[]{}\*+?`.
func regexSpecial(s string) bool {
	t := &regexByte
	for ; len(s) >= 8; s = s[8:] {
		if t[s[0]]|t[s[1]]|t[s[2]]|t[s[3]]|t[s[4]]|t[s[5]]|t[s[6]]|t[s[7]] != 0 {
			return true
		}
	}
	for i := 0; i < len(s); i++ {
		if t[s[i]] != 0 {
			return true
		}
	}
	return false
}

// imagePath reports whether a URL's path ends in an image file extension.
func imagePath(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	dot := strings.LastIndexByte(u, '.')
	if dot < 0 || strings.IndexByte(u[dot:], '/') >= 0 {
		return false
	}
	switch strings.ToLower(u[dot+1:]) {
	case "png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp", "ico", "tif", "tiff", "heic":
		return true
	}
	return false
}

// isBlank reports whether a string is empty or has white space at either end.
func isBlank(s string) bool {
	// Printable ASCII at both ends is not white space.
	if len(s) > 0 && s[0] > ' ' && s[0] < 0x7f && s[len(s)-1] > ' ' && s[len(s)-1] < 0x7f {
		return false
	}
	return strings.TrimSpace(s) == "" || strings.TrimSpace(s) != s
}
