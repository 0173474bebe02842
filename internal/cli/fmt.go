package cli

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/fix"
	"github.com/triggerkit/triggerkit/format"
	"github.com/triggerkit/triggerkit/internal/atomicfile"
	"github.com/triggerkit/triggerkit/internal/walk"
)

// fmtExitCodes are the exit codes of fmt.
const fmtExitCodes = `  0  every file is formatted (written, or already so)
  1  --check or --diff: some files are not formatted
  2  usage error, unreadable file, or a file fmt refuses (it does not parse
     cleanly or repeats a key); the other files are still formatted`

// newFmtCommand returns "fmt".
func newFmtCommand(a *app) *cobra.Command {
	var in inputFlags
	var wf workflowFlags
	var check, showDiff, forceExclude bool
	c := &cobra.Command{
		Use:   "fmt [flags] PATH...",
		Short: "rewrite schema files in the canonical layout",
		Long: `Rewrites each schema file in the one canonical layout: keys of every schema
object in a fixed order (type, title, description, format, ..., examples,
items, properties, oneOf, required, then other keys as they were), the keys
of "properties" in your order, two-space indentation, arrays of primitives on
one line when they fit in 100 columns, a final newline. Strings and numbers
are copied byte for byte; the meaning never changes. Each changed file is
written atomically (a temporary file in the same directory, synced and
renamed over it, its mode kept). A file that does not parse cleanly (even a
comment or a trailing comma), or that repeats a key, is refused and left as
it is: run 'triggerlint fix' first. "-" reads standard input and writes the
formatted schema to standard output.`,
		Example: `  triggerlint fmt triggers/
  triggerlint fmt --check triggers/
  triggerlint fmt --diff examples/order-paid.json
  triggerlint fmt - < schema.json`,
		Annotations: map[string]string{exitAnnotation: fmtExitCodes},
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("no files to format")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			cfg, code := loadConfig(env, &wf, catalogue(a.ruleSet))
			if code != ExitOK {
				return exit(code)
			}
			opts := walk.Options{Dir: env.Dir, ForceExclude: forceExclude, MaxSize: int64(in.maxSize), Stdin: env.Stdin}
			if cfg != nil {
				opts.Include = cfg.Includes
			}
			return exit(fmtCommand(args, env, opts, check, showDiff))
		},
	}
	c.Flags().BoolVar(&check, "check", false, "write nothing; list the files that are not formatted, and exit 1 if there are any")
	c.Flags().BoolVar(&showDiff, "diff", false, "write nothing; print a unified diff for each file that is not formatted, and exit 1 if there are any")
	c.Flags().BoolVar(&forceExclude, "force-exclude", false, "leave out named files that the config's files and exclude leave out, and JSON that is no trigger schema (the pre-commit hooks pass it)")
	c.Flags().StringVar(&wf.config, "config", "", "read files and exclude from this `file` instead of the .triggerlint.yaml found from the working directory up to the repository root")
	c.Flags().BoolVar(&wf.noConfig, "no-config", false, "read no config file")
	in.register(c.Flags())
	return c
}

// fmtCommand formats the files of paths and returns the exit code. Without
// --check or --diff it writes each changed file; with --check it lists the
// files that are not formatted on stdout, with --diff it prints their
// diffs (which name them) instead. Refused and unreadable files are
// reported on stderr and make the exit code 2; the others are still
// processed.
func fmtCommand(paths []string, env Env, opts walk.Options, check, showDiff bool) int {
	// The walk of lint: .gitignore honoured, JSON that is no trigger
	// schema left alone, the config's files and exclude applied. One file
	// at a time, read when its turn comes; what is said of each follows
	// what is said of the walk, as if every file had been read first.
	held, stderr := holdStderr(env, 2)
	emptyEnv, fileEnv := held[0], held[1]
	defer stderr.flush()
	reserve := holdHeapReserve()
	defer runtime.KeepAlive(reserve)
	failed := false
	unformatted := false
	for e := range walk.Walk(paths, opts) {
		src, err := readEntry(e)
		if done, bad := walkProblem(err, e.Name, env, emptyEnv, fileEnv); done {
			failed = failed || bad
			continue
		}
		name := findings.Escape(e.Name)
		out, err := format.Source(src)
		if err != nil {
			reportRefused(fileEnv, name, err)
			failed = true
			continue
		}
		if e.Name == "<stdin>" && !check && !showDiff {
			env.Stdout.Write(out)
			continue
		}
		if bytes.Equal(out, src) {
			continue
		}
		unformatted = true
		switch {
		case showDiff:
			writeDiff(env, fix.Unified(e.Name, src, out))
		case check:
			fmt.Fprintln(env.Stdout, name)
		default:
			if err := atomicfile.Write(env.path(e.Name), out, nil); err != nil {
				fmt.Fprintf(fileEnv.Stderr, "triggerlint: %s\n", findings.Escape(err.Error()))
				failed = true
				continue
			}
			fileEnv.verbosef("formatted %s", name)
		}
	}
	switch {
	case failed:
		return ExitError
	case unformatted && (check || showDiff):
		return ExitFindings
	}
	return ExitOK
}

// reportRefused prints why fmt refuses a file: each problem at its line
// and column, then what to do.
func reportRefused(env Env, name string, err error) {
	var fe *format.FormatError
	if !errors.As(err, &fe) {
		fmt.Fprintf(env.Stderr, "triggerlint: %s: %s\n", name, findings.Escape(err.Error()))
		return
	}
	for _, e := range fe.Errors {
		fmt.Fprintf(env.Stderr, "triggerlint: %s:%d:%d: %s\n", name, e.Pos.Line, e.Pos.Column, findings.Escape(e.Msg))
	}
	fmt.Fprintf(env.Stderr, "triggerlint: %s: not formatted: fix the problems above first\n", name)
}
