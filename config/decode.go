package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

// The keys of each mapping of the file, in the order Init and Print write
// them. The JSON Schema is tested against these lists.
func topKeys() []string {
	return []string{"files", "exclude", "fail-severity", "rules", "overrides", "ignore", "diff"}
}
func rulesKeys() []string    { return []string{"enable", "disable", "severity"} }
func overrideKeys() []string { return []string{"files", "rules"} }
func ignoreKeys() []string   { return []string{"rule", "file", "pointer", "reason"} }
func diffKeys() []string     { return []string{"accept"} }
func acceptKeys() []string   { return []string{"change", "file", "pointer", "reason"} }

// decoder reads the nodes of one file into a Config, collecting errors.
type decoder struct {
	name  string
	src   []byte
	lines []int // byte offset of the start of each line
	cat   []findings.Entry
	errs  ErrorList
}

// yamlLine finds the line in the YAML library's error messages, "yaml:
// line N: message" on one line. (It is not a regular expression: compiling
// one cost every start of every command 93 allocations.)
func yamlLine(s string) (line int, msg string, ok bool) {
	rest, ok := strings.CutPrefix(s, "yaml: line ")
	i := 0
	for ok && i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
		i++
	}
	if i == 0 || !strings.HasPrefix(rest[i:], ": ") || strings.Contains(rest, "\n") {
		return 0, "", false
	}
	line, _ = strconv.Atoi(rest[:i])
	return line, rest[i+2:], true
}

// decode parses src into c.
func (d *decoder) decode(c *Config) {
	d.lines = []int{0}
	for i, b := range d.src {
		if b == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(d.src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return // an empty file: every default
		}
		d.yamlError(err)
		return
	}
	var more yaml.Node
	if err := dec.Decode(&more); err == nil {
		d.errorf(&more, "got a second YAML document, want one")
	} else if !errors.Is(err, io.EOF) {
		d.yamlError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return // only comments
	}
	d.mapping(root, "the config", topKeys(), func(key string, k, v *yaml.Node) {
		switch key {
		case "files":
			c.Files = d.globs(v, `"files"`)
		case "exclude":
			c.Exclude = d.globs(v, `"exclude"`)
		case "fail-severity":
			if s, ok := d.str(v, `"fail-severity"`); ok {
				sev, err := parseLevel(s, false)
				if err != nil {
					d.errorf(v, `"fail-severity": got %q, want error, warning, warn, info or none`, s)
				}
				c.failSeverity = sev
			}
		case "rules":
			c.Rules = d.ruleSettings(v, `"rules"`)
		case "overrides":
			d.list(v, `"overrides"`, func(i int, item *yaml.Node) {
				o := Override{Pos: d.pos(item)}
				seen := false
				d.mapping(item, "an override", overrideKeys(), func(key string, k, v *yaml.Node) {
					switch key {
					case "files":
						o.Files, seen = d.globs(v, `"files"`), true
					case "rules":
						o.Rules = d.ruleSettings(v, `"rules"`)
					}
				})
				if !seen && item.Kind == yaml.MappingNode {
					d.errorf(item, `override: missing "files" (the globs it applies to)`)
				}
				c.Overrides = append(c.Overrides, o)
			})
		case "ignore":
			d.list(v, `"ignore"`, func(i int, item *yaml.Node) {
				if e, ok := d.exemption(item, "ignore entry", "rule", false); ok {
					e.Index = i
					c.Ignore = append(c.Ignore, e)
				}
			})
		case "diff":
			d.mapping(v, `"diff"`, diffKeys(), func(key string, k, v *yaml.Node) {
				d.list(v, `"accept"`, func(i int, item *yaml.Node) {
					if e, ok := d.exemption(item, "accept entry", "change", true); ok {
						e.Index = i
						c.Accept = append(c.Accept, e)
					}
				})
			})
		}
	})
}

// yamlError records an error of the YAML library, placed at the line it
// names.
func (d *decoder) yamlError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if l, m, ok := yamlLine(err.Error()); ok {
		line, msg = l, m
	}
	d.errs = append(d.errs, &Error{File: d.name, Line: line, Column: 1, Msg: "invalid YAML: " + msg})
}

// pos returns the position of a node, its column counted in bytes (the
// YAML library counts characters).
func (d *decoder) pos(n *yaml.Node) Position {
	p := Position{Line: n.Line, Column: n.Column}
	if n.Line < 1 || n.Line > len(d.lines) {
		return p
	}
	off := d.lines[n.Line-1]
	for i := 1; i < n.Column && off < len(d.src) && d.src[off] != '\n'; i++ {
		_, size := utf8.DecodeRune(d.src[off:])
		off += size
	}
	p.Column = off - d.lines[n.Line-1] + 1
	return p
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	p := d.pos(n)
	d.errs = append(d.errs, &Error{File: d.name, Line: p.Line, Column: p.Column, Msg: fmt.Sprintf(format, args...)})
}

// describe names what a node holds, for "got X, want Y".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias (*" + n.Value + "); aliases are not supported"
	}
	switch n.ShortTag() {
	case "!!str":
		return fmt.Sprintf("a string (%q)", n.Value)
	case "!!int":
		return "an integer (" + n.Value + ")"
	case "!!float":
		return "a number (" + n.Value + ")"
	case "!!bool":
		return "a boolean (" + n.Value + ")"
	case "!!null":
		return "null"
	}
	return "a value of type " + n.ShortTag()
}

// pairs returns the key and value nodes of a mapping with string keys,
// reporting a node that is no mapping, a key that is no string and a
// duplicate key.
func (d *decoder) pairs(n *yaml.Node, what string) [][2]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: got %s, want a mapping", what, describe(n))
		return nil
	}
	seen := map[string]*yaml.Node{}
	out := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			d.errorf(k, "%s: got %s as a key, want a string", what, describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			p := d.pos(first)
			d.errorf(k, "duplicate key %q, first at %d:%d", k.Value, p.Line, p.Column)
			continue
		}
		seen[k.Value] = k
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

// mapping calls fn for each key of a mapping among keys, in file order.
// Other keys and the mistakes pairs reports are errors.
func (d *decoder) mapping(n *yaml.Node, what string, keys []string, fn func(key string, k, v *yaml.Node)) {
	for _, kv := range d.pairs(n, what) {
		k, v := kv[0], kv[1]
		if !contains(keys, k.Value) {
			d.errorf(k, "unknown key %q in %s (want %s)", k.Value, what, orList(keys))
			continue
		}
		fn(k.Value, k, v)
	}
}

// list calls fn for each item of a sequence.
func (d *decoder) list(n *yaml.Node, what string, fn func(i int, item *yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s: got %s, want a list", what, describe(n))
		return
	}
	for i, item := range n.Content {
		fn(i, item)
	}
}

// str returns the value of a string scalar.
func (d *decoder) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		d.errorf(n, "%s: got %s, want a string", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// strs returns the strings of a list of strings, with their nodes.
func (d *decoder) strs(n *yaml.Node, what string) (out []string, nodes []*yaml.Node) {
	d.list(n, what, func(i int, item *yaml.Node) {
		if s, ok := d.str(item, what+" item"); ok {
			out = append(out, s)
			nodes = append(nodes, item)
		}
	})
	return out, nodes
}

// globs returns a list of globs, each checked.
func (d *decoder) globs(n *yaml.Node, what string) []string {
	list, nodes := d.strs(n, what)
	out := list[:0]
	for i, g := range list {
		if d.glob(nodes[i], g) {
			out = append(out, g)
		}
	}
	return out
}

// glob checks one glob: doublestar syntax, relative to the config folder.
func (d *decoder) glob(n *yaml.Node, g string) bool {
	switch {
	case g == "":
		d.errorf(n, "empty glob")
	case !doublestar.ValidatePattern(g):
		d.errorf(n, "bad glob %q: syntax error in pattern", g)
	case path.IsAbs(g) || strings.Contains(g, `\`):
		d.errorf(n, "bad glob %q: want a path relative to the config file's folder, with / between names", g)
	case g == ".." || strings.HasPrefix(g, "../") || strings.Contains(g, "/../"):
		d.errorf(n, "bad glob %q: want files inside the config file's folder, without ..", g)
	default:
		return true
	}
	return false
}

// ruleSettings reads a `rules` block.
func (d *decoder) ruleSettings(n *yaml.Node, what string) RuleSettings {
	var rs RuleSettings
	d.mapping(n, what, rulesKeys(), func(key string, k, v *yaml.Node) {
		switch key {
		case "enable", "disable":
			list, nodes := d.strs(v, `"`+key+`"`)
			for i, p := range list {
				if d.rulePattern(nodes[i], p, false) {
					if key == "enable" {
						rs.Enable = append(rs.Enable, p)
					} else {
						rs.Disable = append(rs.Disable, p)
					}
				}
			}
		case "severity":
			for _, kv := range d.pairs(v, `"severity"`) {
				pk, pv := kv[0], kv[1]
				pat := pk.Value
				if !d.rulePattern(pk, pat, false) {
					continue
				}
				s, ok := d.str(pv, fmt.Sprintf("severity of %q", pat))
				if !ok {
					continue
				}
				sev, err := parseLevel(s, true)
				if err != nil {
					d.errorf(pv, "severity of %q: got %q, want error, warning, warn, info or off", pat, s)
					continue
				}
				rs.Severity = append(rs.Severity, Level{Pattern: pat, Severity: sev, Off: sev == findings.None})
			}
		}
	})
	return rs
}

// rulePattern checks that a pattern names a rule (or, for changes, a
// change kind) of the catalogue.
func (d *decoder) rulePattern(n *yaml.Node, pat string, change bool) bool {
	return d.ruleIDs(n, pat, change) != nil
}

// ruleIDs returns the IDs a pattern names, or nil after reporting that it
// names none.
func (d *decoder) ruleIDs(n *yaml.Node, pat string, change bool) []string {
	if pat == "" {
		d.errorf(n, "empty rule pattern")
		return nil
	}
	if _, err := path.Match(pat, ""); err != nil {
		d.errorf(n, "bad rule pattern %q: syntax error in pattern", pat)
		return nil
	}
	ids := matchIDs(d.cat, pat, change)
	if len(ids) > 0 {
		return ids
	}
	if !change && len(matchIDs(d.cat, pat, true)) > 0 {
		d.errorf(n, "%q is a change kind; accept changes under diff.accept", pat)
		return nil
	}
	if change {
		d.errorf(n, "unknown change kind %q (see 'triggerlint rules')", pat)
	} else {
		d.errorf(n, "unknown rule %q (see 'triggerlint rules')", pat)
	}
	return nil
}

// matchIDs returns the IDs of the catalogue entries a pattern names: "all",
// an ID, a name, or a glob over either. With change, only change kinds
// count; without, only rules. The IDs of stale-entry findings never count.
func matchIDs(cat []findings.Entry, pat string, change bool) []string {
	var out []string
	glob := strings.ContainsAny(pat, `*?[\`)
	upper := strings.ToUpper(pat)
	for _, e := range cat {
		if (e.Category == findings.Change) != change || e.ID == findings.StaleIgnoreID || e.ID == findings.StaleAcceptID {
			continue
		}
		var ok bool
		switch {
		case pat == "all":
			ok = true
		case !glob:
			ok = strings.EqualFold(pat, e.ID) || pat == e.Name
		default:
			okID, _ := path.Match(upper, strings.ToUpper(e.ID))
			okName, _ := path.Match(pat, e.Name)
			ok = okID || okName
		}
		if ok {
			out = append(out, e.ID)
		}
	}
	return out
}

// exemption reads an ignore or accept entry; idKey is "rule" or "change".
func (d *decoder) exemption(n *yaml.Node, what, idKey string, change bool) (Exemption, bool) {
	e := Exemption{Pos: d.pos(n), File: "**", Pointer: "/**"}
	keys := ignoreKeys()
	if change {
		keys = acceptKeys()
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: got %s, want a mapping", what, describe(n))
		return e, false
	}
	before := len(d.errs)
	hasID, hasReason := false, false
	d.mapping(n, what, keys, func(key string, k, v *yaml.Node) {
		hasID = hasID || key == idKey
		hasReason = hasReason || key == "reason"
		s, ok := d.str(v, fmt.Sprintf("%s %q", what, key))
		if !ok {
			return
		}
		switch key {
		case "rule", "change":
			if ids := d.ruleIDs(v, s, change); ids != nil {
				e.Rule, e.IDs = s, ids
			}
		case "file":
			if d.glob(v, s) {
				e.File = s
			}
		case "pointer":
			e.Pointer = s
			if !validPointerPattern(s) {
				d.errorf(v, "bad pointer %q: want an RFC 6901 pointer such as \"/properties/orderId\", or a prefix ending in \"/**\"", s)
			}
		case "reason":
			e.Reason = strings.TrimSpace(s)
			if e.Reason == "" {
				d.errorf(v, "%s: empty \"reason\"; say why it is accepted", what)
			}
		}
	})
	if !hasID {
		d.errorf(n, "%s: missing %q", what, idKey)
	}
	if !hasReason {
		d.errorf(n, "%s: missing \"reason\"; say why it is accepted", what)
	}
	return e, len(d.errs) == before
}

// validPointerPattern reports whether s is an RFC 6901 pointer, or one
// followed by "/**".
func validPointerPattern(s string) bool {
	p, _ := strings.CutSuffix(s, "/**")
	return schema.Pointer(p).Valid() && !strings.Contains(p, "*")
}

// parseLevel reads a severity name; "warn" is Warning. With off, "off" is
// accepted and returned as None; without, "none" is.
func parseLevel(s string, off bool) (findings.Severity, error) {
	switch {
	case s == "warn":
		return findings.Warning, nil
	case off && s == "off":
		return findings.None, nil
	case off && s == "none":
		return 0, &findings.SeverityError{Name: s}
	}
	return findings.ParseSeverity(s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// orList writes "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return "no key"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
