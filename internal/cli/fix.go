package cli

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/fix"
	"github.com/triggerkit/triggerkit/internal/atomicfile"
	"github.com/triggerkit/triggerkit/internal/walk"
	"github.com/triggerkit/triggerkit/lint"
)

// fixFlags are the flags of fix, and of lint --fix.
type fixFlags struct {
	diff, dryRun, unsafe bool
	rules                []string
}

func (f *fixFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.diff, "diff", false, "print a unified diff of the fixes instead of writing the files")
	fs.BoolVar(&f.dryRun, "dry-run", false, "say what would be fixed, and write nothing")
	fs.BoolVar(&f.unsafe, "unsafe-fixes", false, "apply fixes marked unsafe too (likely but not certain ones)")
	fs.StringSliceVar(&f.rules, "rules", nil, "apply the fixes of these `rules` only (IDs or names, comma-separated or repeated); their unsafe fixes too")
}

// newFixCommand returns "fix".
func newFixCommand(a *app) *cobra.Command {
	var lf lintFlags
	var ff fixFlags
	c := &cobra.Command{
		Use:   "fix [flags] PATH...",
		Short: "apply the automatic fixes of lint findings to schema files",
		Long: `Lints each schema file, applies the fixes of its findings, lints the result
and repeats until nothing changes (at most 10 rounds), then writes the file
atomically (a temporary file in the same directory, synced and renamed over
it, its mode kept) and prints the findings left, as lint does. Only the edited
bytes change: indentation, line endings and key order stay. A file whose fixes
would make it parse worse is not changed. Unsafe fixes apply only with
--unsafe-fixes or to the rules named by --rules. The exit code is lint's, for
the findings left.`,
		Example: `  triggerlint fix examples/
  triggerlint fix --diff examples/appointment-booked.json
  triggerlint fix --rules TK5003,TK3008 triggers/
  triggerlint fix --dry-run triggers/`,
		Annotations: map[string]string{exitAnnotation: exitCodes},
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("no files to fix")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			code, err := fixCommand(args, env, a.ruleSet, &lf, &ff)
			if err != nil {
				return err
			}
			return exit(code)
		},
	}
	lf.register(c.Flags())
	ff.register(c.Flags())
	return c
}

// fixCommand fixes the files and prints what it changed on stderr (or the
// diffs on stdout with --diff), then the findings left as lint prints them.
func fixCommand(paths []string, env Env, ruleSet []*lint.Rule, lf *lintFlags, ff *fixFlags) (int, error) {
	useColor, err := lf.style(env)
	if err != nil {
		return 0, err
	}
	if err := lint.Validate(ruleSet); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: internal error: invalid rule set: %v\n", err)
		return ExitError, nil
	}
	cfg, code := loadConfig(env, &lf.workflowFlags, catalogue(ruleSet))
	if code != ExitOK {
		return code, nil
	}
	linters := linterCache{ruleSet: ruleSet, flags: lf.sel, byKey: map[string]*lint.Linter{}}
	if _, err := linters.get(cfg, ""); err != nil {
		return 0, &UsageError{Msg: err.Error()}
	}
	wf, code := newWorkflow(env, &lf.workflowFlags, cfg, false, nil)
	if code != ExitOK {
		return code, nil
	}
	opts := fix.Options{Unsafe: ff.unsafe}
	for _, name := range ff.rules {
		for _, pat := range strings.Split(name, ",") {
			r := lint.Find(ruleSet, strings.TrimSpace(pat))
			if r == nil {
				return 0, usagef("--rules: %q names no rule (see 'triggerlint rules')", pat)
			}
			opts.Rules = append(opts.Rules, r.ID)
		}
	}
	if len(opts.Rules) > 0 {
		opts.Unsafe = true // a named rule's unsafe fixes apply
	}
	write := !ff.diff && !ff.dryRun
	if write && slices.Contains(paths, "-") {
		return 0, usagef(`fix cannot write standard input; use --diff or --dry-run with "-"`)
	}

	paths, err = schemaPaths(paths, env, cfg)
	if err != nil {
		return 0, err
	}
	outEnv, of := env, lf.outputFlags
	if ff.diff {
		// The diff is the output: the findings left, past the config's
		// suppressions and the baseline, decide the exit code only.
		outEnv.Stdout, of.output = io.Discard, ""
	}
	out := newFindingWriter(outEnv, &of, useColor, wf, lf.showIgnored, ruleSet, lf.failSeverity(cfg))
	// One file at a time, read when its turn comes; what is said of each
	// follows what is said of the walk, as if every file had been read
	// first.
	held, stderr := holdStderr(env, 3)
	emptyEnv, readEnv, fileEnv := held[0], held[1], held[2]
	failed := false
	reserve := holdHeapReserve()
	defer runtime.KeepAlive(reserve)
	for e := range walk.Walk(paths, schemaWalkOptions(env, cfg, lf.forceExclude, int64(lf.maxSize))) {
		src, err := readEntry(e)
		if done, bad := walkProblem(err, e.Name, env, emptyEnv, readEnv); done {
			failed = failed || bad
			continue
		}
		out.file(e.Name)
		if out.writesFile() {
			out.inputs = append(out.inputs, e.Path)
		}
		linter, err := linters.get(cfg, e.Path)
		if err != nil {
			stderr.flush()
			return 0, &UsageError{Msg: err.Error()}
		}
		res, err := fix.File(e.Name, src, linter, opts)
		for _, e := range joined(err) {
			fmt.Fprintf(fileEnv.Stderr, "triggerlint: %s\n", findings.Escape(e.Error()))
			failed = true
		}
		if res.Reverted {
			fileEnv.warnf("%s: some fixes were not applied: they would have made the file parse worse", findings.Escape(e.Name))
		}
		if res.Changed {
			switch {
			case ff.diff:
				writeDiff(env, fix.Unified(e.Name, src, res.Src))
			case write:
				if err := atomicfile.Write(env.path(e.Name), res.Src, nil); err != nil {
					fmt.Fprintf(fileEnv.Stderr, "triggerlint: %s\n", findings.Escape(err.Error()))
					failed = true
					writeFindings(out, res.Findings)
					continue
				}
			}
			verb := "fixed"
			if !write {
				verb = "would fix"
			}
			fileEnv.notef("%s %s: %s", verb, findings.Escape(e.Name), appliedText(res.Applied))
		}
		writeFindings(out, res.Findings)
	}
	stderr.flush()
	return out.done(env, failed, lf.failSeverity(cfg)), nil
}

// writeFindings writes a file's findings.
func writeFindings(out *findingWriter, fs []findings.Finding) {
	for _, f := range fs {
		out.write(f)
	}
}

// appliedText lists the fixes applied by rule: "3 fixes (TK3002 2, TK5003 1)".
func appliedText(applied map[string]int) string {
	ids := make([]string, 0, len(applied))
	total := 0
	for id, n := range applied {
		ids = append(ids, id)
		total += n
	}
	sort.Strings(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d", id, applied[id])
	}
	noun := "fixes"
	if total == 1 {
		noun = "fix"
	}
	return fmt.Sprintf("%d %s (%s)", total, noun, strings.Join(parts, ", "))
}

// writeDiff writes a unified diff with each line escaped (findings.Escape),
// so that no control character of a file reaches the terminal; the line
// breaks stay, and so does the CR of a CRLF line break, which a terminal
// shows as nothing and without which patch(1) refuses the diff of a CRLF
// file. A CR anywhere else is escaped.
func writeDiff(env Env, d string) {
	var b strings.Builder
	for _, line := range strings.SplitAfter(d, "\n") {
		body, lf := strings.CutSuffix(line, "\n")
		cr := false
		if lf {
			body, cr = strings.CutSuffix(body, "\r")
		}
		b.WriteString(findings.Escape(body))
		if cr {
			b.WriteByte('\r')
		}
		if lf {
			b.WriteByte('\n')
		}
	}
	fmt.Fprint(env.Stdout, b.String())
}
