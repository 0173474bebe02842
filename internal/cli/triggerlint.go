// Package cli implements the triggerlint and schemagen commands. The mains
// in cmd/ only call in here, so the commands run in-process in tests.
package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/walk"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/validate"
)

// Exit codes of triggerlint.
const (
	ExitOK       = 0 // nothing at or above the fail severity
	ExitFindings = 1 // findings at or above the fail severity
	ExitError    = 2 // usage error, unreadable input or internal error
)

// Env is what a command may use of its surroundings.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Terminal reports whether Stdout is a terminal, for colour.
	Terminal bool
	// Dir is the folder that relative paths and git commands start from;
	// "" is the process's working directory.
	Dir string

	// verbosity is what -q and -v ask for; commands report through warnf,
	// notef and verbosef.
	verbosity verbosity
}

// exitCodes are the exit codes of the commands that report findings.
const exitCodes = `  0  no finding at or above --fail-severity
  1  findings at or above --fail-severity
  2  usage error, unreadable file or internal error`

// app is one run of triggerlint: its surroundings, its rule set and the
// global flags, read once cobra has parsed them.
type app struct {
	env     Env
	ruleSet []*lint.Rule
	global  globalFlags
}

// runEnv is the Env of a command, with the verbosity of -q and -v.
func (a *app) runEnv() (Env, error) {
	env := a.env
	v, err := a.global.level()
	env.verbosity = v
	return env, err
}

// Triggerlint runs the triggerlint command with a rule set and returns its
// exit code. The rule set is what lint runs, what validate lints a schema
// with, and what rules and explain list: rules.All(), plus a team's own
// rules in a binary built with package triggerlint.
func Triggerlint(args []string, env Env, ruleSet []*lint.Rule) int {
	env = env.withDefaults()
	return execute(TriggerlintCommand(env, ruleSet), args, env.Stderr)
}

// withDefaults returns env with Getenv set, and Stderr escaping what is
// written to it: messages on stderr quote file names and errors that hold
// them, and none may pass a control character of the input to the
// terminal.
func (e Env) withDefaults() Env {
	if e.Getenv == nil {
		e.Getenv = func(string) string { return "" }
	}
	if _, ok := e.Stderr.(stderrWriter); !ok {
		e.Stderr = stderrWriter{e.Stderr}
	}
	return e
}

// TriggerlintCommand returns the triggerlint command tree for env and a
// rule set, built afresh: lint, validate, diff, rules, explain, version,
// completion and help. Its RunE functions end with an *ExitCodeError or a
// *UsageError; Triggerlint executes it and turns them into exit codes.
func TriggerlintCommand(env Env, ruleSet []*lint.Rule) *cobra.Command {
	a := &app{env: env.withDefaults(), ruleSet: ruleSet}
	root := newRoot("triggerlint", a.env)
	root.Short = "check Wix Automations trigger payload schemas"
	root.Long = `triggerlint checks Wix Automations trigger payload schemas against every rule
of the dialect: the checks the dashboard and Report Event make, and the ones
that keep automations working. Flags go anywhere on the line; "--" ends them.`
	root.Example = `  triggerlint lint examples/
  triggerlint lint triggers/ --format json
  triggerlint validate --schema examples/order-paid.json payloads/order-paid.json
  triggerlint diff --base origin/main triggers/
  triggerlint explain TK3008`
	root.Annotations = map[string]string{
		usageAnnotation: "triggerlint <command> [flags] [args]",
		exitAnnotation:  exitCodes,
		footAnnotation:  "Run 'triggerlint help COMMAND' or 'triggerlint COMMAND -h' for a command's flags and examples.",
	}
	a.global.register(root.PersistentFlags())
	showVersion := root.Flags().Bool("version", false, "print the version, as the version command does")
	root.Args = cobra.ArbitraryArgs
	root.RunE = func(c *cobra.Command, args []string) error {
		if _, err := a.runEnv(); err != nil {
			return err
		}
		switch {
		case *showVersion && len(args) == 0:
			return writeVersion(a.env, readBuildInfo())
		case len(args) > 0:
			return unknownCommand(c, args[0], "command")
		}
		// No command: the help, on stderr, and a usage error's code.
		io.WriteString(a.env.Stderr, helpText(c))
		return exit(ExitError)
	}
	root.AddCommand(
		newLintCommand(a),
		newFixCommand(a),
		newFmtCommand(a),
		newValidateCommand(a),
		newDiffCommand(a),
		newRulesCommand(a),
		newExplainCommand(a),
		newConfigCommand(a),
		newServeCommand(a),
		newLSPCommand(a),
		newSchemaCommand(a),
		newVersionCommand(a),
		newCompletionCommand(),
	)
	root.SetHelpCommand(newHelpCommand())
	return root
}

// newLintCommand returns "lint".
func newLintCommand(a *app) *cobra.Command {
	var flags lintFlags
	var fixIt bool
	c := &cobra.Command{
		Use:   "lint [flags] [PATH...]",
		Short: "lint schema files; directories are walked for *.json, \"-\" reads standard input",
		Long: `Lints each schema file; directories are walked for *.json, skipping hidden
directories, node_modules, what .gitignore files ignore, what the config's
files and exclude leave out, and JSON that is no trigger schema (-v lists
them). "-" reads standard input. With no PATH, the folder of .triggerlint.yaml
is linted. Every file is linted, even after one that cannot be read or
parsed. A symbolic link met in a walk is linted when the file it names is
inside the walked directory or its git repository, and reported otherwise.
Only regular files are read, each up to --max-size.`,
		Example: `  triggerlint lint examples/
  triggerlint lint triggers/ --format json
  triggerlint lint --fail-severity warn --disable TK3004 examples/
  triggerlint lint --disable all --enable 'TK7*' examples/order-paid.json
  triggerlint lint --severity TK3003=error examples/generated-from-sample.json
  triggerlint lint --baseline .triggerlint-baseline.json triggers/
  triggerlint lint --format sarif -o triggerlint.sarif examples/
  triggerlint lint --force-exclude package.json triggers/order.json
  triggerlint lint -- -odd-name.json`,
		Annotations: map[string]string{exitAnnotation: exitCodes},
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			code, err := 0, error(nil)
			if fixIt {
				code, err = fixCommand(args, env, a.ruleSet, &flags, &fixFlags{})
			} else {
				code, err = lintCommand(args, env, a.ruleSet, &flags)
			}
			if err != nil {
				return err
			}
			return exit(code)
		},
	}
	flags.register(c.Flags())
	c.Flags().BoolVar(&fixIt, "fix", false, "apply the automatic fixes and write the files, as the fix command does, then print the findings left")
	return c
}

// lintFlags are the flags of lint.
type lintFlags struct {
	reportFlags
	selectFlags
	forceExclude bool
}

func (f *lintFlags) register(fs *pflag.FlagSet) {
	f.reportFlags.register(fs)
	f.selectFlags.register(fs)
	fs.BoolVar(&f.forceExclude, "force-exclude", false, "leave out named files that the config's files and exclude leave out, or that are no trigger schema (what the pre-commit hook passes)")
}

func lintCommand(paths []string, env Env, ruleSet []*lint.Rule, opts *lintFlags) (int, error) {
	useColor, err := opts.style(env)
	if err != nil {
		return 0, err
	}
	if err := lint.Validate(ruleSet); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: internal error: invalid rule set: %v\n", err)
		return ExitError, nil
	}
	cfg, code := loadConfig(env, &opts.workflowFlags, catalogue(ruleSet))
	if code != ExitOK {
		return code, nil
	}
	linters := linterCache{ruleSet: ruleSet, flags: opts.sel, byKey: map[string]*lint.Linter{}}
	if _, err := linters.get(cfg, ""); err != nil {
		return 0, &UsageError{Msg: err.Error()}
	}
	wf, code := newWorkflow(env, &opts.workflowFlags, cfg, false, nil)
	if code != ExitOK {
		return code, nil
	}

	paths, err = schemaPaths(paths, env, cfg)
	if err != nil {
		return 0, err
	}
	out := newFindingWriter(env, &opts.outputFlags, useColor, wf, opts.showIgnored, ruleSet, opts.failSeverity(cfg))
	failed, err := lintStream(paths, env, cfg, opts, &linters, out)
	if err != nil {
		return 0, err
	}
	return out.done(env, failed, opts.failSeverity(cfg)), nil
}

// lintStream lints the files of the walk of paths on a bounded pool of
// workers (lint.Linter.Stream), each file read and given the schema test
// by the worker that lints it, and writes each file's findings to out as
// its result comes, in the order of the walk. It reports on stderr what a
// run that read every file first would, in the same order, and returns
// whether a file could not be read or linted.
func lintStream(paths []string, env Env, cfg *config.Config, opts *lintFlags, linters *linterCache, out *findingWriter) (bool, error) {
	// The default linter lints no input: each carries its own.
	base, err := linters.get(cfg, "")
	if err != nil {
		return false, &UsageError{Msg: err.Error()}
	}
	if err := linters.checkOverrides(cfg); err != nil {
		return false, &UsageError{Msg: err.Error()}
	}
	held, stderr := holdStderr(env, 3)
	emptyEnv, readEnv, ruleEnv := held[0], held[1], held[2]

	// taken are the entries the stream has taken and not yet emitted, in
	// order: the producer appends, the emitter takes the first.
	var (
		mu    sync.Mutex
		taken []walk.Entry
	)
	var selectErr error
	entries, stop := iter.Pull(walk.Walk(paths, schemaWalkOptions(env, cfg, opts.forceExclude, int64(opts.maxSize))))
	defer stop()
	next := func() (lint.Input, bool) {
		e, ok := entries()
		if !ok {
			return lint.Input{}, false
		}
		in := lintInput(e)
		if e.Err == nil && e.Skip == "" && !e.Empty {
			l, err := linters.get(cfg, e.Path)
			if err != nil {
				selectErr = err
				return lint.Input{}, false
			}
			in.Linter = l
		}
		mu.Lock()
		taken = append(taken, e)
		mu.Unlock()
		return in, true
	}
	failed := false
	var inputs []string // the files -o and --write-baseline must not overwrite
	emit := func(r lint.FileResult) error {
		mu.Lock()
		e := taken[0]
		taken = taken[1:]
		mu.Unlock()
		var ie *lint.InputError
		if errors.As(r.Err, &ie) {
			// The file was read: it counts, without its findings.
			fmt.Fprintf(ruleEnv.Stderr, "triggerlint: %s\n", findings.Escape(r.Err.Error()))
			failed = true
		} else if done, bad := walkProblem(r.Err, r.Name, env, emptyEnv, readEnv); done {
			failed = failed || bad
			return nil
		}
		if out.writesFile() {
			inputs = append(inputs, e.Path)
		}
		out.file(r.Name)
		for _, f := range r.Findings {
			out.write(f)
		}
		return nil
	}
	reserve := holdHeapReserve()
	_, _ = base.Stream(context.Background(), next, emit, lint.StreamOptions{})
	runtime.KeepAlive(reserve)
	stop()
	out.inputs = inputs
	stderr.flush()
	if selectErr != nil {
		return false, &UsageError{Msg: selectErr.Error()}
	}
	return failed, nil
}

// linterCache holds one linter per distinct rule selection: the config's
// for a file, then the flags'.
type linterCache struct {
	ruleSet []*lint.Rule
	flags   lint.SelectOptions
	byKey   map[string]*lint.Linter
}

// get returns the linter for a file (path "" is a file no override
// covers).
func (lc *linterCache) get(cfg *config.Config, path string) (*lint.Linter, error) {
	var sel lint.SelectOptions
	if cfg != nil {
		sel = cfg.Selected(path)
	}
	sel.Toggles = append(sel.Toggles, lc.flags.Toggles...)
	sel.Severity = append(sel.Severity, lc.flags.Severity...)
	key := fmt.Sprint(sel.Toggles, sel.Severity)
	if l := lc.byKey[key]; l != nil {
		return l, nil
	}
	l, err := lint.New(lint.Options{Rules: lc.ruleSet, Select: sel})
	if err != nil {
		return nil, err
	}
	lc.byKey[key] = l
	return l, nil
}

// checkOverrides builds the linter of each of the config's overrides, so
// that one whose rule selection fails is an error before any file is
// linted rather than at the first file it covers. Each selection is the
// config's rules and that override's, as for a file no other override
// covers; a pattern that fails fails alone, so that a file covered by
// several overrides can fail only where one of them does.
func (lc *linterCache) checkOverrides(cfg *config.Config) error {
	if cfg == nil {
		return nil
	}
	for _, o := range cfg.Overrides {
		one := *cfg
		one.Overrides = []config.Override{{Files: []string{"**"}, Rules: o.Rules, Pos: o.Pos}}
		if _, err := lc.get(&one, filepath.Join(cfg.Dir, "any.json")); err != nil {
			return err
		}
	}
	return nil
}

// joined returns the errors that err joins, or err alone.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err != nil {
		return []error{err}
	}
	return nil
}

// catalogue returns every documented ID: the schema rules of the rule set,
// the payload and request rules, the change kinds, then the findings about
// stale config entries.
func catalogue(ruleSet []*lint.Rule) []findings.Entry {
	out := findings.Entries(ruleSet)
	out = append(out, findings.Entries(validate.Rules())...)
	out = append(out, findings.Entries(diff.Kinds())...)
	return append(out, findings.SuppressionEntries()...)
}

// newRulesCommand returns "rules".
func newRulesCommand(a *app) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "rules [flags]",
		Short: "list the schema rules, the payload rules and the kinds of schema change",
		Long: `Lists every ID triggerlint reports: the schema rules of lint, the payload and
request rules of validate, and the kinds of schema change of diff, each with
its name, severity and title. Optional rules run only when enabled.`,
		Example: `  triggerlint rules
  triggerlint rules --format json`,
		Annotations: map[string]string{exitAnnotation: exitCodesShort},
		Args:        noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			return rulesCommand(format, env, a.ruleSet)
		},
	}
	c.Flags().StringVar(&format, "format", "text", "output `format`: text or json")
	setValues(c.Flags(), "format", "text", "json")
	return c
}

func rulesCommand(format string, env Env, ruleSet []*lint.Rule) error {
	all := catalogue(ruleSet)
	switch format {
	case "json":
		type entryInfo struct {
			ID       string            `json:"id"`
			Name     string            `json:"name"`
			Severity findings.Severity `json:"severity"`
			Optional bool              `json:"optional"`
			Title    string            `json:"title"`
			URL      string            `json:"url"`
			Category findings.Category `json:"category"`
			Class    string            `json:"class,omitempty"`
		}
		list := make([]entryInfo, len(all))
		for i, e := range all {
			list[i] = entryInfo{e.ID, e.Name, e.Severity, e.Optional, e.Title, e.URL, e.Category, e.Class}
		}
		return exit(writeJSON(env, list))
	case "text":
		var b strings.Builder
		heading := map[findings.Category]string{
			findings.SchemaRule:  "Schema rules (triggerlint lint)",
			findings.PayloadRule: "Payload and request rules (triggerlint validate)",
			findings.Change:      "Schema changes (triggerlint diff)",
			findings.Other:       "Config entries (.triggerlint.yaml)",
		}
		var last findings.Category
		for i, e := range all {
			if i == 0 || e.Category != last {
				if i > 0 {
					b.WriteString("\n")
				}
				fmt.Fprintf(&b, "%s:\n", heading[e.Category])
				last = e.Category
			}
			sev := e.Severity.String()
			if e.Class != "" {
				sev = e.Class
			} else if e.Optional {
				sev += "*"
			}
			fmt.Fprintf(&b, "%s  %-9s  %-36s  %s\n", e.ID, sev, e.Name, e.Title)
		}
		b.WriteString("\n* optional: runs only when enabled. 'triggerlint explain ID' prints the documentation of any ID.\n")
		if _, err := io.WriteString(env.Stdout, b.String()); err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
			return exit(ExitError)
		}
		return nil
	}
	return usagef("unknown --format %q (want text or json)", format)
}

// newExplainCommand returns "explain".
func newExplainCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID|NAME",
		Short: "print the documentation of a rule or change kind",
		Long: `Prints the documentation of a schema rule, a payload or request rule, or a kind
of schema change, by ID or by name (case does not matter): what it checks, why,
and a flagged and a clean example.`,
		Example: `  triggerlint explain TK3008
  triggerlint explain examples-match-type
  triggerlint explain TKD301`,
		Annotations: map[string]string{exitAnnotation: `  0  done
  2  usage error, or no rule or change of that ID or name`},
		Args: func(c *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return usagef("no rule to explain: want an ID or a name")
			case len(args) > 1:
				return usagef("unexpected argument %q", args[1])
			}
			return nil
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, e := range catalogue(a.ruleSet) {
				if strings.HasPrefix(e.ID, toComplete) || strings.HasPrefix(e.Name, toComplete) {
					out = append(out, cobra.CompletionWithDesc(e.ID, e.Title))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			return exit(explainCommand(args[0], env, a.ruleSet))
		},
	}
}

func explainCommand(id string, env Env, ruleSet []*lint.Rule) int {
	e, ok := findings.Lookup(catalogue(ruleSet), id)
	if !ok {
		fmt.Fprintf(env.Stderr, "triggerlint: no rule or change %q (see 'triggerlint rules')\n", findings.Escape(id))
		return ExitError
	}
	if err := findings.WriteExplain(env.Stdout, e); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// findingWriter counts findings and writes them, in the --format asked
// for, to standard output or to the -o file. Without a workflow that must
// see every finding first (suppressions, a baseline), findings are written
// as they come, so that memory does not grow with the input.
type findingWriter struct {
	env       Env
	format    string
	color     bool
	out       findings.Writer
	buf       *bytes.Buffer // the report, when -o names a file
	outPath   string
	inputs    []string // files -o and --write-baseline must not overwrite
	sum       findings.Summary
	files     int
	names     []string // the files of the run that waivers look at, as findings name them (see keepName)
	looked    []bool   // which waivers a file of names is covered by
	worst     findings.Severity
	err       error
	noSummary bool // -q: finish without the summary line
	show      bool // --show-ignored
	wf        *workflow
	held      []findings.Finding
}

// newFindingWriter returns the writer of a command's flags. With -q, text
// output has no summary line.
func newFindingWriter(env Env, o *outputFlags, color bool, wf *workflow, show bool, ruleSet []*lint.Rule, fail findings.Severity) *findingWriter {
	fw := &findingWriter{env: env, format: o.format, color: color, noSummary: env.verbosity == quiet && o.format == "text",
		show: show, wf: wf, outPath: o.output}
	var dest io.Writer = env.Stdout
	if o.output != "" {
		fw.buf = new(bytes.Buffer)
		dest = fw.buf
	}
	fw.out = newWriter(dest, o.format, color, env, ruleSet, fail)
	return fw
}

// file records a file of the run, as findings name it; a writer that
// reports clean files too (JUnit's passing case) is told of it.
func (fw *findingWriter) file(name string) {
	fw.files++
	fw.keepName(name)
	if d, ok := fw.out.(interface{ File(string) }); ok {
		d.File(name)
	}
}

// writesFile reports whether the run ends by writing a file, the -o
// report or the --write-baseline baseline, which must not be one of its
// inputs: only then are the inputs kept.
func (fw *findingWriter) writesFile() bool {
	return fw.buf != nil || (fw.wf != nil && fw.wf.writeBaseline != "")
}

// keepName keeps the names findings.Suppress must see to tell which
// waivers looked at a file of the run: the first, for the waivers that
// cover every file, and the first that each other waiver covers. The
// others would change nothing, so that they are not kept and memory does
// not grow with the number of files.
func (fw *findingWriter) keepName(name string) {
	if fw.wf == nil || len(fw.wf.waivers) == 0 {
		return
	}
	if fw.looked == nil {
		fw.looked = make([]bool, len(fw.wf.waivers))
	}
	keep := len(fw.names) == 0
	for i, w := range fw.wf.waivers {
		if !fw.looked[i] && w.Files != nil && w.Files(name) {
			fw.looked[i], keep = true, true
		}
	}
	if keep {
		fw.names = append(fw.names, name)
	}
}

func (fw *findingWriter) write(f findings.Finding) {
	if fw.wf.holds() {
		fw.held = append(fw.held, f)
		return
	}
	fw.emit(f)
}

// emit counts a finding and writes it: a suppressed one only with
// --show-ignored, or in SARIF, which records suppressions as such.
func (fw *findingWriter) emit(f findings.Finding) {
	fw.sum.Add(f)
	if f.Suppressed == nil {
		fw.worst = max(fw.worst, f.Severity)
	} else if !fw.show && fw.format != "sarif" {
		return
	}
	if fw.err == nil {
		fw.err = fw.out.Write(f)
	}
}

// settle runs the held findings through the workflow and emits them: the
// waivers mark what they cover and report the stale ones, then the
// baseline drops what it holds.
func (fw *findingWriter) settle() {
	if !fw.wf.holds() {
		return
	}
	fs := fw.held
	fw.held = nil
	var stale []findings.Finding
	if len(fw.wf.waivers) > 0 {
		stale = findings.Suppress(fs, fw.wf.waivers, fw.names)
	}
	if fw.wf.baseline != nil {
		var held int
		fs, held, fw.sum.BaselineStale = fw.wf.applyBaseline(fs)
		fw.sum.Baselined = held
	}
	for _, f := range fs {
		fw.emit(f)
	}
	for _, f := range stale {
		fw.emit(f)
	}
}

func (fw *findingWriter) finish() error {
	fw.settle()
	fw.sum.Files = fw.files
	if fw.err != nil {
		return fw.err
	}
	if fw.noSummary {
		// The text writer prints no summary line for an empty summary.
		fw.err = fw.out.Finish(findings.Summary{})
	} else {
		fw.err = fw.out.Finish(fw.sum)
	}
	if fw.err == nil && fw.buf != nil {
		fw.err = writeReport(fw.env.path(fw.outPath), fw.buf.Bytes(), fw.inputs)
	}
	return fw.err
}

// done finishes the output and returns the exit code: ExitError when it
// could not be written or when failed is set (an input could not be read),
// else ExitFindings when a finding that is not suppressed is at or above
// fail, else ExitOK. With --write-baseline it writes the baseline instead
// of a report.
func (fw *findingWriter) done(env Env, failed bool, fail findings.Severity) int {
	if fw.wf != nil && fw.wf.writeBaseline != "" {
		fs := fw.held
		if len(fw.wf.waivers) > 0 {
			findings.Suppress(fs, fw.wf.waivers, fw.names)
		}
		n, err := fw.wf.writeBaselineFile(env, fs, fw.inputs)
		if err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: writing the baseline: %s\n", findings.Escape(err.Error()))
			return ExitError
		}
		env.notef("recorded %s in %s", plural(n, "finding"), findings.Escape(fw.wf.writeBaseline))
		if failed {
			return ExitError
		}
		return ExitOK
	}
	if err := fw.finish(); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %s\n", findings.Escape(err.Error()))
		return ExitError
	}
	switch {
	case failed:
		return ExitError
	case fw.worst >= fail:
		return ExitFindings
	}
	return ExitOK
}

// plural says "1 finding", "2 findings".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// stderrWriter escapes what is written to stderr with findings.Escape,
// line by line: the newlines and tabs of the messages and the usage text
// stay, every other control character and bidirectional override is shown
// as an escape. Each Write is escaped on its own, so a message must be
// written whole (as fmt.Fprintf does). Messages escape the names they quote
// themselves where a newline in a name must not split the line.
type stderrWriter struct{ w io.Writer }

func (s stderrWriter) Write(p []byte) (int, error) {
	var b strings.Builder
	rest := string(p)
	for rest != "" {
		i := strings.IndexAny(rest, "\n\t")
		if i < 0 {
			b.WriteString(findings.Escape(rest))
			break
		}
		b.WriteString(findings.Escape(rest[:i]))
		b.WriteByte(rest[i])
		rest = rest[i+1:]
	}
	if _, err := io.WriteString(s.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// newWriter returns the findings writer of a --format: text with or
// without colour, the JSON report, SARIF 2.1.0, GitHub Actions workflow
// commands (with the step summary appended to $GITHUB_STEP_SUMMARY when it
// is set), JUnit XML or Markdown.
func newWriter(w io.Writer, format string, useColor bool, env Env, ruleSet []*lint.Rule, fail findings.Severity) findings.Writer {
	switch format {
	case "json":
		return findings.NewJSONWriter(w)
	case "sarif":
		return findings.NewSARIFWriter(w, tool(), catalogue(ruleSet), findings.SARIFOptions{Root: env.absPath(".")})
	case "github":
		return findings.NewGitHubWriter(w, tool(), catalogue(ruleSet), findings.GitHubOptions{SummaryPath: env.Getenv("GITHUB_STEP_SUMMARY"), Fail: fail})
	case "junit":
		return findings.NewJUnitWriter(w, tool(), catalogue(ruleSet), findings.JUnitOptions{Fail: fail})
	case "markdown":
		return findings.NewMarkdownWriter(w, tool(), catalogue(ruleSet), findings.MarkdownOptions{Fail: fail, MaxBytes: 60000})
	}
	return findings.NewTextWriter(w, findings.TextStyle{Color: useColor})
}

// tool is triggerlint as the SARIF, JUnit, GitHub and Markdown reports
// name it.
func tool() findings.Tool {
	return findings.Tool{Name: "triggerlint", Version: readBuildInfo().Version, InformationURI: "https://github.com/triggerkit/triggerkit"}
}
