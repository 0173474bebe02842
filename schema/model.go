package schema

import "slices"

// Role says where in a trigger schema a Schema stands.
type Role uint8

// The roles of a Schema.
const (
	RoleRoot     Role = iota // the whole payload schema
	RoleProperty             // the definition of a property
	RoleItems                // the "items" of an array property
	RoleOption               // one "oneOf" option
)

// Document is a trigger payload schema: the parsed file and the dialect's
// view of it.
type Document struct {
	File *File
	Root *Schema // nil when the file has no object at its root

	// The index that Build makes once, so that every check reads lists
	// instead of walking the tree again: the schemas in the order of
	// Schemas, the properties in the order of Walk, and those of them
	// whose value is an object.
	schemas []*Schema
	props   []*Property
	defined []*Property
}

// Schema is one schema object of the dialect: the root, a property
// definition, an array's items or a oneOf option. Each keyword field is the
// member it was read from, or nil when the keyword is absent, so that checks
// can point at the keyword's key or at its value.
type Schema struct {
	Node  *Node // the schema object itself
	Role  Role
	Level int // 0 for the root; 1 for the root's properties; 2 below them

	Type                 *Member
	Title                *Member
	Description          *Member
	Examples             *Member
	Example              *Member // the singular form, which is not a keyword
	Format               *Member
	Items                *Member
	Properties           *Member
	Required             *Member
	OneOf                *Member
	Const                *Member
	Default              *Member
	ID                   *Member // $id
	SchemaURI            *Member // $schema
	AdditionalProperties *Member
	IdentityType         *Member
	FutureDate           *Member
	WixCustomType        *Member

	// Unknown lists the members that are not keywords of the dialect, in
	// file order.
	Unknown []*Member

	Props       []*Property // the entries of "properties", in file order
	ItemsSchema *Schema     // the schema of "items" when it is an object
	Options     []*Schema   // the "oneOf" options that are objects

	Parent *Schema // the schema this one is nested in; nil for the root

	// propIndex and requiredSet are built by Build when Props or
	// "required" are long, so that Prop and IsRequired cost the same for
	// any length.
	propIndex   map[string]*Property
	requiredSet map[string]bool
}

// indexMin is the length from which Prop and IsRequired use a map rather
// than a linear search.
const indexMin = 16

// Property is one entry of a "properties" object.
type Property struct {
	*Member         // the key and its value
	Owner   *Schema // the schema whose "properties" holds it
	Schema  *Schema // the definition, or nil when the value is not an object
}

// keywordField returns where Build stores a keyword, or nil for a keyword
// outside the dialect.
func (s *Schema) keywordField(name string) **Member {
	switch name {
	case "type":
		return &s.Type
	case "title":
		return &s.Title
	case "description":
		return &s.Description
	case "examples":
		return &s.Examples
	case "example":
		return &s.Example
	case "format":
		return &s.Format
	case "items":
		return &s.Items
	case "properties":
		return &s.Properties
	case "required":
		return &s.Required
	case "oneOf":
		return &s.OneOf
	case "const":
		return &s.Const
	case "default":
		return &s.Default
	case "$id":
		return &s.ID
	case "$schema":
		return &s.SchemaURI
	case "additionalProperties":
		return &s.AdditionalProperties
	case "identityType":
		return &s.IdentityType
	case "futureDate":
		return &s.FutureDate
	case "wixCustomType":
		return &s.WixCustomType
	}
	return nil
}

// Build reads the dialect's structure out of a parsed file. It never fails:
// whatever is not of the expected shape is left for checks to report. Where a
// keyword appears twice, the first occurrence is used.
func Build(f *File) *Document {
	d := &Document{File: f}
	var b builder
	b.build(d)
	return d
}

// Load parses src and builds its Document. The error is the parse error
// list, if any; the Document is usable even then.
func Load(name string, src []byte) (*Document, error) {
	f, err := Parse(name, src)
	return Build(f), err
}

// builder cuts the schemas and properties of a document from chunks, a few
// allocations for any number of them, and counts them for the index. A
// Parser keeps its builder, chunks and index included, for its next
// document.
type builder struct {
	schemas    slab[Schema]
	props      slab[Property]
	propPtrs   slab[*Property]
	memberPtrs slab[*Member] // the schemas' Unknown
	schemaPtrs slab[*Schema] // the schemas' Options
	unknown    []*Member     // a schema's Unknown while it is read
	schemaIdx  []*Schema     // the Document's index
	propIdx    []*Property   // the Document's index
	definedIdx []*Property   // the Document's index
	propMaps   mapPool[*Property]
	reqMaps    mapPool[bool]
	nschemas   int
	nprops     int
	ndefined   int
	schemaSize int // the size of a chunk of schemas
	propSize   int // the size of a chunk of properties
}

// build fills in d, whose File is set, with the dialect's structure.
func (b *builder) build(d *Document) {
	f := d.File
	if f.Root == nil || f.Root.Kind != Object {
		return
	}
	// A schema is an object and a property a member: the parser's counts
	// bound the chunks, so that a fresh builder allocates one of each.
	b.schemaSize, b.propSize = max(f.objects, 1), max(f.members, 1)
	b.nschemas, b.nprops, b.ndefined = 0, 0, 0
	d.Root = b.schema(f.Root, RoleRoot, 0, nil)
	d.schemas = slices.Grow(b.schemaIdx[:0], b.nschemas)
	d.props = slices.Grow(b.propIdx[:0], b.nprops)
	d.defined = slices.Grow(b.definedIdx[:0], b.ndefined)
	eachSchema(d.Root, func(s *Schema) { d.schemas = append(d.schemas, s) })
	walk(d.Root, func(p *Property) {
		d.props = append(d.props, p)
		if p.Schema != nil {
			d.defined = append(d.defined, p)
		}
	})
	b.schemaIdx, b.propIdx, b.definedIdx = d.schemas, d.props, d.defined
}

// rewind makes a builder used before ready for another document, keeping
// its chunks, index and maps up to their bounds; what its chunks hold of
// the last document is left for sweep.
func (b *builder) rewind() {
	b.schemas.rewind()
	b.props.rewind()
	b.propPtrs.rewind()
	b.memberPtrs.rewind()
	b.schemaPtrs.rewind()
	b.schemaIdx = resetSlice(b.schemaIdx)
	b.propIdx = resetSlice(b.propIdx)
	b.definedIdx = resetSlice(b.definedIdx)
	b.unknown = resetSlice(b.unknown)
	b.propMaps.reset()
	b.reqMaps.reset()
}

// sweep zeroes what the builder's chunks keep of the document before the
// last one (all of it when the last call built none).
func (b *builder) sweep() {
	b.schemas.sweep()
	b.props.sweep()
	b.propPtrs.sweep()
	b.memberPtrs.sweep()
	b.schemaPtrs.sweep()
}

// mapPool hands out maps that are cleared and kept from one document to
// the next, up to maxRetainedMap entries in all: clearing a map keeps its
// room, so that each is counted by the most entries it has held.
type mapPool[V any] struct {
	maps []pooledMap[V]
	used int
}

// pooledMap is a map of a mapPool and the most entries it has held.
type pooledMap[V any] struct {
	m    map[string]V
	held int
}

// get returns an empty map for n entries.
func (m *mapPool[V]) get(n int) map[string]V {
	if m.used < len(m.maps) {
		m.used++
		return m.maps[m.used-1].m
	}
	x := make(map[string]V, n)
	m.maps = append(m.maps, pooledMap[V]{m: x})
	m.used++
	return x
}

// reset clears the maps handed out and drops those past the bound.
func (m *mapPool[V]) reset() {
	total := 0
	for i := range m.maps {
		x := &m.maps[i]
		if i < m.used {
			x.held = max(x.held, len(x.m))
		}
		if total += x.held; total > maxRetainedMap {
			clear(m.maps[i:])
			m.maps = m.maps[:i]
			break
		}
		if i < m.used {
			clear(x.m)
		}
	}
	m.used = 0
}

// chunk is the size of the chunks of the model after the first.
const chunk = 64

func (b *builder) newSchema() *Schema {
	b.nschemas++
	return b.schemas.one(b.schemaSize)
}

func (b *builder) newProps(n int) []*Property {
	props := b.props.take(n, b.propSize)
	ptrs := b.propPtrs.take(n, b.propSize)
	for i := range ptrs {
		ptrs[i] = &props[i]
	}
	b.nprops += n
	return ptrs
}

func (b *builder) schema(n *Node, role Role, level int, parent *Schema) *Schema {
	s := b.newSchema()
	*s = Schema{Node: n, Role: role, Level: level, Parent: parent}
	unknown := b.unknown[:0]
	for _, m := range n.Members {
		if field := s.keywordField(m.Name); field != nil {
			if *field == nil {
				*field = m
			}
			continue
		}
		unknown = append(unknown, m)
	}
	if len(unknown) > 0 {
		s.Unknown = b.memberPtrs.take(len(unknown), chunk)
		copy(s.Unknown, unknown)
		clear(unknown)
	}
	b.unknown = unknown[:0]
	if s.Properties != nil && s.Properties.Value.Kind == Object && len(s.Properties.Value.Members) > 0 {
		ms := s.Properties.Value.Members
		s.Props = b.newProps(len(ms))
		for i, m := range ms {
			p := s.Props[i]
			*p = Property{Member: m, Owner: s}
			if m.Value.Kind == Object {
				p.Schema = b.schema(m.Value, RoleProperty, level+1, s)
				b.ndefined++
			}
		}
		if len(s.Props) >= indexMin {
			s.propIndex = b.propMaps.get(len(s.Props))
			for _, p := range s.Props {
				if _, dup := s.propIndex[p.Name]; !dup {
					s.propIndex[p.Name] = p
				}
			}
		}
	}
	if s.Required != nil && s.Required.Value.Kind == Array && len(s.Required.Value.Elems) >= indexMin {
		s.requiredSet = b.reqMaps.get(len(s.Required.Value.Elems))
		for _, e := range s.Required.Value.Elems {
			if e.Kind == String {
				s.requiredSet[e.Text] = true
			}
		}
	}
	if s.Items != nil && s.Items.Value.Kind == Object {
		s.ItemsSchema = b.schema(s.Items.Value, RoleItems, level, s)
	}
	if s.OneOf != nil && s.OneOf.Value.Kind == Array {
		objects := 0
		for _, e := range s.OneOf.Value.Elems {
			if e.Kind == Object {
				objects++
			}
		}
		if objects > 0 {
			s.Options = b.schemaPtrs.take(objects, chunk)[:0]
			for _, e := range s.OneOf.Value.Elems {
				if e.Kind == Object {
					s.Options = append(s.Options, b.schema(e, RoleOption, level, s))
				}
			}
		}
	}
	return s
}

// TypeName returns the value of "type" when it is a string, else "".
func (s *Schema) TypeName() string { return stringValue(s.Type) }

// FormatName returns the value of "format" when it is a string, else "".
func (s *Schema) FormatName() string { return stringValue(s.Format) }

// CustomType returns the value of "wixCustomType" when it is a string, else "".
func (s *Schema) CustomType() string { return stringValue(s.WixCustomType) }

// TitleText returns the value of "title" when it is a string, else "".
func (s *Schema) TitleText() string { return stringValue(s.Title) }

func stringValue(m *Member) string {
	if m == nil || m.Value.Kind != String {
		return ""
	}
	return m.Value.Text
}

// RequiredNames returns the string entries of "required" in order.
func (s *Schema) RequiredNames() []string {
	if s.Required == nil || s.Required.Value.Kind != Array {
		return nil
	}
	var names []string
	for _, e := range s.Required.Value.Elems {
		if e.Kind == String {
			names = append(names, e.Text)
		}
	}
	return names
}

// IsRequired reports whether name is listed in the schema's "required".
func (s *Schema) IsRequired(name string) bool {
	if s.requiredSet != nil {
		return s.requiredSet[name]
	}
	if s.Required == nil || s.Required.Value.Kind != Array {
		return false
	}
	for _, e := range s.Required.Value.Elems {
		if e.Kind == String && e.Text == name {
			return true
		}
	}
	return false
}

// Prop returns the first property named name, or nil.
func (s *Schema) Prop(name string) *Property {
	if s.propIndex != nil {
		return s.propIndex[name]
	}
	for _, p := range s.Props {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Level returns how deep the property is: 1 for the root's properties, 2 for
// the properties of a 1st-level object or of its array items, and so on.
func (p *Property) Level() int { return p.Owner.Level + 1 }

// Pointer returns the pointer to the property's definition.
func (p *Property) Pointer() Pointer { return p.Value.Pointer() }

// Walk calls fn for every property of the document, depth first in file
// order: each property, then the properties nested in it.
func (d *Document) Walk(fn func(*Property)) {
	for _, p := range d.props {
		fn(p)
	}
}

// Properties returns every property of the document in the order of Walk.
// The slice is the document's own: callers must not change it.
func (d *Document) Properties() []*Property { return d.props }

// Defined returns the properties of the document whose value is an object,
// so that they have a Schema, in the order of Walk. The slice is the
// document's own: callers must not change it.
func (d *Document) Defined() []*Property { return d.defined }

// AllSchemas returns every schema object of the document in the order of
// Schemas. The slice is the document's own: callers must not change it.
func (d *Document) AllSchemas() []*Schema { return d.schemas }

func walk(s *Schema, fn func(*Property)) {
	for _, p := range s.Props {
		fn(p)
		if p.Schema != nil {
			walk(p.Schema, fn)
		}
	}
	if s.ItemsSchema != nil {
		walk(s.ItemsSchema, fn)
	}
}

// Schemas calls fn for every schema object of the document, the root
// included, depth first in file order: each schema, then its properties'
// schemas, its items and its oneOf options.
func (d *Document) Schemas(fn func(*Schema)) {
	for _, s := range d.schemas {
		fn(s)
	}
}

func eachSchema(s *Schema, fn func(*Schema)) {
	fn(s)
	for _, p := range s.Props {
		if p.Schema != nil {
			eachSchema(p.Schema, fn)
		}
	}
	if s.ItemsSchema != nil {
		eachSchema(s.ItemsSchema, fn)
	}
	for _, o := range s.Options {
		eachSchema(o, fn)
	}
}
