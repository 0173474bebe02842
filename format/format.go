package format

import (
	"fmt"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/schema"
)

// Width is the number of columns within which an array of primitives is
// written on one line.
const Width = 100

// MaxDepth is the deepest nesting of objects and arrays that Source lays
// out. Each level indents its lines by two more spaces, so the output of
// deeper input would grow with the square of its depth; a trigger schema
// needs fewer than ten levels.
const MaxDepth = 64

// FormatError is a source that Source refuses to rewrite: it does not parse
// cleanly or an object in it repeats a key.
type FormatError struct {
	// Errors lists every problem by offset: the parse errors, and a
	// schema.ErrDuplicateKey error at each repeated key.
	Errors schema.ErrorList
}

func (e *FormatError) Error() string {
	return "not formatted: " + e.Errors.Error()
}

// Unwrap returns the list of problems, so that errors.As finds a
// *schema.Error or the schema.ErrorList.
func (e *FormatError) Unwrap() error { return e.Errors }

// Source returns src in the canonical layout described in the package
// documentation. It refuses, with a *FormatError, a src that schema.Parse
// does not read cleanly or that has a duplicate key; src is never
// modified.
func Source(src []byte) ([]byte, error) {
	f, _ := schema.Parse("", src)
	if errs := problems(f); len(errs) > 0 {
		return nil, &FormatError{Errors: errs}
	}
	p := printer{src: src, buf: make([]byte, 0, len(src)+len(src)/2+16)}
	p.value(f.Root, 0, ctxSchema, 0, false)
	if p.deep != nil {
		return nil, &FormatError{Errors: schema.ErrorList{&schema.Error{
			Kind:    schema.ErrTooDeep,
			Offset:  p.deep.Span.Start,
			Pos:     f.Position(p.deep.Span.Start),
			Pointer: p.deep.Pointer(),
			Msg:     fmt.Sprintf("nesting deeper than %d levels; fmt lays out at most %d", MaxDepth, MaxDepth),
		}}}
	}
	p.buf = append(p.buf, '\n')
	return p.buf, nil
}

// problems returns the parse errors of f and its duplicate keys, by offset.
func problems(f *schema.File) schema.ErrorList {
	if len(f.Duplicates) == 0 {
		return f.Errors
	}
	errs := make(schema.ErrorList, 0, len(f.Errors)+len(f.Duplicates))
	errs = append(errs, f.Errors...)
	for _, d := range f.Duplicates {
		first := f.Position(d.First.KeySpan.Start)
		errs = append(errs, &schema.Error{
			Kind:    schema.ErrDuplicateKey,
			Offset:  d.Again.KeySpan.Start,
			Pos:     f.Position(d.Again.KeySpan.Start),
			Pointer: d.Object.Pointer(),
			Msg:     fmt.Sprintf("duplicate key %q (first at %d:%d)", cut(d.Again.Name, 60), first.Line, first.Column),
		})
	}
	errs.Sort()
	return errs
}

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "..."
}

// ctx says what a value is in the schema, which decides whether the keys
// of an object are put in order.
type ctx uint8

const (
	ctxData       ctx = iota // a value that is not a schema: keys keep their order
	ctxSchema                // a schema object
	ctxOption                // an option of "oneOf"
	ctxProperties            // the value of "properties": its values are schemas
	ctxItems                 // the value of "items": a schema when it is an object
	ctxOneOf                 // the value of "oneOf": its objects are options
)

// memberCtx returns the context of the value of a member named name in an
// object of context c.
func memberCtx(c ctx, name string) ctx {
	switch c {
	case ctxProperties:
		return ctxSchema
	case ctxSchema, ctxOption:
		switch name {
		case "properties":
			return ctxProperties
		case "items":
			return ctxItems
		case "oneOf":
			return ctxOneOf
		}
	}
	return ctxData
}

type printer struct {
	src  []byte
	buf  []byte
	deep *schema.Node // the first value nested deeper than MaxDepth
}

func (p *printer) newline(depth int) {
	p.buf = append(p.buf, '\n')
	for range depth {
		p.buf = append(p.buf, ' ', ' ')
	}
}

func (p *printer) raw(s schema.Span) []byte { return p.src[s.Start:s.End] }

// value writes n, which stands at nesting depth depth in context c. The
// line it starts on already holds prefix columns; comma says a comma
// follows it on its last line.
func (p *printer) value(n *schema.Node, depth int, c ctx, prefix int, comma bool) {
	if p.deep != nil {
		return
	}
	if depth >= MaxDepth && (n.Kind == schema.Object || n.Kind == schema.Array) {
		p.deep = n
		return
	}
	switch n.Kind {
	case schema.Object:
		if len(n.Members) == 0 {
			p.buf = append(p.buf, "{}"...)
			return
		}
		if c == ctxItems {
			c = ctxSchema
		}
		members := n.Members
		if c == ctxSchema || c == ctxOption {
			members = ordered(members, c == ctxOption)
		}
		p.buf = append(p.buf, '{')
		for i, m := range members {
			p.newline(depth + 1)
			key := p.raw(m.KeySpan)
			p.buf = append(p.buf, key...)
			p.buf = append(p.buf, ": "...)
			last := i == len(members)-1
			p.value(m.Value, depth+1, memberCtx(c, m.Name), 2*(depth+1)+utf8.RuneCount(key)+2, !last)
			if !last {
				p.buf = append(p.buf, ',')
			}
		}
		p.newline(depth)
		p.buf = append(p.buf, '}')
	case schema.Array:
		if len(n.Elems) == 0 {
			p.buf = append(p.buf, "[]"...)
			return
		}
		elem := ctxData
		if c == ctxOneOf {
			elem = ctxOption
		}
		width := prefix
		if comma {
			width++
		}
		if p.fitsOnOneLine(n, width) {
			p.buf = append(p.buf, '[')
			for i, e := range n.Elems {
				if i > 0 {
					p.buf = append(p.buf, ", "...)
				}
				p.value(e, depth+1, elem, 0, false)
			}
			p.buf = append(p.buf, ']')
			return
		}
		p.buf = append(p.buf, '[')
		for i, e := range n.Elems {
			p.newline(depth + 1)
			last := i == len(n.Elems)-1
			p.value(e, depth+1, elem, 2*(depth+1), !last)
			if !last {
				p.buf = append(p.buf, ',')
			}
		}
		p.newline(depth)
		p.buf = append(p.buf, ']')
	default:
		p.buf = append(p.buf, p.raw(n.Span)...)
	}
}

// fitsOnOneLine reports whether the array n holds only primitives and empty
// objects or arrays, and fits on one line after used columns.
func (p *printer) fitsOnOneLine(n *schema.Node, used int) bool {
	width := used + 2 + 2*(len(n.Elems)-1) // the brackets and the separators
	if width > Width {
		return false
	}
	for _, e := range n.Elems {
		switch e.Kind {
		case schema.Object:
			if len(e.Members) > 0 {
				return false
			}
			width += 2
		case schema.Array:
			if len(e.Elems) > 0 {
				return false
			}
			width += 2
		default:
			width += utf8.RuneCount(p.raw(e.Span))
		}
		if width > Width {
			return false
		}
	}
	return true
}
