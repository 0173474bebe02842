package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/schema"
)

const schemagenUsage = `usage: schemagen [flags] SAMPLE...

Writes a Wix trigger payload schema inferred from sample payloads. Each
SAMPLE is a JSON file with one sample, or NDJSON (.ndjson, .jsonl, or a
file whose first line is a complete JSON value) with one sample per line;
"-" is standard input. The schema goes to standard output, or to -o FILE
(written atomically). What was changed to fit the dialect (flattened
objects, wrapped arrays, sanitised keys, mixed types) is listed on
standard error.

With --transform, writes each sample rewritten the way the schema expects
(one compact JSON line per sample) instead of the schema: the schema is
the one --schema names, or else the one generated from the samples.

Flags:
`

const schemagenExit = `
Exit codes:
  0  the schema (or the transformed samples) written
  1  written, but some samples were refused (invalid JSON, not an object,
     a key repeated in one object);
     each is reported as FILE:LINE:COL on standard error
  2  usage error, unreadable file, bad hints, or nothing to write
`

type schemagenOptions struct {
	out        string
	wixCompat  bool
	contactID  string
	futureDate string
	hints      string
	transform  bool
	schemaPath string
	quiet      bool
}

// Schemagen runs the schemagen command and returns its exit code.
func Schemagen(args []string, env Env) int {
	var o schemagenOptions
	fs := newFlagSet("schemagen", schemagenUsage, schemagenExit, env)
	fs.StringVar(&o.out, "o", "", "write to `FILE` (atomically) instead of standard output")
	fs.BoolVar(&o.wixCompat, "wix-compat", false, "reproduce the dashboard's generator exactly (one sample)")
	fs.StringVar(&o.contactID, "contact-id", "", "connect the 1st-level uuid property `KEY` to site contacts (identityType)")
	fs.StringVar(&o.futureDate, "future-date", "", "mark the 1st-level date-time property `KEY` as the scheduled date (futureDate, required)")
	fs.StringVar(&o.hints, "hints", "", "JSON `FILE` of titles, descriptions, formats, required and custom types by key")
	fs.BoolVar(&o.transform, "transform", false, "write the samples rewritten as the schema expects, not the schema")
	fs.StringVar(&o.schemaPath, "schema", "", "with --transform, the schema `FILE` to follow instead of generating one")
	fs.BoolVar(&o.quiet, "q", false, "do not list the changes on standard error")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	fail := usageError("schemagen", env)
	if fs.NArg() == 0 {
		return fail("no samples (see 'schemagen -h')")
	}
	if o.schemaPath != "" && !o.transform {
		return fail("--schema is for --transform")
	}
	if o.wixCompat && (o.transform || o.contactID != "" || o.futureDate != "" || o.hints != "") {
		return fail("--wix-compat reproduces the dashboard and takes no other option")
	}
	opts := generate.Options{ContactID: o.contactID, FutureDate: o.futureDate}
	if o.hints != "" {
		src, err := os.ReadFile(o.hints)
		if err != nil {
			return fail("%v", err)
		}
		if opts.Hints, err = generate.ParseHints(src); err != nil {
			return fail("%s: %v", o.hints, err)
		}
	}

	r := &sampleReader{env: env}
	var out []byte
	switch {
	case o.wixCompat:
		var samples [][]byte
		r.each(fs.Args(), func(rec []byte, at func(int) schema.Position) error {
			samples = append(samples, bytes.Clone(rec))
			return nil
		})
		if r.unreadable {
			return ExitError
		}
		if len(samples) != 1 {
			return fail("--wix-compat takes exactly one sample, as the dashboard does; got %d", len(samples))
		}
		s, err := generate.WixCompat(samples[0])
		if err != nil {
			return fail("%v", err)
		}
		out = s
	case o.transform:
		tr, code := transformer(o, opts, fs.Args(), env)
		if tr == nil {
			return code
		}
		var b bytes.Buffer
		r.each(fs.Args(), func(rec []byte, at func(int) schema.Position) error {
			t, err := tr.Transform(rec)
			if err != nil {
				return err
			}
			b.Write(t)
			b.WriteByte('\n')
			return nil
		})
		if r.unreadable {
			return ExitError
		}
		out = b.Bytes()
	default:
		res, code := generateSchema(opts, fs.Args(), r, env, o.quiet)
		if res == nil {
			return code
		}
		out = res.JSON
	}
	if err := writeOutput(o.out, out, env); err != nil {
		return fail("%v", err)
	}
	if r.refused > 0 {
		return ExitFindings
	}
	return ExitOK
}

// generateSchema reads the samples into a Generator and builds the schema.
func generateSchema(opts generate.Options, paths []string, r *sampleReader, env Env, quiet bool) (*generate.Result, int) {
	g := generate.New(opts)
	r.each(paths, func(rec []byte, at func(int) schema.Position) error { return g.Add(rec) })
	if r.unreadable {
		return nil, ExitError
	}
	if g.Samples() == 0 {
		fmt.Fprintln(env.Stderr, "schemagen: no usable samples")
		return nil, ExitError
	}
	res, err := g.Schema()
	if err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: %v\n", err)
		return nil, ExitError
	}
	if !quiet {
		for _, n := range res.Notes {
			fmt.Fprintf(env.Stderr, "schemagen: note: %s\n", n)
		}
	}
	return res, ExitOK
}

// transformer returns the Transformer of --schema, or of the schema the
// samples make.
func transformer(o schemagenOptions, opts generate.Options, paths []string, env Env) (*generate.Transformer, int) {
	var src []byte
	if o.schemaPath != "" {
		b, err := os.ReadFile(o.schemaPath)
		if err != nil {
			fmt.Fprintf(env.Stderr, "schemagen: %v\n", err)
			return nil, ExitError
		}
		src = b
	} else {
		if slices.Contains(paths, "-") {
			fmt.Fprintln(env.Stderr, "schemagen: --transform reads the samples twice; name a file, or give --schema")
			return nil, ExitError
		}
		// The samples are read twice: once for the schema, once to
		// transform them. Their problems are reported the second time.
		res, code := generateSchema(opts, paths, &sampleReader{env: Env{Stderr: io.Discard}}, env, true)
		if res == nil {
			return nil, code
		}
		src = res.JSON
	}
	tr, err := generate.NewTransformer(src)
	if err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: %s: %v\n", o.schemaPath, err)
		return nil, ExitError
	}
	return tr, ExitOK
}

// sampleReader reads sample files record by record, reports the records
// refused with their file:line:col, and goes on with the others.
type sampleReader struct {
	env        Env
	refused    int  // records refused
	unreadable bool // a file could not be read
	stdinUsed  bool
}

func (r *sampleReader) each(paths []string, fn func(rec []byte, at func(int) schema.Position) error) {
	for _, path := range paths {
		var in io.Reader
		display := path
		if path == "-" {
			if r.stdinUsed {
				fmt.Fprintln(r.env.Stderr, "schemagen: standard input named twice")
				r.unreadable = true
				continue
			}
			r.stdinUsed, in, display = true, r.env.Stdin, "<stdin>"
		} else {
			f, err := os.Open(path)
			if err != nil {
				fmt.Fprintf(r.env.Stderr, "schemagen: %v\n", err)
				r.unreadable = true
				continue
			}
			in = f
			defer f.Close()
		}
		ndjson := strings.HasSuffix(path, ".ndjson") || strings.HasSuffix(path, ".jsonl")
		err := eachRecord(in, ndjson, func(rec []byte, at func(int) schema.Position) {
			if err := fn(rec, at); err != nil {
				r.refused++
				pos, msg := refusal(err, at)
				fmt.Fprintf(r.env.Stderr, "%s:%s: %s\n", display, pos, msg)
			}
		})
		if err != nil {
			fmt.Fprintf(r.env.Stderr, "schemagen: %s: %v\n", display, err)
			r.unreadable = true
		}
	}
}

// refusal is where in its file a refused sample's problem is, and what it
// is. Generator.Add and Transformer.Transform refuse samples with the same
// *generate.SyntaxError.
func refusal(err error, at func(int) schema.Position) (pos, msg string) {
	var se *generate.SyntaxError
	if errors.As(err, &se) {
		return at(se.Offset).String(), se.Msg
	}
	return at(0).String(), err.Error()
}

// writeOutput writes data to path atomically (a temporary file in the same
// folder, then a rename), or to standard output when path is "".
func writeOutput(path string, data []byte, env Env) error {
	if path == "" {
		_, err := env.Stdout.Write(data)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
