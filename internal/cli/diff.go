package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/walk"
	"github.com/triggerkit/triggerkit/lint"
)

// newDiffCommand returns "diff".
func newDiffCommand(a *app) *cobra.Command {
	var flags diffFlags
	c := &cobra.Command{
		Use:   "diff [flags] OLD NEW",
		Short: "classify the changes between two versions of a schema: breaking, dangerous or safe",
		Long: `Compares two versions of a trigger payload schema and classifies every
change: breaking (error), dangerous (warning) or safe (info). Each breaking
or dangerous change comes with an example payload: one the old version
accepts and the new one refuses (the app's side), one the new version
accepts and the old one refused (the automations' side), or one whose
meaning for automations changed.

With --base, every *.json file under PATH (default: the whole working tree)
that differs from its version at REV is compared: modified, added, deleted
and renamed files, and untracked ones. Files that are not payload schemas
(no "properties", "type" or "$schema" at the root) are skipped. A schema
moved out of the checked files (renamed to *.json.bak, or moved out of
PATH) counts as deleted. A PATH that names nothing is an error. Files are
never read through a symbolic link that leaves the repository.`,
		Example: `  triggerlint diff old/order-paid.json schemas/order-paid.json
  triggerlint diff old/order-paid.json schemas/order-paid.json --format json
  triggerlint diff --base origin/main schemas/
  triggerlint diff --base v1.4.0 --fail-severity warning --format json`,
		Annotations: map[string]string{
			usageAnnotation: "triggerlint diff [flags] OLD NEW\ntriggerlint diff [flags] --base REV [PATH...]",
			exitAnnotation: `  0  no change at or above --fail-severity
  1  changes at or above --fail-severity
  2  usage error, or a file that cannot be read or parsed (nothing is
     classified from a file that did not parse; the other files still are)`,
		},
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			code, err := diffCommand(args, env, a.ruleSet, &flags)
			if err != nil {
				return err
			}
			return exit(code)
		},
	}
	flags.register(c.Flags())
	return c
}

// diffFlags are the flags of diff.
type diffFlags struct {
	reportFlags
	base string
}

func (f *diffFlags) register(fs *pflag.FlagSet) {
	f.reportFlags.register(fs)
	fs.StringVar(&f.base, "base", "", "compare the working tree with this git `revision` (a branch, tag or SHA)")
}

func diffCommand(args []string, env Env, ruleSet []*lint.Rule, opts *diffFlags) (int, error) {
	useColor, err := opts.style(env)
	if err != nil {
		return 0, err
	}
	maxSize := int64(opts.maxSize)
	cfg, code := loadConfig(env, &opts.workflowFlags, catalogue(ruleSet))
	if code != ExitOK {
		return code, nil
	}
	resolve := env.absPath

	var pairs []diff.FilePair
	failed := false
	if opts.base == "" {
		if len(args) != 2 {
			return 0, usagef("diff needs OLD and NEW, or --base REV; got %s", countArgs(len(args)))
		}
		var p diff.FilePair
		for i, name := range args {
			src, err := readWhole(name, env, maxSize)
			if err != nil {
				fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
				failed = true
			}
			// Two versions of one file: one path, two names.
			v := diff.FileVersion{Path: args[1], Name: name, Src: src}
			if i == 0 {
				p.Old = v
			} else {
				p.New = v
			}
		}
		if failed {
			return ExitError, nil
		}
		pairs = append(pairs, p)
	} else {
		var readErrs []error
		var top string
		pairs, top, readErrs, err = basePairs(opts.base, args, env, maxSize, cfg)
		if err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
			return ExitError, nil
		}
		for _, err := range readErrs {
			fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
			failed = true
		}
		// Findings name files by their repository path, the old version
		// of a removed one as REV:path.
		resolve = func(name string) string {
			return filepath.Join(top, filepath.FromSlash(strings.TrimPrefix(name, opts.base+":")))
		}
	}
	wf, code := newWorkflow(env, &opts.workflowFlags, cfg, true, resolve)
	if code != ExitOK {
		return code, nil
	}

	results, errs := diff.CompareFiles(pairs)
	for i := range pairs {
		if err := errs[i]; err != nil {
			reportCompareError(env.Stderr, err)
			failed = true
		}
	}
	w := newFindingWriter(env, &opts.outputFlags, useColor, wf, opts.showIgnored, ruleSet, opts.failSeverity(cfg))
	for _, p := range pairs {
		// The files read, by their names: OLD and NEW, or with --base the
		// working tree's files at the repository paths.
		for _, v := range []diff.FileVersion{p.Old, p.New} {
			name := v.Name
			if name == "" {
				name = v.Path
			}
			if name != "" && v.Src != nil {
				w.inputs = append(w.inputs, resolve(name))
			}
		}
	}
	for _, r := range results {
		name := r.Pair.New.Name
		if name == "" {
			name = r.Pair.New.Path
		}
		if name == "" {
			name = r.Pair.Old.Name
		}
		w.file(name)
		for _, c := range r.Changes {
			doc := r.NewDoc
			if c.Side == diff.Old || doc == nil {
				doc = r.OldDoc
			}
			w.write(c.Finding(doc.File))
		}
	}
	return w.done(env, failed, opts.failSeverity(cfg)), nil
}

// reportCompareError writes why a file was not compared: each parse error
// as FILE:LINE:COL: MESSAGE, or one line for the rest.
func reportCompareError(w io.Writer, err error) {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, err := range errs {
		var pe *diff.ParseError
		if errors.As(err, &pe) && !pe.NotJSON {
			for _, e := range pe.Errors {
				fmt.Fprintf(w, "%s:%d:%d: %s\n", findings.Escape(pe.Name), e.Pos.Line, e.Pos.Column, findings.Escape(e.Msg))
			}
			continue
		}
		fmt.Fprintf(w, "triggerlint: %v\n", err)
	}
}

// basePairs lists the files that changed since rev under paths, with both
// versions read: the old one from git, the new one from the working tree.
// A file that cannot be read is left out and its error returned in the
// second result; the third is for errors that stop the whole comparison.
func basePairs(rev string, paths []string, env Env, maxSize int64, cfg *config.Config) ([]diff.FilePair, string, []error, error) {
	r, err := openRepo(env.Dir)
	if err != nil {
		return nil, "", nil, err
	}
	if err := r.resolve(rev); err != nil {
		return nil, "", nil, err
	}
	changes, err := r.changes(rev, paths)
	if err != nil {
		return nil, "", nil, err
	}
	if cfg != nil {
		// The config's files and exclude narrow the gated set.
		kept := changes[:0]
		for _, c := range changes {
			oldIn := c.oldPath != "" && cfg.Includes(r.abs(c.oldPath))
			newIn := c.newPath != "" && cfg.Includes(r.abs(c.newPath))
			if !oldIn && !newIn {
				env.verbosef("skipped %s: %s", findings.Escape(c.newPath+c.oldPath), walk.ReasonExcluded)
				continue
			}
			kept = append(kept, c)
		}
		changes = kept
	}
	var blobs []string
	for _, c := range changes {
		if c.oldPath != "" && !c.oldLink {
			blobs = append(blobs, c.oldBlob)
		}
	}
	oldFiles, err := r.blobs(blobs, maxSize)
	if err != nil {
		return nil, "", nil, err
	}
	var pairs []diff.FilePair
	var readErrs []error
	for _, c := range changes {
		p := diff.FilePair{
			Old: diff.FileVersion{Path: c.oldPath, Outside: c.oldOutside},
			New: diff.FileVersion{Path: c.newPath, Outside: c.newOutside},
		}
		if c.oldPath != "" {
			p.Old.Name = rev + ":" + c.oldPath
		}
		if c.oldPath != "" && c.oldOutside {
			// Moved in from outside the gated set: its old version is
			// compared when it reads as a schema, else the file is new.
			if b := oldFiles[c.oldBlob]; b.err == nil && !c.oldLink {
				p.Old.Src = b.data
			}
		} else if c.oldPath != "" {
			b := oldFiles[c.oldBlob]
			switch {
			case c.oldLink:
				readErrs = append(readErrs, fmt.Errorf("%s: a symbolic link at %s, not followed", p.Old.Name, rev))
				continue
			case b.err != nil:
				readErrs = append(readErrs, fmt.Errorf("%s: %v", p.Old.Name, b.err))
				continue
			}
			p.Old.Src = b.data
		}
		if c.newPath != "" && !c.newOutside {
			src, err := r.readWorking(c.newPath, maxSize)
			if err != nil {
				readErrs = append(readErrs, err)
				continue
			}
			p.New.Src = src
		}
		pairs = append(pairs, p)
	}
	return pairs, r.top, readErrs, nil
}
