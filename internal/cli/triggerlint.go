// Package cli implements the triggerlint and schemagen commands. The mains
// in cmd/ only call in here, so the commands run in-process in tests.
package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/records"
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
		Use:   "lint [flags] PATH...",
		Short: "lint schema files; directories are walked for *.json, \"-\" reads standard input",
		Long: `Lints each schema file; directories are walked for *.json (hidden directories
and node_modules are skipped), "-" reads standard input. Every file is linted,
even after one that cannot be read or parsed. A symbolic link met in a walk is
linted when the file it names is inside the walked directory or its git
repository, and reported otherwise. Only regular files are read, each up to
--max-size.`,
		Example: `  triggerlint lint examples/
  triggerlint lint triggers/ --format json
  triggerlint lint --fail-severity warn --disable TK3004 examples/
  triggerlint lint --disable all --enable 'TK7*' examples/order-paid.json
  triggerlint lint --severity TK3003=error examples/generated-from-sample.json
  triggerlint lint -- -odd-name.json`,
		Annotations: map[string]string{exitAnnotation: exitCodes},
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("no files to lint")
			}
			return nil
		},
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
}

func (f *lintFlags) register(fs *pflag.FlagSet) {
	f.reportFlags.register(fs)
	f.selectFlags.register(fs)
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
	linter, err := lint.New(lint.Options{Rules: ruleSet, Select: opts.sel})
	if err != nil {
		return 0, &UsageError{Msg: err.Error()}
	}

	inputs, failed := collectInputs(paths, env, int64(opts.maxSize))
	var read []lint.Input
	for _, in := range inputs {
		if in.err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %s\n", findings.Escape(in.err.Error()))
			failed = true
			continue
		}
		read = append(read, lint.Input{Name: in.name, Src: in.src})
	}
	res, err := linter.Inputs(read)
	for _, e := range joined(err) {
		fmt.Fprintf(env.Stderr, "triggerlint: %s\n", findings.Escape(e.Error()))
		failed = true
	}
	out := newFindingWriter(env, opts.format, useColor)
	out.files = len(read) // files read; the unreadable are on stderr
	for _, f := range res.Findings {
		out.write(f)
	}
	return out.done(env, failed, findings.Severity(opts.fail)), nil
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

// input is one file to lint: its name and content, or why it could not be
// read.
type input struct {
	name string
	src  []byte
	err  error
}

// collectInputs reads the named files, walking directories for *.json, in
// the order given and in lexical order inside directories. Relative paths
// start from env.Dir. Only regular files are read, each up to maxSize
// bytes; a symbolic link found in a walk is read when its target stays
// inside the walked folder or its repository, and refused otherwise.
// Problems are reported on stderr and make the second result true; the
// other inputs are still returned.
func collectInputs(paths []string, env Env, maxSize int64) ([]input, bool) {
	var out []input
	failed := false
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				fmt.Fprintln(env.Stderr, "triggerlint: standard input named twice")
				failed = true
				continue
			}
			stdinUsed = true
			src, err := records.ReadAll(env.Stdin, "<stdin>", maxSize)
			out = append(out, input{name: "<stdin>", src: src, err: err})
			continue
		}
		root := env.path(p)
		info, err := os.Stat(root)
		if err != nil {
			out = append(out, input{name: p, err: inputError(p, err)})
			continue
		}
		if !info.IsDir() {
			out = append(out, readInput(root, p, env, maxSize))
			continue
		}
		found := false
		w := walker{root: root}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			name := p
			if rel, rerr := filepath.Rel(root, path); rerr == nil && rel != "." {
				name = filepath.Join(p, rel)
			}
			if err != nil {
				out = append(out, input{name: name, err: inputError(name, err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					why := "a hidden directory"
					if d.Name() == "node_modules" {
						why = "node_modules"
					}
					env.verbosef("skipped %s: %s", findings.Escape(name), why)
					return fs.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(d.Name(), ".json") {
				env.verbosef("skipped %s: not *.json", findings.Escape(name))
				return nil
			}
			found = true
			if d.Type()&fs.ModeSymlink != 0 {
				if err := w.allowLink(path, name); err != nil {
					out = append(out, input{name: name, err: err})
					return nil
				}
			}
			out = append(out, readInput(path, name, env, maxSize))
			return nil
		})
		if err != nil {
			out = append(out, input{name: p, err: err})
		}
		if !found {
			env.warnf("no *.json files in %s", p)
		}
	}
	return out, failed
}

// readInput reads one file, refusing what is not a regular file and more
// than maxSize bytes. name is how messages and findings call it.
func readInput(path, name string, env Env, maxSize int64) input {
	src, err := records.ReadFile(path, name, maxSize)
	return input{name: name, src: src, err: inputError(name, err)}
}

// walker checks the symbolic links of one directory walk.
type walker struct {
	root       string
	realRoot   string // root with its links resolved
	repoTop    string // the repository root holds, "" when none
	rootsKnown bool
}

// LinkError is a symbolic link that a directory walk does not follow: its
// target lies outside the walked folder and outside its repository, or
// cannot be resolved.
type LinkError struct {
	Name string
	Err  error // nil for a link that leaves the tree
}

func (e *LinkError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: a symbolic link that does not resolve: %v", e.Name, e.Err)
	}
	return fmt.Sprintf("%s: a symbolic link to a file outside the folder and its repository, not read", e.Name)
}

func (e *LinkError) Unwrap() error { return e.Err }

// allowLink returns nil when the link at path points inside the walked
// folder or its repository.
func (w *walker) allowLink(path, name string) error {
	if !w.rootsKnown {
		w.rootsKnown = true
		if abs, err := filepath.Abs(w.root); err == nil {
			w.realRoot, _ = filepath.EvalSymlinks(abs)
		}
		w.repoTop = repositoryOf(w.realRoot)
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &LinkError{Name: name, Err: err}
	}
	if target, err = filepath.Abs(target); err != nil {
		return &LinkError{Name: name, Err: err}
	}
	if inside(target, w.realRoot) || inside(target, w.repoTop) {
		return nil
	}
	return &LinkError{Name: name}
}

// repositoryOf returns the nearest folder at or above dir that holds a
// .git entry, or "".
func repositoryOf(dir string) string {
	for d := dir; d != ""; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
	return ""
}

// inside reports whether path lies in the folder dir ("" is no folder).
func inside(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// catalogue returns every documented ID: the schema rules of the rule set,
// the payload and request rules, then the change kinds.
func catalogue(ruleSet []*lint.Rule) []findings.Entry {
	out := findings.Entries(ruleSet)
	out = append(out, findings.Entries(validate.Rules())...)
	return append(out, findings.Entries(diff.Kinds())...)
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

// findingWriter counts findings and writes them as they come, in text or
// as the JSON report, so that memory does not grow with the input.
type findingWriter struct {
	out       findings.Writer
	sum       findings.Summary
	files     int
	worst     findings.Severity
	err       error
	noSummary bool // -q: finish without the summary line
}

// newFindingWriter returns the writer of a --format on env.Stdout. With
// -q, text output has no summary line.
func newFindingWriter(env Env, format string, color bool) *findingWriter {
	return &findingWriter{out: newWriter(env.Stdout, format, color), noSummary: env.verbosity == quiet && format == "text"}
}

func (fw *findingWriter) write(f findings.Finding) {
	fw.sum.Add(f)
	fw.worst = max(fw.worst, f.Severity)
	if fw.err == nil {
		fw.err = fw.out.Write(f)
	}
}

func (fw *findingWriter) finish() error {
	fw.sum.Files = fw.files
	if fw.err != nil {
		return fw.err
	}
	if fw.noSummary {
		// The text writer prints no summary line for no findings.
		return fw.out.Finish(findings.Summary{})
	}
	return fw.out.Finish(fw.sum)
}

// done finishes the output and returns the exit code: ExitError when it
// could not be written or when failed is set (an input could not be read),
// else ExitFindings when a finding is at or above fail, else ExitOK.
func (fw *findingWriter) done(env Env, failed bool, fail findings.Severity) int {
	if err := fw.finish(); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
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

// newWriter returns the findings writer of a --format: the JSON report, or
// text with or without colour.
func newWriter(w io.Writer, format string, useColor bool) findings.Writer {
	if format == "json" {
		return findings.NewJSONWriter(w)
	}
	return findings.NewTextWriter(w, findings.TextStyle{Color: useColor})
}
