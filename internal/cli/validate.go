package cli

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// newValidateCommand returns "validate".
func newValidateCommand(a *app) *cobra.Command {
	var flags validateFlags
	c := &cobra.Command{
		Use:   "validate --schema SCHEMA.json [flags] FILE...",
		Short: "validate payloads (JSON or NDJSON) or, with --request, Report/Cancel Event request bodies",
		Long: `Validates payloads against a trigger's payload schema, as Report Event will.
Each FILE holds one JSON payload, or NDJSON: one payload per line (files
named *.ndjson or *.jsonl, or any file whose first line is a complete JSON
value), read as a stream in constant memory. "-" reads standard input.
With --request, each payload is a whole request body instead, and its kind
is recognised from its fields unless --kind names it.

The schema is linted first: a schema with lint errors is refused.

Findings use the lint output and JSON contract, with "pointer" into the
payload or request; for NDJSON, "line" is the record's line.`,
		Example: `  triggerlint validate --schema examples/order-paid.json payloads/order-paid.json
  triggerlint validate payloads/order-paid.ndjson --schema examples/order-paid.json --format json
  triggerlint validate --schema examples/order-paid.json --request payloads/report-request.json
  triggerlint validate --schema schema.json --request --kind bulk-report body.json`,
		Annotations: map[string]string{exitAnnotation: `  0  no finding at or above --fail-severity
  1  findings at or above --fail-severity
  2  usage error, unreadable file, file with no payload, or unusable schema`},
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			code, err := validateCommand(args, env, a.ruleSet, &flags)
			if err != nil {
				return err
			}
			return exit(code)
		},
	}
	flags.register(c.Flags())
	return c
}

// validateFlags are the flags of validate.
type validateFlags struct {
	reportFlags
	schema        string
	request       bool
	kind          string
	maxViolations countValue
}

func (f *validateFlags) register(fs *pflag.FlagSet) {
	f.reportFlags.register(fs)
	fs.StringVar(&f.schema, "schema", "", "the payload schema `file` (required)")
	fs.BoolVar(&f.request, "request", false, "each payload is a request body: report, cancel, bulk-report or bulk-cancel")
	fs.StringVar(&f.kind, "kind", "", "with --request, the request `kind`: report, cancel, bulk-report or bulk-cancel (default: recognised from the fields)")
	setValues(fs, "kind", "report", "cancel", "bulk-report", "bulk-cancel")
	fs.Var(&f.maxViolations, "max-violations", fmt.Sprintf("list at most `N` violations per payload, then one (TK9029) that counts the rest; 0 is the default of %d, a negative N lists every one", validate.DefaultMaxViolations))
}

func validateCommand(files []string, env Env, ruleSet []*lint.Rule, opts *validateFlags) (int, error) {
	useColor, err := opts.style(env)
	if err != nil {
		return 0, err
	}
	if opts.schema == "" {
		return 0, usagef("--schema is required")
	}
	kind := validate.KindAuto
	if opts.kind != "" {
		if !opts.request {
			return 0, usagef("--kind needs --request")
		}
		k, err := validate.ParseKind(opts.kind)
		if err != nil {
			return 0, &UsageError{Msg: err.Error()}
		}
		kind = k
	}
	if len(files) == 0 {
		return 0, usagef("no files to validate")
	}
	maxSize := int64(opts.maxSize)
	cfg, code := loadConfig(env, &opts.workflowFlags, catalogue(ruleSet))
	if code != ExitOK {
		return code, nil
	}
	wf, code := newWorkflow(env, &opts.workflowFlags, cfg, false, nil)
	if code != ExitOK {
		return code, nil
	}
	out := newFindingWriter(env, &opts.outputFlags, useColor, wf, opts.showIgnored, ruleSet, opts.failSeverity(cfg))
	out.inputs = append([]string{env.path(opts.schema)}, files...)
	for i := 1; i < len(out.inputs); i++ {
		out.inputs[i] = env.path(out.inputs[i])
	}
	// The schema is linted with the rules the config selects for it, as
	// lint would.
	lc := &linterCache{ruleSet: ruleSet, byKey: map[string]*lint.Linter{}}
	l, err := lc.get(cfg, env.path(opts.schema))
	if err != nil {
		return 0, &UsageError{Msg: err.Error()}
	}
	v, code := loadValidator(opts.schema, l, env, maxSize, &validate.Options{MaxViolations: int(opts.maxViolations)}, out)
	if v == nil {
		return code, nil
	}

	check := func(b []byte) []validate.Violation { return v.Validate(b).Violations }
	if opts.request {
		check = func(b []byte) []validate.Violation {
			_, res := v.ValidateRequest(b, kind)
			return res.Violations
		}
	}
	failed, stdinUsed := false, false
	for _, name := range files {
		if err := validateFile(name, env, &stdinUsed, maxSize, check, out); err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
			failed = true
		}
	}
	return out.done(env, failed, opts.failSeverity(cfg)), nil
}

// countValue is a pflag.Value for --max-violations: a whole number.
type countValue int

func (c *countValue) Set(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return errors.New("want a whole number")
	}
	*c = countValue(n)
	return nil
}

func (c *countValue) String() string { return strconv.Itoa(int(*c)) }

func (c *countValue) Type() string { return "int" }

// loadValidator lints and compiles the schema. On failure it reports why
// and returns the exit code.
func loadValidator(path string, l *lint.Linter, env Env, maxSize int64, vopts *validate.Options, out *findingWriter) (*validate.Validator, int) {
	src, err := readWhole(path, env, maxSize)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
		return nil, ExitError
	}
	v, err := validate.NewLintedBy(path, src, l, vopts)
	var se *validate.SchemaError
	if errors.As(err, &se) {
		out.file(path)
		for _, f := range se.Findings {
			out.write(f)
		}
		if err := out.finish(); err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: writing output: %s\n", findings.Escape(err.Error()))
		}
		them := "them"
		if se.Errors == 1 {
			them = "it"
		}
		fmt.Fprintf(env.Stderr, "triggerlint: %s: the schema has %s; fix %s before validating payloads\n", path, plural(se.Errors, "lint error"), them)
		return nil, ExitError
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %s: %v\n", path, err)
		return nil, ExitError
	}
	for _, ig := range v.Ignored() {
		env.notef("%s: %s: %q is not applied to payloads", path, ig.Pointer, ig.Keyword)
	}
	return v, ExitOK
}

// validateFile validates the payloads of one file, record by record, and
// closes it before returning. The file counts in the summary once it has
// been read to its end.
func validateFile(name string, env Env, stdinUsed *bool, maxSize int64, check func([]byte) []validate.Violation, out *findingWriter) error {
	r, display, err := openInput(name, env, stdinUsed)
	if err != nil {
		return err
	}
	defer r.Close()
	var vs []validate.Violation
	payloads := 0
	err = records.Each(r, records.Options{Name: display, NDJSON: records.IsNDJSONName(name), MaxSize: maxSize}, func(rec records.Record) error {
		if isBlank(rec.Data) {
			// A JSON document of white space only: the file holds no
			// payload, as an NDJSON file of blank lines does not.
			return nil
		}
		payloads++
		out.sum.Payloads++
		// Findings in the order of the payload: by offset, then end.
		vs = append(vs[:0], check(rec.Data)...)
		slices.SortStableFunc(vs, func(a, b validate.Violation) int {
			return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.End, b.End))
		})
		var chars *schema.CharIndex // built once per payload, when it has findings
		for _, x := range vs {
			start, end := rec.Position(x.Offset), rec.Position(x.End)
			f := x.Finding(display, start, end)
			if chars == nil {
				chars = schema.NewCharIndex(rec.Data)
			}
			// Offsets within the record; its columns count from its lines.
			f.Char = chars.Column(x.Offset, start.Column)
			f.EndChar = chars.Column(x.End, end.Column)
			out.write(f)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if payloads == 0 {
		return &NoPayloadError{Name: display}
	}
	out.file(display)
	return nil
}

// NoPayloadError is a file to validate that holds no payload: it is empty,
// or holds only white space or blank lines.
type NoPayloadError struct {
	Name string // the file, as findings name it
}

func (e *NoPayloadError) Error() string {
	return fmt.Sprintf("%s: no payload: the file is empty or holds only white space", e.Name)
}

// isBlank reports whether b holds only JSON white space.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
