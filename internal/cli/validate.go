package cli

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/validate"
)

const validateUsage = `Usage: triggerlint validate --schema SCHEMA.json [flags] FILE...

Validates payloads against a trigger's payload schema, as Report Event will.
Each FILE holds one JSON payload, or NDJSON: one payload per line (files
named *.ndjson or *.jsonl, or any file whose first line is a complete JSON
value), read as a stream in constant memory. "-" reads standard input.
With --request, each payload is a whole request body instead, and its kind
is recognised from its fields unless --kind names it.

The schema is linted first: a schema with lint errors is refused.

Findings use the lint output and JSON contract, with "pointer" into the
payload or request; for NDJSON, "line" is the record's line.

Examples:
  triggerlint validate --schema examples/order-paid.json payloads/order-paid.json
  triggerlint validate --schema schema.json --format json events.ndjson
  triggerlint validate --schema schema.json --request --kind bulk-report body.json

Exit codes: 0 no finding at or above --fail-severity (default error); 1
findings at or above it; 2 usage error, unreadable file or unusable schema.

Flags:
`

type validateOptions struct {
	outputOptions
	schema  string
	request bool
	kind    string
	maxSize int64
}

func validateCommand(args []string, env Env, ruleSet []*lint.Rule) int {
	fset := newFlagSet("triggerlint validate", validateUsage, "", env)
	var opts validateOptions
	opts.outputOptions.flags(fset)
	fset.StringVar(&opts.schema, "schema", "", "the payload schema `file` (required)")
	fset.BoolVar(&opts.request, "request", false, "each payload is a request body: report, cancel, bulk-report or bulk-cancel")
	fset.StringVar(&opts.kind, "kind", "", "with --request, the request `kind`: report, cancel, bulk-report or bulk-cancel (default: recognised from the fields)")
	sizeFlag(fset, &opts.maxSize)
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	usage := usageError("triggerlint", env)
	useColor, err := outputStyle(opts.format, opts.color, env)
	if err != nil {
		return usage("%v", err)
	}
	if opts.schema == "" {
		return usage("--schema is required (see 'triggerlint validate -h')")
	}
	kind := validate.KindAuto
	if opts.kind != "" {
		if !opts.request {
			return usage("--kind needs --request")
		}
		k, err := validate.ParseKind(opts.kind)
		if err != nil {
			return usage("%v", err)
		}
		kind = k
	}
	if fset.NArg() == 0 {
		return usage("no files to validate (see 'triggerlint validate -h')")
	}
	out := newFindingWriter(env.Stdout, opts.format, useColor)
	v, code := loadValidator(opts.schema, ruleSet, env, opts.maxSize, out)
	if v == nil {
		return code
	}

	check := func(b []byte) []validate.Violation { return v.Validate(b).Violations }
	if opts.request {
		check = func(b []byte) []validate.Violation {
			_, res := v.ValidateRequest(b, kind)
			return res.Violations
		}
	}
	failed, stdinUsed := false, false
	for _, name := range fset.Args() {
		if err := validateFile(name, env, &stdinUsed, opts.maxSize, check, out); err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
			failed = true
		}
	}
	if err := out.finish(); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		return ExitError
	}
	switch {
	case failed:
		return ExitError
	case out.worst >= opts.fail:
		return ExitFindings
	}
	return ExitOK
}

// loadValidator lints and compiles the schema. On failure it reports why
// and returns the exit code.
func loadValidator(path string, ruleSet []*lint.Rule, env Env, maxSize int64, out *findingWriter) (*validate.Validator, int) {
	src, err := readWhole(path, env, maxSize)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
		return nil, ExitError
	}
	v, err := validate.NewLinted(path, src, ruleSet, nil)
	var se *validate.SchemaError
	if errors.As(err, &se) {
		out.files++
		for _, f := range se.Findings {
			out.write(f)
		}
		if err := out.finish(); err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		}
		fmt.Fprintf(env.Stderr, "triggerlint: %s: the schema has %d lint errors; fix them before validating payloads\n", path, se.Errors)
		return nil, ExitError
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %s: %v\n", path, err)
		return nil, ExitError
	}
	for _, ig := range v.Ignored() {
		fmt.Fprintf(env.Stderr, "triggerlint: note: %s: %s: %q is not applied to payloads\n", path, ig.Pointer, ig.Keyword)
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
	err = records.Each(r, records.Options{Name: display, NDJSON: records.IsNDJSONName(name), MaxSize: maxSize}, func(rec records.Record) error {
		out.payloads++
		// Findings in the order of the payload: by offset, then end.
		vs = append(vs[:0], check(rec.Data)...)
		slices.SortStableFunc(vs, func(a, b validate.Violation) int {
			return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.End, b.End))
		})
		for _, x := range vs {
			start, end := rec.Position(x.Offset), rec.Position(x.End)
			out.write(finding(display, x, start.Line, start.Column, end.Line, end.Column))
		}
		return nil
	})
	if err != nil {
		return err
	}
	out.files++
	return nil
}

// plural is "1 file", "2 files".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func finding(file string, x validate.Violation, line, col, endLine, endCol int) lint.Finding {
	return lint.Finding{File: file, Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Pointer: x.Pointer, Rule: x.Rule, Severity: x.Severity, Message: x.Message, URL: validate.RuleURL(x.Rule)}
}

// findingWriter writes findings as they come, in text or as the JSON report
// document, so that memory does not grow with the input.
type findingWriter struct {
	w     *bufio.Writer
	json  bool
	color bool
	sum   lint.Summary
	files int
	// payloads counts the payloads checked, for the text summary.
	payloads int
	worst    lint.Severity
	err      error
	opened   bool
}

func newFindingWriter(w io.Writer, format string, color bool) *findingWriter {
	return &findingWriter{w: bufio.NewWriterSize(w, 1<<16), json: format == "json", color: color}
}

func (fw *findingWriter) write(f lint.Finding) {
	fw.sum.Add(f)
	fw.worst = max(fw.worst, f.Severity)
	if fw.err != nil {
		return
	}
	if !fw.json {
		fw.err = lint.WriteText(fw.w, []lint.Finding{f}, lint.Summary{}, lint.TextStyle{Color: fw.color})
		return
	}
	b, err := json.MarshalIndent(f, "    ", "  ")
	if err != nil {
		fw.err = err
		return
	}
	sep := ",\n    "
	if !fw.opened {
		sep = "{\n  \"findings\": [\n    "
		fw.opened = true
	}
	fw.w.WriteString(sep)
	fw.w.Write(b)
}

func (fw *findingWriter) finish() error {
	fw.sum.Files = fw.files
	if fw.err != nil {
		return fw.err
	}
	if fw.json {
		if !fw.opened {
			fw.w.WriteString("{\n  \"findings\": [")
		} else {
			fw.w.WriteString("\n  ")
		}
		b, err := json.MarshalIndent(fw.sum, "  ", "  ")
		if err != nil {
			return err
		}
		fw.w.WriteString("],\n  \"summary\": ")
		fw.w.Write(b)
		fw.w.WriteString("\n}\n")
	} else {
		// The summary names the payloads checked as well as the files:
		// "3 findings (...) in 5 payloads from 2 files".
		var b bytes.Buffer
		if err := lint.WriteText(&b, nil, fw.sum, lint.TextStyle{Color: fw.color}); err != nil {
			return err
		}
		files := " in " + plural(fw.files, "file")
		line := b.String()
		if i := strings.LastIndex(line, files); i >= 0 && fw.payloads > 0 {
			line = line[:i] + " in " + plural(fw.payloads, "payload") + " from " + plural(fw.files, "file") + line[i+len(files):]
		}
		fw.w.WriteString(line)
	}
	return fw.w.Flush()
}
