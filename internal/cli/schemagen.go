package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/internal/atomicfile"
	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/schema"
)

// schemagenExit are the exit codes of schemagen.
const schemagenExit = `  0  the schema (or the transformed samples) written
  1  written, but some samples were refused (invalid JSON, not an object,
     a key repeated in one object);
     each is reported as FILE:LINE:COL on standard error;
     or --update found breaking changes (without --allow-breaking;
     --write then writes nothing)
  2  usage error, unreadable file, bad hints, or nothing to write`

type schemagenOptions struct {
	out        string
	wixCompat  bool
	contactID  string
	futureDate string
	hints      string
	transform  bool
	schemaPath string
	quiet      bool
	verbose    bool
	root       string
	keepJSON   bool
	noContact  bool
	update     string
	write      bool
	allowBreak bool
	inputFlags
}

func (o *schemagenOptions) register(fs *pflag.FlagSet) {
	fs.StringVarP(&o.out, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	fs.BoolVar(&o.wixCompat, "wix-compat", false, "reproduce the dashboard's generator exactly (one sample)")
	fs.StringVar(&o.contactID, "contact-id", "", "connect the 1st-level uuid property `KEY` to site contacts (identityType)")
	fs.StringVar(&o.futureDate, "future-date", "", "mark the 1st-level date-time property `KEY` as the scheduled date (futureDate, required)")
	fs.StringVar(&o.hints, "hints", "", "JSON `FILE` of titles, descriptions, formats, required and custom types by key")
	fs.BoolVar(&o.transform, "transform", false, "write the samples rewritten as the schema expects, not the schema")
	fs.StringVar(&o.schemaPath, "schema", "", "with --transform, the schema `FILE` to follow instead of generating one")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "do not list the changes on standard error")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "list every change on standard error, not a summary by kind")
	fs.StringVar(&o.root, "root", "", "describe only the part `PATH` of each sample: keys separated by \".\", \"[]\" for each array element (createdEvent.entityAsJson, events[])")
	fs.BoolVar(&o.keepJSON, "keep-json-strings", false, "keep strings that hold JSON as strings instead of reading their content")
	fs.BoolVar(&o.noContact, "no-contact-id", false, "connect no property to site contacts (by default the one required 1st-level uuid whose key names a contact ID is, or among several the one keyed contactId)")
	fs.StringVar(&o.update, "update", "", "merge the samples into the existing schema `SCHEMA`, keeping what people wrote, and report what the update changes for published automations")
	fs.BoolVar(&o.write, "write", false, "with --update, write the updated schema over SCHEMA (atomically)")
	fs.BoolVar(&o.allowBreak, "allow-breaking", false, "with --update, accept breaking changes: exit 0 and let --write write")
	o.inputFlags.register(fs)
}

// Schemagen runs the schemagen command and returns its exit code.
func Schemagen(args []string, env Env) int {
	env = env.withDefaults()
	return execute(SchemagenCommand(env), args, env.Stderr)
}

// SchemagenCommand returns the schemagen command for env, built afresh.
// Its RunE ends with an *ExitCodeError or a *UsageError; Schemagen
// executes it and turns them into exit codes.
func SchemagenCommand(env Env) *cobra.Command {
	env = env.withDefaults()
	var o schemagenOptions
	root := newRoot("schemagen", env)
	root.Use = "schemagen [flags] SAMPLE..."
	root.Short = "write a Wix trigger payload schema inferred from sample payloads"
	root.Long = `Writes a Wix trigger payload schema inferred from sample payloads. Each
SAMPLE is a JSON file with one sample, or NDJSON (.ndjson, .jsonl, or a
file whose first line is a complete JSON value) with one sample per line;
"-" is standard input. The schema goes to standard output, or to -o FILE
(written atomically). What was changed to fit the dialect (flattened
objects, wrapped arrays, sanitised keys, mixed types) is listed on
standard error. Flags go anywhere on the line; "--" ends them.

With --transform, writes each sample rewritten the way the schema expects
(one compact JSON line per sample) instead of the schema: the schema is
the one --schema names, or else the one generated from the samples.

With --update SCHEMA, merges the samples into an existing schema instead:
every title, description, example, annotation, oneOf and required choice
of SCHEMA is kept in its order; properties the samples add come in with
placeholders (optional); properties no sample holds are kept, with a
note; a type or format is widened only when a sample demands it. The
result goes to standard output, -o FILE, or over SCHEMA with --write. The
changes it makes for published automations are then listed on standard
error as triggerlint diff classifies them; a breaking one makes the exit
code 1 (and --write write nothing) unless --allow-breaking.`
	root.Example = `  schemagen testdata/samples/webhook-event-created.json > schema.json
  schemagen payloads/order-paid.ndjson -o schema.json --contact-id contactId --hints payloads/order-paid-hints.json
  schemagen --transform payloads/order-paid.ndjson
  schemagen --wix-compat payloads/order-paid.json
  schemagen --update schema.json --write payloads/order-paid.ndjson`
	root.Annotations = map[string]string{exitAnnotation: schemagenExit}
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("no samples")
		}
		return nil
	}
	root.RunE = func(c *cobra.Command, args []string) error {
		code, err := schemagen(args, env, o)
		if err != nil {
			return err
		}
		return exit(code)
	}
	o.register(root.Flags())
	return root
}

func schemagen(paths []string, env Env, o schemagenOptions) (int, error) {
	fail := func(format string, a ...any) (int, error) {
		fmt.Fprintf(env.Stderr, "schemagen: "+format+"\n", a...)
		return ExitError, nil
	}
	if o.schemaPath != "" && !o.transform {
		return 0, usagef("--schema is for --transform")
	}
	if o.wixCompat && (o.transform || o.contactID != "" || o.futureDate != "" || o.hints != "" || o.root != "" || o.keepJSON || o.noContact) {
		return 0, usagef("--wix-compat reproduces the dashboard and takes no other option")
	}
	if o.noContact && o.contactID != "" {
		return 0, usagef("--no-contact-id and --contact-id contradict each other")
	}
	if o.quiet && o.verbose {
		return 0, usagef("-q and -v contradict each other")
	}
	switch {
	case o.update == "" && (o.write || o.allowBreak):
		return 0, usagef("--write and --allow-breaking are for --update")
	case o.update != "" && (o.transform || o.wixCompat):
		return 0, usagef("--update takes neither --transform nor --wix-compat")
	case o.write && o.out != "":
		return 0, usagef("--write writes over SCHEMA; -o writes elsewhere: give one")
	case o.write && o.update == "-":
		return 0, usagef("--write cannot write over standard input")
	}
	opts := generate.Options{ContactID: o.contactID, FutureDate: o.futureDate, Root: o.root, KeepJSONStrings: o.keepJSON, NoContactID: o.noContact}
	if o.hints != "" {
		src, err := readWhole(o.hints, env, int64(o.maxSize))
		if err != nil {
			return fail("%v", err)
		}
		if opts.Hints, err = generate.ParseHints(src); err != nil {
			reportHintsError(env.Stderr, o.hints, err)
			return ExitError, nil
		}
	}

	r := &sampleReader{env: env, maxSize: int64(o.maxSize)}
	var out []byte
	switch {
	case o.wixCompat:
		var samples [][]byte
		r.each(paths, func(rec []byte, at func(int) schema.Position) error {
			samples = append(samples, bytes.Clone(rec))
			return nil
		})
		if r.unreadable {
			return ExitError, nil
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
		tr, code := transformer(o, opts, paths, env)
		if tr == nil {
			return code, nil
		}
		var b bytes.Buffer
		r.each(paths, func(rec []byte, at func(int) schema.Position) error {
			t, err := tr.Transform(rec)
			if err != nil {
				return err
			}
			b.Write(t)
			b.WriteByte('\n')
			return nil
		})
		if r.unreadable {
			return ExitError, nil
		}
		out = b.Bytes()
	case o.update != "":
		return updateSchema(opts, paths, r, env, o)
	default:
		res, code := generateSchema(opts, paths, r, env, o.quiet, o.verbose, nil)
		if res == nil {
			return code, nil
		}
		out = res.JSON
	}
	return writeSchemagen(out, paths, r, env, o, "")
}

// writeSchemagen writes out to -o (never over an input), or to the file
// over, or to standard output, and returns the exit code.
func writeSchemagen(out []byte, paths []string, r *sampleReader, env Env, o schemagenOptions, over string) (int, error) {
	var inputs []string
	for _, p := range append(slices.Clone(paths), o.hints, o.schemaPath, o.update) {
		if p != "" && p != "-" {
			inputs = append(inputs, env.path(p))
		}
	}
	target := o.out
	if over != "" {
		// --write: SCHEMA is the one input the output may be.
		target = over
		inputs = slices.DeleteFunc(inputs, func(p string) bool { return p == env.path(over) })
	}
	if err := writeOutput(env.path(target), out, inputs, env); err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: %v\n", err)
		return ExitError, nil
	}
	if r.refused > 0 {
		return ExitFindings, nil
	}
	return ExitOK, nil
}

// generateSchema reads the samples into a Generator and builds the schema.
// The notes are summarised by kind unless verbose.
// With existing, the samples update that schema (Generator.Update).
func generateSchema(opts generate.Options, paths []string, r *sampleReader, env Env, quiet, verbose bool, existing []byte) (*generate.Result, int) {
	g := generate.New(opts)
	r.each(paths, func(rec []byte, at func(int) schema.Position) error { return g.Add(rec) })
	if r.unreadable {
		return nil, ExitError
	}
	if g.Samples() == 0 {
		fmt.Fprintln(env.Stderr, "schemagen: no usable samples")
		return nil, ExitError
	}
	var res *generate.Result
	var err error
	if existing != nil {
		res, err = g.Update(existing)
	} else {
		res, err = g.Schema()
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: %v\n", err)
		return nil, ExitError
	}
	switch {
	case quiet:
	case verbose:
		for _, n := range res.Notes {
			fmt.Fprintf(env.Stderr, "schemagen: note: %s\n", findings.Escape(n.String()))
		}
	default:
		lines := generate.SummarizeNotes(res.Notes)
		for _, l := range lines {
			fmt.Fprintf(env.Stderr, "schemagen: note: %s\n", findings.Escape(l))
		}
		if len(lines) < len(res.Notes) {
			fmt.Fprintln(env.Stderr, "schemagen: -v lists every note")
		}
	}
	return res, ExitOK
}

// transformer returns the Transformer of --schema, or of the schema the
// samples make.
func transformer(o schemagenOptions, opts generate.Options, paths []string, env Env) (*generate.Transformer, int) {
	var src []byte
	if o.schemaPath != "" {
		b, err := readWhole(o.schemaPath, env, int64(o.maxSize))
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
		res, code := generateSchema(opts, paths, &sampleReader{env: env, maxSize: int64(o.maxSize), quiet: true}, env, true, false, nil)
		if res == nil {
			return nil, code
		}
		src = res.JSON
	}
	tr, err := generate.NewTransformerFor(src, opts)
	if err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: %s: %v\n", o.schemaPath, err)
		return nil, ExitError
	}
	return tr, ExitOK
}

// sampleReader reads sample files record by record, reports the records
// refused with their file:line:col, and goes on with the others.
type sampleReader struct {
	env     Env
	maxSize int64
	// quiet leaves the refused records unreported: the first of the two
	// reads of --transform. Unreadable files are always reported.
	quiet      bool
	refused    int  // records refused
	unreadable bool // a file could not be read
	stdinUsed  bool
}

func (r *sampleReader) each(paths []string, fn func(rec []byte, at func(int) schema.Position) error) {
	for _, path := range paths {
		if err := r.file(path, fn); err != nil {
			fmt.Fprintf(r.env.Stderr, "schemagen: %v\n", err)
			r.unreadable = true
		}
	}
}

// file reads the samples of one file and closes it before returning.
func (r *sampleReader) file(path string, fn func(rec []byte, at func(int) schema.Position) error) error {
	in, display, err := openInput(path, r.env, &r.stdinUsed)
	if err != nil {
		return err
	}
	defer in.Close()
	return records.Each(in, records.Options{Name: display, NDJSON: records.IsNDJSONName(path), MaxSize: r.maxSize}, func(rec records.Record) error {
		if err := fn(rec.Data, rec.Position); err != nil {
			r.refused++
			if !r.quiet {
				pos, msg := refusal(err, rec.Position)
				fmt.Fprintf(r.env.Stderr, "%s:%s: %s\n", display, pos, msg)
			}
		}
		return nil
	})
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

// reportHintsError writes the mistakes of a hints file, each as
// file:line:col: message.
func reportHintsError(w io.Writer, name string, err error) {
	var list schema.ErrorList
	var he *generate.HintsError
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintf(w, "%s:%s: %s\n", findings.Escape(name), e.Pos, findings.Escape(e.Msg))
		}
	case errors.As(err, &he):
		fmt.Fprintf(w, "%s:%s: %s\n", findings.Escape(name), he.Pos, findings.Escape(he.Msg))
	default:
		fmt.Fprintf(w, "schemagen: %s: %s\n", findings.Escape(name), findings.Escape(err.Error()))
	}
}

// writeOutput writes data to path atomically (see atomicfile), never over
// one of the inputs, or to standard output when path is "".
func writeOutput(path string, data []byte, inputs []string, env Env) error {
	if path == "" {
		_, err := env.Stdout.Write(data)
		return err
	}
	return atomicfile.Write(path, data, &atomicfile.Options{Inputs: inputs})
}

// updateSchema runs --update: it merges the samples into SCHEMA, lists
// what the update changes as triggerlint diff classifies it, and writes
// the result unless --write meets a breaking change without
// --allow-breaking.
func updateSchema(opts generate.Options, paths []string, r *sampleReader, env Env, o schemagenOptions) (int, error) {
	if o.out != "" {
		// Refused before any work; writeOutput would refuse it too.
		a, errA := os.Stat(env.path(o.out))
		b, errB := os.Stat(env.path(o.update))
		if errA == nil && errB == nil && os.SameFile(a, b) {
			fmt.Fprintf(env.Stderr, "schemagen: -o %s is the schema being updated; refusing to overwrite it (--write writes over it)\n", o.out)
			return ExitError, nil
		}
	}
	old, err := readWhole(o.update, env, int64(o.maxSize))
	if err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: %v\n", err)
		return ExitError, nil
	}
	oldDoc, err := schema.Load(o.update, old)
	if err != nil || oldDoc.Root == nil {
		if err == nil {
			err = errors.New("not a JSON object")
		}
		fmt.Fprintf(env.Stderr, "schemagen: %s: %v\n", o.update, err)
		return ExitError, nil
	}
	res, code := generateSchema(opts, paths, r, env, o.quiet, o.verbose, old)
	if res == nil {
		return code, nil
	}
	// The changes found only in the new version are placed in it.
	name := o.update + " (updated)"
	if o.out != "" {
		name = o.out
	}
	newDoc, err := schema.Load(name, res.JSON)
	if err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: the updated schema: %v\n", err) // not reached: Update writes JSON
		return ExitError, nil
	}
	changes, err := diff.Compare(oldDoc, newDoc)
	if err != nil {
		fmt.Fprintf(env.Stderr, "schemagen: %v\n", err)
		return ExitError, nil
	}
	tw := findings.NewTextWriter(env.Stderr, findings.TextStyle{})
	var sum findings.Summary
	breaking := 0
	for _, c := range changes {
		doc := newDoc
		if c.Side == diff.Old {
			doc = oldDoc
		}
		f := c.Finding(doc.File)
		sum.Add(f)
		if c.Kind.Class == diff.Breaking {
			breaking++
		}
		if err := tw.Write(f); err != nil {
			return ExitError, nil
		}
	}
	sum.Files = 1
	if len(changes) == 0 {
		sum = findings.Summary{}
	}
	if err := tw.Finish(sum); err != nil {
		return ExitError, nil
	}
	if len(changes) == 0 {
		fmt.Fprintln(env.Stderr, "schemagen: the update changes nothing for published automations")
	}
	if breaking > 0 && !o.allowBreak && o.write {
		fmt.Fprintf(env.Stderr, "schemagen: %s; %s not written (--allow-breaking writes it)\n", breakingText(breaking), o.update)
		return ExitFindings, nil
	}
	over := ""
	if o.write {
		over = o.update
	}
	code, err = writeSchemagen(res.JSON, paths, r, env, o, over)
	if err != nil || code != ExitOK {
		return code, err
	}
	if breaking > 0 && !o.allowBreak {
		fmt.Fprintf(env.Stderr, "schemagen: %s (--allow-breaking accepts them)\n", breakingText(breaking))
		return ExitFindings, nil
	}
	return ExitOK, nil
}

func breakingText(n int) string {
	if n == 1 {
		return "1 change breaks published automations"
	}
	return fmt.Sprintf("%d changes break published automations", n)
}
