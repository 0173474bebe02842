package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/lint"
)

// The flags of the commands come in groups: a small struct that holds the
// parsed values and a register method that adds its flags to a command's
// flag set. A flag that lint, validate and diff share is defined once, in
// reportFlags, so that adding one to the three commands is a one-place
// change.

// valuesAnnotation is the pflag annotation that lists the values a flag
// takes; the command tree turns it into shell completions.
const valuesAnnotation = "triggerkit_values"

// setValues records the values a flag takes, for shell completion.
func setValues(fs *pflag.FlagSet, name string, values ...string) {
	if err := fs.SetAnnotation(name, valuesAnnotation, values); err != nil {
		panic(err) // the flag is defined just before: a programmer error
	}
}

// formatNames are the values of --format, as help and messages list them.
func formatNames() []string {
	return []string{"text", "json", "sarif", "github", "junit", "markdown"}
}

// reportFlags are the flags of every command that reports findings: lint,
// validate and diff.
type reportFlags struct {
	outputFlags
	inputFlags
	workflowFlags
}

func (f *reportFlags) register(fs *pflag.FlagSet) {
	f.outputFlags.register(fs)
	f.inputFlags.register(fs)
	f.workflowFlags.register(fs)
}

// workflowFlags are the flags about a team's settings: the config file,
// suppressions shown, the baseline.
type workflowFlags struct {
	config        string
	noConfig      bool
	showIgnored   bool
	baseline      string
	writeBaseline string
}

func (f *workflowFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "read the settings from this `file` instead of the .triggerlint.yaml found from the working directory up to the repository root")
	fs.BoolVar(&f.noConfig, "no-config", false, "read no config file: every default")
	fs.BoolVar(&f.showIgnored, "show-ignored", false, "also print the findings that the config's ignore and diff.accept entries suppress, with their reason")
	fs.StringVar(&f.baseline, "baseline", "", "report only the findings that this baseline `file` does not hold")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "record today's findings in this baseline `file` and exit 0 (atomically)")
}

// outputFlags are --format, --color, --fail-severity and -o.
type outputFlags struct {
	format string
	color  string
	fail   severityValue
	output string
	fs     *pflag.FlagSet // to ask whether --fail-severity was given
}

// failSet reports whether --fail-severity was given.
func (o *outputFlags) failSet() bool {
	return o.fs != nil && o.fs.Changed("fail-severity")
}

func (o *outputFlags) register(fs *pflag.FlagSet) {
	o.fs = fs
	fs.StringVarP(&o.output, "output", "o", "", "write the report to this `file` (atomically) instead of standard output")
	fs.StringVar(&o.format, "format", "text", "output `format`: "+orList(formatNames()))
	setValues(fs, "format", formatNames()...)
	fs.StringVar(&o.color, "color", "auto", "colour text output: `when` is auto (on a terminal, unless NO_COLOR is set), always or never")
	setValues(fs, "color", "auto", "always", "never")
	o.fail = severityValue(findings.Error)
	fs.Var(&o.fail, "fail-severity", "exit 1 on findings at or above this `severity`: error, warning (or warn), info or none; when not given, the config's fail-severity")
	setValues(fs, "fail-severity", "error", "warning", "info", "none")
}

// style checks --format and --color and says whether to colour.
func (o *outputFlags) style(env Env) (bool, error) {
	return outputStyle(o.format, o.color, env)
}

// inputFlags are the flags about reading the inputs: --max-size.
type inputFlags struct {
	maxSize sizeValue
}

func (f *inputFlags) register(fs *pflag.FlagSet) {
	f.maxSize = sizeValue(records.DefaultMaxSize)
	fs.Var(&f.maxSize, "max-size", "refuse a document or NDJSON record larger than this `size`: bytes, or with a unit, KiB, MiB, GiB, KB, MB, GB; 0 for no limit")
}

// selectFlags are the rule selection flags of lint: --enable, --disable
// and --severity.
type selectFlags struct {
	sel lint.SelectOptions
}

func (f *selectFlags) register(fs *pflag.FlagSet) {
	fs.Var(&toggleValue{&f.sel.Toggles, true}, "enable", "enable `rules`: IDs, names or globs, comma-separated or repeated; \"all\" for every rule (applied in order with --disable)")
	fs.Var(&toggleValue{&f.sel.Toggles, false}, "disable", "disable `rules`, as --enable")
	fs.Var(&overrideValue{&f.sel.Severity}, "severity", "set the severity of rules: `RULE=LEVEL`, comma-separated or repeated (TK3003=error)")
}

// globalFlags are the flags of every triggerlint command: -q and -v.
type globalFlags struct {
	quiet, verbose bool
}

func (g *globalFlags) register(fs *pflag.FlagSet) {
	fs.BoolVarP(&g.quiet, "quiet", "q", false, "print no summary line, and only errors on standard error")
	fs.BoolVarP(&g.verbose, "verbose", "v", false, "print notes on standard error, such as the files a walk skips")
}

// level is the verbosity the flags ask for.
func (g *globalFlags) level() (verbosity, error) {
	switch {
	case g.quiet && g.verbose:
		return normal, &UsageError{Msg: "--quiet and --verbose cannot be used together"}
	case g.quiet:
		return quiet, nil
	case g.verbose:
		return verbose, nil
	}
	return normal, nil
}

// severityValue is a pflag.Value for --fail-severity: a severity name, or
// "warn" for warning.
type severityValue findings.Severity

func (s *severityValue) Set(v string) error {
	if v == "warn" {
		v = findings.Warning.String()
	}
	sev, err := findings.ParseSeverity(v)
	if err != nil {
		return err
	}
	*s = severityValue(sev)
	return nil
}

func (s *severityValue) String() string { return findings.Severity(*s).String() }

func (s *severityValue) Type() string { return "severity" }

// toggleValue is a pflag.Value for --enable and --disable: each use
// appends its comma-separated patterns, in order.
type toggleValue struct {
	toggles *[]lint.Toggle
	on      bool
}

func (t *toggleValue) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*t.toggles = append(*t.toggles, lint.Toggle{Pattern: p, On: t.on})
		}
	}
	return nil
}

func (t *toggleValue) String() string { return "" }

func (t *toggleValue) Type() string { return "rules" }

// overrideValue is a pflag.Value for --severity: RULE=LEVEL pairs.
type overrideValue struct {
	overrides *[]lint.SeverityOverride
}

func (o *overrideValue) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		ov, err := lint.ParseSeverityOverride(strings.TrimSpace(p))
		if err != nil {
			return err
		}
		*o.overrides = append(*o.overrides, ov)
	}
	return nil
}

func (o *overrideValue) String() string { return "" }

func (o *overrideValue) Type() string { return "RULE=LEVEL" }

// sizeValue is a pflag.Value for --max-size: the cap in bytes, -1 for
// none.
type sizeValue int64

func (s *sizeValue) Set(v string) error {
	n, err := records.ParseSize(v)
	if err != nil {
		return err
	}
	*s = sizeValue(n)
	return nil
}

func (s *sizeValue) String() string {
	if *s < 0 {
		return "0"
	}
	return records.FormatSize(int64(*s))
}

func (s *sizeValue) Type() string { return "size" }

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// outputStyle checks --format and --color and says whether to colour.
func outputStyle(format, colour string, env Env) (bool, error) {
	if !slices.Contains(formatNames(), format) {
		return false, &UsageError{Msg: fmt.Sprintf("unknown --format %q (want %s)", format, orList(formatNames()))}
	}
	switch colour {
	case "auto":
		return env.Terminal && env.Getenv("NO_COLOR") == "", nil
	case "always":
		return true, nil
	case "never":
		return false, nil
	}
	return false, &UsageError{Msg: fmt.Sprintf("unknown --color %q (want auto, always or never)", colour)}
}

// failSeverity is the exit-code threshold: --fail-severity when given,
// else the config's, else error.
func (o *outputFlags) failSeverity(cfg *config.Config) findings.Severity {
	if o.failSet() {
		return findings.Severity(o.fail)
	}
	if cfg != nil {
		if s, ok := cfg.FailSeverity(); ok {
			return s
		}
	}
	return findings.Error
}
