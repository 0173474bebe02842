package lint

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"unsafe"

	"github.com/triggerkit/triggerkit/schema"
)

// Options says what Bytes, Files and New lint with.
type Options struct {
	// Rules is the rule set to choose from: rules.All() of package rules
	// for triggerkit's rules, perhaps with a team's own rules added. It
	// should pass Validate.
	Rules []*Rule
	// Select chooses among Rules and sets their severities. Its zero value
	// runs every rule that is not optional, at its default severity.
	Select SelectOptions
}

// Result is what linting found.
type Result struct {
	// Findings are in input order, then by position, rule ID and message.
	Findings []Finding
	// Summary counts the findings by severity, and the files.
	Summary Summary
}

// Input is one document to lint: the name its findings show, and its bytes.
type Input struct {
	Name string
	Src  []byte
	// Read returns the bytes when Src is nil, so that Stream reads each
	// input on a worker, just before linting it.
	Read func() ([]byte, error)
	// Linter, when set, lints this input in place of the stream's
	// linter: for inputs whose rules differ, such as the files a
	// config's overrides cover.
	Linter *Linter
	// Accept, when set, is asked about the parsed file before the rules
	// run: an error leaves the input out, as its result's Err. It is a
	// test of which files to lint that needs the parse linting makes.
	// It must not keep the File, or anything in it but strings, after it
	// returns: the Linter reuses its memory for the next input.
	Accept func(*schema.File) error
}

// InputError is an input whose rules could not run, such as an
// *InternalError of a rule. Linting goes on with the other inputs.
type InputError struct {
	Name string
	Err  error
}

func (e *InputError) Error() string { return e.Name + ": " + e.Err.Error() }

func (e *InputError) Unwrap() error { return e.Err }

// Linter lints documents with a selection of rules. Build one with New when
// linting many inputs in several calls; Bytes and Files build one per call.
// A Linter is safe for concurrent use.
//
// A Linter keeps the memory of the documents it parsed (see
// schema.Parser) and of its runs, in a pool of its own, and reuses it for
// the next input: linting many inputs with one Linter allocates little
// more than their findings. Nothing it returns points into that memory or
// into the bytes it linted: a finding's string that a rule cut from the
// document (a key in a fix's edit, say) is copied.
type Linter struct {
	sel  *Selection
	byID map[string]*Rule
	work sync.Pool // of *work
}

// work is the memory of one input's lint, kept by a Linter for the next:
// the parser with its tree and the run's state.
type work struct {
	parser schema.Parser
	run    runState
}

// getWork returns work from the Linter's pool, or a new one.
func (l *Linter) getWork() *work {
	if w, ok := l.work.Get().(*work); ok {
		return w
	}
	return new(work)
}

// resetAbove is the size of input from which a Linter drops what its
// work holds of the input before pooling it. A smaller input's tree and
// text are left in the pooled work until its next use overwrites them, or
// the pool is emptied by the collector, saving the zeroing of its chunks
// on every input; a larger input's text is not kept alive by the pool.
const resetAbove = 64 << 10

// putWork returns w to the pool after an input of size bytes.
func (l *Linter) putWork(w *work, size int) {
	if size > resetAbove {
		w.parser.Reset()
	}
	w.run.reset()
	l.work.Put(w)
}

// New selects the rules that opts names. A pattern in opts.Select that
// matches no rule is an error.
func New(opts Options) (*Linter, error) {
	sel, err := Select(opts.Rules, opts.Select)
	if err != nil {
		return nil, err
	}
	l := &Linter{sel: sel, byID: make(map[string]*Rule, len(sel.rules))}
	for _, r := range sel.rules {
		l.byID[r.ID] = r
	}
	return l, nil
}

// Bytes lints one schema document; name is the file its findings show. It
// is New followed by Linter.Bytes.
func Bytes(name string, src []byte, opts Options) (Result, error) {
	l, err := New(opts)
	if err != nil {
		return Result{}, err
	}
	return l.Bytes(name, src)
}

// Files reads and lints schema files. It is New followed by Linter.Files.
func Files(paths []string, opts Options) (Result, error) {
	l, err := New(opts)
	if err != nil {
		return Result{}, err
	}
	return l.Files(paths)
}

// Bytes lints one schema document; name is the file its findings show. A
// document that is not valid JSON is not an error: its syntax errors are
// findings, like every other problem of the input. The error is an
// *InputError when a rule failed; the findings of the other rules are still
// returned.
func (l *Linter) Bytes(name string, src []byte) (Result, error) {
	w := l.getWork()
	defer l.putWork(w, len(src))
	return l.lintSrc(w, name, src, nil)
}

// lintSrc parses and lints src with w's memory. accept, when set, is
// asked about the parsed file first: its error is returned, and the rules
// do not run.
//
// The parse does not copy src, and the findings' strings that share its
// memory are copied (detach), but an error may hold such strings too (a
// rule's error naming a key, a bad fix's message, accept's error), and an
// error cannot be copied as a finding is: when there is one, src is read
// again from a copy that nothing else holds, so that what is returned
// does not change when the caller reuses src.
func (l *Linter) lintSrc(w *work, name string, src []byte, accept func(*schema.File) error) (Result, error) {
	for own := false; ; own = true {
		doc, _ := w.parser.Load(name, src)
		var res Result
		var err error
		if accept != nil {
			err = accept(doc.File)
		}
		if err == nil {
			res, err = l.result(doc, w)
		}
		if err == nil || own {
			if !own {
				detach(res.Findings, src)
			}
			return res, err
		}
		src = bytes.Clone(src)
	}
}

// Document lints a parsed document, as Bytes does.
func (l *Linter) Document(doc *schema.Document) (Result, error) {
	w := l.getWork()
	defer l.putWork(w, 0)
	return l.result(doc, w)
}

// result lints a document with w's run state.
func (l *Linter) result(doc *schema.Document, w *work) (Result, error) {
	fs, err := l.findings(doc, &w.run)
	res := Result{Findings: fs, Summary: Summary{Files: 1}}
	for _, f := range fs {
		res.Summary.Add(f)
	}
	if err != nil {
		return res, &InputError{Name: doc.File.Name, Err: err}
	}
	return res, nil
}

// Files reads and lints schema files on all cores, a few at a time (see
// Stream). Every file is linted, even after one that cannot be read;
// Summary.Files counts every path. The error joins, in path order, the
// error of each file that could not be read, then an *InputError for each
// whose rules failed; a file's findings are left out when its rules failed.
func (l *Linter) Files(paths []string) (Result, error) {
	i := 0
	var readErrs, ruleErrs []error
	var res Result
	_, _ = l.StreamFiles(context.Background(), func() (string, bool) {
		if i == len(paths) {
			return "", false
		}
		i++
		return paths[i-1], true
	}, func(r FileResult) error {
		var ie *InputError
		switch {
		case errors.As(r.Err, &ie):
			ruleErrs = append(ruleErrs, r.Err)
		case r.Err != nil:
			readErrs = append(readErrs, r.Err)
		default:
			res.add(r.Findings)
		}
		return nil
	}, StreamOptions{})
	res.Summary.Files = len(paths)
	return res, errors.Join(append(readErrs, errors.Join(ruleErrs...))...)
}

// Inputs lints documents on all cores, as Files does with documents already
// read. Summary.Files is the number of inputs.
func (l *Linter) Inputs(inputs []Input) (Result, error) {
	i := 0
	var errs []error
	var res Result
	_, _ = l.Stream(context.Background(), func() (Input, bool) {
		if i == len(inputs) {
			return Input{}, false
		}
		i++
		return inputs[i-1], true
	}, func(r FileResult) error {
		if r.Err != nil {
			errs = append(errs, r.Err)
		} else {
			res.add(r.Findings)
		}
		return nil
	}, StreamOptions{})
	res.Summary.Files = len(inputs)
	return res, errors.Join(errs...)
}

// add appends one input's findings and counts them.
func (r *Result) add(fs []Finding) {
	for _, f := range fs {
		r.Summary.Add(f)
	}
	r.Findings = append(r.Findings, fs...)
}

// findings runs the selected rules over a document with the run state st
// and places their diagnostics in its file, each with its rule's URL. The
// findings are the caller's: they hold nothing of st or of the document
// but strings, which are never reused.
func (l *Linter) findings(doc *schema.Document, st *runState) ([]Finding, error) {
	diags, err := run(doc, l.sel, st)
	fs := make([]Finding, len(diags))
	for i, d := range diags {
		fs[i] = NewFinding(doc.File, d)
		if r := l.byID[d.Rule]; r != nil {
			fs[i].URL = r.DocURL()
		}
	}
	return fs, err
}

// detach copies the strings of findings that share the memory of src, the
// bytes a schema.Parser read without copying, so that the findings stay
// the same when src changes or is reused.
func detach(fs []Finding, src []byte) {
	if len(src) == 0 {
		return
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	hi := lo + uintptr(cap(src))
	own := func(s *string) {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(*s))); len(*s) > 0 && p >= lo && p < hi {
			*s = strings.Clone(*s)
		}
	}
	for i := range fs {
		f := &fs[i]
		own(&f.File)
		own(&f.Pointer)
		own(&f.Rule)
		own(&f.Message)
		own(&f.URL)
		for j := range f.Fixes {
			x := &f.Fixes[j]
			own(&x.Message)
			for k := range x.Edits {
				own(&x.Edits[k].NewText)
			}
		}
	}
}
