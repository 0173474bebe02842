package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/schema"
)

const diffUsage = `Usage: triggerlint diff [flags] OLD NEW
       triggerlint diff [flags] --base REV [PATH...]

Compares two versions of a trigger payload schema and classifies every
change: breaking (error), dangerous (warning) or safe (info). Each breaking
or dangerous change comes with an example payload: one the old version
accepts and the new one refuses (the app's side), one the new version
accepts and the old one refused (the automations' side), or one whose
meaning for automations changed.

With --base, every *.json file under PATH (default: the whole working tree)
that differs from its version at REV is compared: modified, added, deleted
and renamed files, and untracked ones. Files that are not payload schemas
(no "properties", "type" or "$schema" at the root) are skipped.

Examples:
  triggerlint diff old/order-paid.json schemas/order-paid.json
  triggerlint diff --base origin/main schemas/
  triggerlint diff --base v1.4.0 --fail-severity warning --format json

Exit codes: 0 no change at or above --fail-severity; 1 changes at or above
it; 2 usage error, or a file that cannot be read or parsed (nothing is
classified from a file that did not parse; the other files still are).

Flags:
`

func diffCommand(args []string, env Env) int {
	fset := newFlagSet("triggerlint diff", diffUsage, "", env)
	var out outputOptions
	out.flags(fset)
	base := fset.String("base", "", "compare the working tree with this git `revision` (a branch, tag or SHA)")
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	usage := usageError("triggerlint", env)
	useColor, err := outputStyle(out.format, out.color, env)
	if err != nil {
		return usage("%v", err)
	}

	var pairs []filePair
	failed := false
	if *base == "" {
		if fset.NArg() != 2 {
			return usage("diff needs OLD and NEW, or --base REV (see 'triggerlint diff -h')")
		}
		p := filePair{oldName: fset.Arg(0), newName: fset.Arg(1), both: true}
		for i, name := range []string{p.oldName, p.newName} {
			src, err := os.ReadFile(env.path(name))
			if err != nil {
				fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
				failed = true
			}
			if i == 0 {
				p.oldSrc = src
			} else {
				p.newSrc = src
			}
		}
		if failed {
			return ExitError
		}
		pairs = append(pairs, p)
	} else {
		pairs, err = basePairs(*base, fset.Args(), env)
		if err != nil {
			return usage("%v", err)
		}
	}

	w := newFindingWriter(env.Stdout, out.format, useColor)
	w.files = len(pairs)
	for _, p := range pairs {
		fs, ok := p.compare(env.Stderr)
		if !ok {
			failed = true
			continue
		}
		for _, f := range fs {
			w.write(f)
		}
	}
	return w.done(env, failed, out.fail)
}

// filePair is one schema in two versions. A version that does not exist has
// no name when only one side exists (an added or deleted file).
type filePair struct {
	oldName, newName string
	oldSrc, newSrc   []byte
	both             bool // compare contents: the file exists in both versions
	moved            bool // git saw a rename
}

// compare parses both versions and returns the changes as findings. It
// reports parse errors on w and returns false for a version that does not
// parse.
func (p filePair) compare(w io.Writer) ([]findings.Finding, bool) {
	load := func(name string, src []byte) (*schema.Document, bool) {
		doc, err := schema.Load(name, src)
		var list schema.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				fmt.Fprintf(w, "%s:%d:%d: %s\n", findings.Escape(name), e.Pos.Line, e.Pos.Column, findings.Escape(e.Msg))
			}
			return nil, false
		}
		return doc, true
	}
	var oldDoc, newDoc *schema.Document
	ok := true
	if p.oldName != "" {
		oldDoc, ok = load(p.oldName, p.oldSrc)
	}
	if p.newName != "" {
		var okNew bool
		newDoc, okNew = load(p.newName, p.newSrc)
		ok = ok && okNew
	}
	if !ok {
		return nil, false
	}
	whole := func(doc *schema.Document, id, msg string) findings.Finding {
		k, _ := diff.KindOf(id)
		return diff.Change{Kind: k, Span: schema.Span{End: 1}, Message: msg}.Finding(doc.File)
	}
	switch {
	case p.oldName == "":
		return []findings.Finding{whole(newDoc, diff.SchemaAdded, "new schema file")}, true
	case p.newName == "":
		return []findings.Finding{whole(oldDoc, diff.SchemaRemoved,
			"schema file deleted: automations built on this trigger lose its payload")}, true
	}
	changes, err := diff.Compare(oldDoc, newDoc)
	if err != nil {
		fmt.Fprintf(w, "triggerlint: %s: %v\n", p.newName, err)
		return nil, false
	}
	var out []findings.Finding
	if p.moved {
		out = append(out, whole(newDoc, diff.SchemaMoved, fmt.Sprintf("schema file moved from %s", p.oldName)))
	}
	for _, c := range changes {
		f := newDoc.File
		if c.Side == diff.Old {
			f = oldDoc.File
		}
		out = append(out, c.Finding(f))
	}
	return out, true
}

// basePairs lists the schema files that changed since rev, with both
// versions read.
func basePairs(rev string, paths []string, env Env) ([]filePair, error) {
	r, err := openRepo(env.Dir)
	if err != nil {
		return nil, err
	}
	if err := r.resolve(rev); err != nil {
		return nil, err
	}
	changes, err := r.changes(rev, paths)
	if err != nil {
		return nil, err
	}
	var olds []string
	for _, c := range changes {
		if c.oldPath != "" {
			olds = append(olds, c.oldPath)
		}
	}
	oldFiles, err := r.show(rev, olds)
	if err != nil {
		return nil, err
	}
	var pairs []filePair
	for _, c := range changes {
		p := filePair{moved: c.oldPath != "" && c.newPath != "" && c.oldPath != c.newPath}
		if c.oldPath != "" {
			p.oldName, p.oldSrc = rev+":"+c.oldPath, oldFiles[c.oldPath]
		}
		if c.newPath != "" {
			src, err := os.ReadFile(r.abs(c.newPath))
			if err != nil {
				return nil, err
			}
			p.newName, p.newSrc = c.newPath, src
		}
		if p.oldName != "" && p.newName != "" && string(p.oldSrc) == string(p.newSrc) && !p.moved {
			continue
		}
		if !looksLikeSchema(p.oldSrc) && !looksLikeSchema(p.newSrc) {
			continue
		}
		pairs = append(pairs, p)
	}
	return pairs, nil
}

// looksLikeSchema reports whether src could be a payload schema: a JSON
// object with "properties", "type" or "$schema" at its root. Text that does
// not parse counts, so that its errors are reported.
func looksLikeSchema(src []byte) bool {
	if src == nil {
		return false
	}
	f, err := schema.Parse("", src)
	if err != nil || f.Root == nil {
		return true
	}
	return f.Root.Get("properties") != nil || f.Root.Get("type") != nil || f.Root.Get("$schema") != nil
}

// path resolves a command-line path against the environment's folder.
func (e Env) path(p string) string {
	if e.Dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.Dir, p)
}
