package diff

import (
	"errors"
	"sort"

	"github.com/triggerkit/triggerkit/schema"
)

// Side says which version of a schema a position is in.
type Side uint8

// The two versions.
const (
	Old Side = iota
	New
)

func (s Side) String() string {
	if s == Old {
		return "old"
	}
	return "new"
}

// Change is one difference between two versions of a payload schema.
type Change struct {
	Kind Kind
	// Side is the version that Span and Pointer refer to: the new one
	// wherever the changed thing still exists, else the old one.
	Side    Side
	Span    schema.Span
	Pointer schema.Pointer
	Message string
	// Path is the JSON Pointer, in payloads, of the property the change is
	// about: "/total/value", "/lineItems/0/price"; "" for the whole payload.
	Path string
	// Example shows the change on a payload. Compare fills it in for every
	// change that breaks something when such a payload exists.
	Example *Example

	probe probe
}

// ErrNotObject is returned for a schema whose root is not a JSON object.
var ErrNotObject = errors.New("the schema is not a JSON object")

// Compare lists the changes from old to new, two versions of one trigger's
// payload schema, in the order of the new version (changes that exist only
// in the old one come where the old one had them). Both documents must have
// parsed; their dialect problems are the linter's to report, and the
// comparison reads what it can.
func Compare(old, new *schema.Document) ([]Change, error) {
	if old == nil || old.Root == nil || new == nil || new.Root == nil {
		return nil, ErrNotObject
	}
	d := &differ{old: old, new: new}
	d.docs(old.Root, new.Root, "", func() string { return "the schema" })
	d.object(old.Root, new.Root, "")
	d.annotations()
	d.examples()
	sort.SliceStable(d.changes, func(i, j int) bool { return d.order(d.changes[i]) < d.order(d.changes[j]) })
	return d.changes, nil
}

type differ struct {
	old, new *schema.Document
	changes  []Change
	// The properties that carry identityType or futureDate, in each
	// version, by payload path in the new version's naming.
	identity, future [2][]site
	// identityChanged lists the paths whose identityType value changed,
	// which are reported as such and not as a move.
	identityChanged map[string]bool
	look            lookup
	// labels remembers label of the last path asked: a property's
	// comparisons ask for it again and again, mostly for nothing.
	labelPath, labelText string
}

// label is label(path), remembered for the last path.
func (d *differ) label(path string) string {
	if d.labelText == "" || d.labelPath != path {
		d.labelPath, d.labelText = path, label(path)
	}
	return d.labelText
}

// site is a property that carries an annotation.
type site struct {
	path  string
	prop  *schema.Property
	value string
}

// order sorts changes: those placed in the new version by their position
// there, then those placed in the old version by theirs.
func (d *differ) order(c Change) int {
	if c.Side == New {
		return c.Span.Start
	}
	return 1<<40 + c.Span.Start
}

func (d *differ) add(c Change) *Change {
	d.changes = append(d.changes, c)
	return &d.changes[len(d.changes)-1]
}

// at places a change on a member of one side: the whole member, key to
// value.
func at(side Side, m *schema.Member) (Side, schema.Span, schema.Pointer) {
	return side, schema.Span{Start: m.KeySpan.Start, End: m.Value.Span.End}, m.Value.Pointer()
}

func (d *differ) change(id string, side Side, m *schema.Member, path, msg string) *Change {
	s, span, ptr := at(side, m)
	return d.add(Change{Kind: kindByID[id], Side: s, Span: span, Pointer: ptr, Path: path, Message: msg})
}

func (d *differ) changeAt(id string, side Side, n *schema.Node, path, msg string) *Change {
	return d.add(Change{Kind: kindByID[id], Side: side, Span: n.Span, Pointer: n.Pointer(), Path: path, Message: msg})
}
