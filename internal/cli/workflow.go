package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/atomicfile"
	"github.com/triggerkit/triggerkit/internal/walk"
)

// A command that reports findings runs them through its team's settings
// before printing: the config file's ignore or diff.accept entries mark the
// findings they cover as suppressed (and report the entries that covered
// nothing), --write-baseline records what is left, --baseline drops what a
// baseline holds, and the writer of --format prints the rest to standard
// output or, with -o, to a file replaced atomically.

// loadConfig returns the config of a run: the file --config names, else
// the .triggerlint.yaml found from env.Dir up to the repository root, else
// nil (every default). --no-config reads none. A config that cannot be
// read or has mistakes is reported, each mistake as file:line:col:
// message, and gives ExitError.
func loadConfig(env Env, f *workflowFlags, cat []findings.Entry) (*config.Config, int) {
	if f.noConfig {
		if f.config != "" {
			fmt.Fprintln(env.Stderr, "triggerlint: --config and --no-config cannot be used together")
			return nil, ExitError
		}
		return nil, ExitOK
	}
	name := f.config
	display := name
	if name != "" {
		name = env.path(name)
	} else {
		dir := env.Dir
		if dir == "" {
			dir = "."
		}
		found, err := config.Find(dir)
		if err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
			return nil, ExitError
		}
		if found == "" {
			return nil, ExitOK
		}
		name, display = found, found
		if env.Dir != "" {
			if rel, err := filepath.Rel(env.Dir, found); err == nil {
				display = rel
			}
		}
	}
	c, err := config.Load(name, cat)
	var list config.ErrorList
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			e.File = display
			fmt.Fprintf(env.Stderr, "%s\n", e)
		}
		return nil, ExitError
	case err != nil:
		fmt.Fprintf(env.Stderr, "triggerlint: %s\n", findings.Escape(inputError(display, err).Error()))
		return nil, ExitError
	}
	c.Path = display
	env.verbosef("config %s", display)
	return c, ExitOK
}

// absPath returns the absolute form of a path relative to env.Dir.
func (e Env) absPath(p string) string {
	if a, err := filepath.Abs(e.path(p)); err == nil {
		return a
	}
	return p
}

// workflow is what a command hands its findingWriter: the waivers of its
// config, the baseline, and how file names of findings map to files.
type workflow struct {
	waivers       []findings.Waiver
	baseline      *findings.Baseline
	writeBaseline string
	// resolve maps a file name as findings give it to a path (absolute,
	// or relative to the process's working directory).
	resolve func(name string) string
	// baseDir is the folder the file names of a baseline are relative to:
	// the config's, else the repository root, else the working directory.
	baseDir string
}

// newWorkflow prepares the workflow of a run: the waivers (cfg's Ignores
// for lint and validate, Accepts for diff) and the baseline --baseline
// names. resolve maps findings' file names to files; nil is env.absPath.
func newWorkflow(env Env, f *workflowFlags, cfg *config.Config, accepts bool, resolve func(string) string) (*workflow, int) {
	if resolve == nil {
		resolve = env.absPath
	}
	wf := &workflow{resolve: resolve, writeBaseline: f.writeBaseline}
	if cfg != nil {
		list := cfg.Ignores()
		if accepts {
			list = cfg.Accepts()
		}
		for _, w := range list {
			files := w.Files
			if files != nil {
				w.Files = func(name string) bool { return files(resolve(name)) }
			}
			wf.waivers = append(wf.waivers, w)
		}
		wf.baseDir = cfg.Dir
	}
	if wf.baseDir == "" {
		wd := env.absPath(".")
		wf.baseDir = walk.RepositoryOf(wd)
		if wf.baseDir == "" {
			wf.baseDir = wd
		}
	}
	if f.baseline != "" {
		if f.writeBaseline != "" {
			fmt.Fprintln(env.Stderr, "triggerlint: --baseline and --write-baseline cannot be used together")
			return nil, ExitError
		}
		src, err := readWhole(f.baseline, env, 0)
		if err == nil {
			wf.baseline, err = findings.ReadBaseline(bytes.NewReader(src), f.baseline)
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %s\n", findings.Escape(err.Error()))
			return nil, ExitError
		}
	}
	return wf, ExitOK
}

// holds reports whether the findings must be held until the end of the run
// (to find stale entries, or to match the baseline) rather than written as
// they come.
func (wf *workflow) holds() bool {
	return wf != nil && (len(wf.waivers) > 0 || wf.baseline != nil || wf.writeBaseline != "")
}

// baseName is the name of a finding's file in a baseline: slash-separated
// and relative to baseDir when it lies inside, so that a baseline matches
// from any working directory.
func (wf *workflow) baseName(name string) string {
	abs, err := filepath.Abs(wf.resolve(name))
	if err == nil {
		if rel, err := filepath.Rel(wf.baseDir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(name)
}

// rebased returns copies of fs named as the baseline names them.
func (wf *workflow) rebased(fs []findings.Finding) []findings.Finding {
	out := make([]findings.Finding, len(fs))
	for i, f := range fs {
		out[i] = f
		out[i].File = wf.baseName(f.File)
	}
	return out
}

// applyBaseline returns the findings of fs that the baseline does not
// hold, the number it held and the number of its entries that matched
// nothing.
func (wf *workflow) applyBaseline(fs []findings.Finding) (kept []findings.Finding, held, stale int) {
	mapped := wf.rebased(fs)
	left, stale := findings.ApplyBaseline(mapped, wf.baseline)
	// left is a subsequence of mapped, in order: walk both to keep the
	// findings as they were named.
	kept = make([]findings.Finding, 0, len(left))
	j := 0
	for i := range mapped {
		if j < len(left) && sameFinding(mapped[i], left[j]) {
			kept = append(kept, fs[i])
			j++
		}
	}
	return kept, len(fs) - len(kept), stale
}

func sameFinding(a, b findings.Finding) bool {
	return a.File == b.File && a.Line == b.Line && a.Column == b.Column && a.EndLine == b.EndLine &&
		a.EndColumn == b.EndColumn && a.Rule == b.Rule && a.Pointer == b.Pointer && a.Message == b.Message &&
		(a.Suppressed == nil) == (b.Suppressed == nil)
}

// writeReport writes the report to -o atomically, refusing to overwrite
// an input of the run.
func writeReport(path string, data []byte, inputs []string) error {
	return atomicfile.Write(path, data, &atomicfile.Options{Inputs: inputs})
}

// writeBaselineFile records fs in a baseline file, atomically, refusing
// to overwrite an input of the run as -o does.
func (wf *workflow) writeBaselineFile(env Env, fs []findings.Finding, inputs []string) (int, error) {
	mapped := wf.rebased(fs)
	n := 0
	for _, f := range mapped {
		if f.Suppressed == nil {
			n++
		}
	}
	err := atomicfile.WriteFunc(env.path(wf.writeBaseline), func(w io.Writer) error {
		return findings.WriteBaseline(w, mapped)
	}, &atomicfile.Options{Inputs: inputs})
	return n, err
}

// configInitCommand writes the starting config to .triggerlint.yaml in
// env.Dir, refusing to overwrite one without force.
func configInitCommand(env Env, force bool) int {
	name := config.FileName
	target := env.path(name)
	if !force {
		if _, err := os.Lstat(target); err == nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %s exists; --force replaces it\n", name)
			return ExitError
		}
	}
	text := append([]byte("# yaml-language-server: $schema="+configSchemaRawURL+"\n"), config.Init()...)
	if err := atomicfile.Write(target, text, nil); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %s\n", findings.Escape(err.Error()))
		return ExitError
	}
	env.notef("wrote %s", name)
	return ExitOK
}

// configSchemaRawURL is where editors fetch the config's JSON Schema from.
const configSchemaRawURL = "https://raw.githubusercontent.com/triggerkit/triggerkit/main/config/schema.json"

// newConfigCommand returns "config" and its subcommands init, print and
// schema.
func newConfigCommand(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "config <command>",
		Short: "write a starting .triggerlint.yaml, print the effective settings, or the config's JSON Schema",
		Long: `Works with .triggerlint.yaml, the config file that lint, validate and diff read
from the working directory up to the repository root: init writes a
commented starting config, print shows the settings in effect (defaults
included), schema prints the JSON Schema editors complete the file with.`,
		Example: `  triggerlint config init
  triggerlint config print
  triggerlint config print --config ci/.triggerlint.yaml
  triggerlint config schema > triggerlint.schema.json`,
		Annotations:                map[string]string{usageAnnotation: "triggerlint config init|print|schema [flags]", exitAnnotation: exitCodesShort},
		Args:                       cobra.ArbitraryArgs,
		SuggestionsMinimumDistance: 2,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				msg := fmt.Sprintf("unknown config command %q", args[0])
				if s := c.SuggestionsFor(args[0]); len(s) > 0 {
					msg += fmt.Sprintf(" (did you mean %s?)", quotedOr(s))
				}
				return &UsageError{Msg: msg, Command: c.CommandPath()}
			}
			return usagef("no config command: want init, print or schema")
		},
	}
	var force bool
	initCmd := &cobra.Command{
		Use:   "init [flags]",
		Short: "write a commented starting config to .triggerlint.yaml in the working directory",
		Example: `  triggerlint config init
  triggerlint config init --force`,
		Annotations: map[string]string{exitAnnotation: `  0  written
  2  usage error, the file exists (without --force), or it cannot be written`},
		Args: noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			return exit(configInitCommand(env, force))
		},
	}
	initCmd.Flags().BoolVar(&force, "force", false, "replace an existing .triggerlint.yaml")
	var wf workflowFlags
	printCmd := &cobra.Command{
		Use:   "print [flags]",
		Short: "print the effective settings: the config file's, with every default",
		Annotations: map[string]string{exitAnnotation: `  0  printed
  2  usage error, or a config file with mistakes`},
		Args: noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			cfg, code := loadConfig(env, &wf, catalogue(a.ruleSet))
			if code != ExitOK {
				return exit(code)
			}
			if cfg == nil {
				cfg = &config.Config{}
			}
			if err := cfg.Print(env.Stdout); err != nil {
				fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
				return exit(ExitError)
			}
			return nil
		},
	}
	printCmd.Flags().StringVar(&wf.config, "config", "", "print the settings of this `file` instead of the .triggerlint.yaml found")
	printCmd.Flags().BoolVar(&wf.noConfig, "no-config", false, "print the defaults")
	schemaCmd := &cobra.Command{
		Use:         "schema",
		Short:       "print the JSON Schema of .triggerlint.yaml, for editors",
		Annotations: map[string]string{exitAnnotation: exitCodesShort},
		Args:        noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			if _, err := env.Stdout.Write(config.Schema()); err != nil {
				fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
				return exit(ExitError)
			}
			return nil
		},
	}
	c.AddCommand(initCmd, printCmd, schemaCmd)
	return c
}
