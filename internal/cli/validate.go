package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
	"github.com/triggerkit/triggerkit/schema"
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
}

func validateCommand(args []string, env Env) int {
	fset := newFlagSet("triggerlint validate", validateUsage, "", env)
	var opts validateOptions
	opts.outputOptions.flags(fset)
	fset.StringVar(&opts.schema, "schema", "", "the payload schema `file` (required)")
	fset.BoolVar(&opts.request, "request", false, "each payload is a request body: report, cancel, bulk-report or bulk-cancel")
	fset.StringVar(&opts.kind, "kind", "", "with --request, the request `kind`: report, cancel, bulk-report or bulk-cancel (default: recognised from the fields)")
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
	v, code := loadValidator(opts.schema, env, out)
	if v == nil {
		return code
	}

	failed, stdinUsed := false, false
	for _, name := range fset.Args() {
		var r io.Reader
		display := name
		if name == "-" {
			if stdinUsed {
				fmt.Fprintln(env.Stderr, "triggerlint: standard input named twice")
				failed = true
				continue
			}
			stdinUsed, r, display = true, env.Stdin, "<stdin>"
		} else {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
				failed = true
				continue
			}
			r = f
			defer f.Close()
		}
		out.files++
		check := func(b []byte) []validate.Violation { return v.Validate(b).Violations }
		if opts.request {
			check = func(b []byte) []validate.Violation {
				_, res := v.ValidateRequest(b, kind)
				return res.Violations
			}
		}
		ndjson := strings.HasSuffix(name, ".ndjson") || strings.HasSuffix(name, ".jsonl")
		if err := validateStream(display, r, ndjson, check, out); err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: %s: %v\n", display, err)
			failed = true
		}
	}
	return out.done(env, failed, opts.fail)
}

// loadValidator lints and compiles the schema. On failure it reports why
// and returns the exit code.
func loadValidator(path string, env Env, out *findingWriter) (*validate.Validator, int) {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
		return nil, ExitError
	}
	doc, _ := schema.Load(path, src)
	sel, err := lint.Select(rules.All(), lint.SelectOptions{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: internal error: %v\n", err)
		return nil, ExitError
	}
	diags, err := lint.Run(doc, sel)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %s: %v\n", path, err)
		return nil, ExitError
	}
	errorsFound := 0
	for _, d := range diags {
		if d.Severity >= lint.Error {
			errorsFound++
		}
	}
	if errorsFound > 0 {
		out.files++
		for _, d := range diags {
			out.write(lint.NewFinding(doc.File, d))
		}
		if err := out.finish(); err != nil {
			fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		}
		fmt.Fprintf(env.Stderr, "triggerlint: %s: the schema has %d lint errors; fix them before validating payloads\n", path, errorsFound)
		return nil, ExitError
	}
	v, err := validate.Compile(doc, nil)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %s: %v\n", path, err)
		return nil, ExitError
	}
	for _, ig := range v.Ignored() {
		fmt.Fprintf(env.Stderr, "triggerlint: note: %s: %s: %q is not applied to payloads\n", path, ig.Pointer, ig.Keyword)
	}
	return v, ExitOK
}

// validateStream validates one file, record by record (see eachRecord).
func validateStream(name string, r io.Reader, ndjson bool, check func([]byte) []validate.Violation, out *findingWriter) error {
	return eachRecord(r, ndjson, func(rec []byte, at func(int) schema.Position) {
		for _, x := range check(rec) {
			start, end := at(x.Offset), at(x.End)
			out.write(x.Finding(name, start, end))
		}
	})
}

// eachRecord calls fn on each JSON record of r: each non-blank line of
// NDJSON (by name, or when the first line is a complete JSON value), read
// one at a time into a reused buffer, or else the whole input as one
// document. at turns an offset in the record into its position in r. The
// record is valid only during the call.
func eachRecord(r io.Reader, ndjson bool, fn func(rec []byte, at func(int) schema.Position)) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var buf []byte
	first, err := readLine(br, &buf)
	if err != nil && err != io.EOF {
		return err
	}
	if !ndjson && !json.Valid(bytes.TrimSpace(first)) {
		// One document, over several lines.
		rest, rerr := io.ReadAll(br)
		if rerr != nil {
			return rerr
		}
		src := first
		if err != io.EOF {
			src = append(append(append([]byte(nil), first...), '\n'), rest...)
		}
		lines := schema.NewLines(src)
		fn(src, lines.Position)
		return nil
	}
	for n := 1; ; n++ {
		line := bytes.TrimSuffix(first, []byte("\r"))
		if len(bytes.TrimSpace(line)) > 0 {
			fn(line, func(off int) schema.Position { return schema.Position{Line: n, Column: off + 1} })
		}
		if err == io.EOF {
			return nil
		}
		first, err = readLine(br, &buf)
		if err != nil && err != io.EOF {
			return err
		}
	}
}

// readLine returns the next line without its "\n", reusing *buf for lines
// longer than the reader's buffer. The result is valid until the next call.
func readLine(br *bufio.Reader, buf *[]byte) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		*buf = append((*buf)[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = br.ReadSlice('\n')
			*buf = append(*buf, line...)
		}
		line = *buf
	}
	if err == nil {
		return line[:len(line)-1], nil
	}
	return line, err
}
