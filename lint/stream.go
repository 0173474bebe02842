package lint

import (
	"context"
	"os"
	"runtime"
)

// FileResult is what linting one input of a stream found.
type FileResult struct {
	Name string
	// Findings are ordered by position, rule ID and message. They are
	// left out when Err is set.
	Findings []Finding
	// Err is the input's read error, or an *InputError when its rules
	// failed; nil when it was linted.
	Err error
}

// StreamOptions bounds a stream.
type StreamOptions struct {
	// Workers is how many inputs are read and linted at once; 0 means
	// runtime.GOMAXPROCS.
	Workers int
	// Window is how many inputs may be read or waiting to be emitted at
	// once, at least Workers; 0 means twice Workers. Memory follows it,
	// not the number of inputs.
	Window int
}

// Stream reads, lints and emits inputs on a bounded pool of workers. next
// is called from one goroutine, other than the caller's, until it returns
// false; an Input whose Src is nil and Read is set is read by a worker.
// emit is called from the caller's goroutine with each input's result in
// the order next returned them. At most opts.Window inputs are held at
// once, so that memory does not grow with their number.
//
// Stream stops early when ctx is done or emit returns an error: no more
// inputs are taken, and the ones already taken are waited for but not
// emitted. It returns the summary of the emitted results (Files counts
// every emitted input, read or not) and ctx's or emit's error.
func (l *Linter) Stream(ctx context.Context, next func() (Input, bool), emit func(FileResult) error, opts StreamOptions) (Summary, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := opts.Window
	if window <= 0 {
		window = 2 * workers
	}
	window = max(window, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		in  Input
		out chan FileResult
	}
	jobs := make(chan job)
	// order holds each taken input's result channel in input order; its
	// capacity with the workers bounds the inputs in flight.
	order := make(chan chan FileResult, window)
	go func() {
		defer close(order)
		defer close(jobs)
		for ctx.Err() == nil {
			in, ok := next()
			if !ok {
				return
			}
			out := make(chan FileResult, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			jobs <- job{in, out}
		}
	}()
	for range workers {
		go func() {
			for j := range jobs {
				j.out <- l.lintInput(j.in)
			}
		}()
	}

	var sum Summary
	var err error
	for out := range order {
		r := <-out
		if err != nil {
			continue // drain what was taken, so that every goroutine ends
		}
		if err = ctx.Err(); err != nil {
			cancel()
			continue
		}
		sum.Files++
		for _, f := range r.Findings {
			sum.Add(f)
		}
		if err = emit(r); err != nil {
			cancel()
		}
	}
	if err == nil {
		// Cancelled after the last result taken: the reader stopped and
		// closed order before another came.
		err = ctx.Err()
	}
	return sum, err
}

// lintInput reads an input when it has no bytes yet, and lints it.
func (l *Linter) lintInput(in Input) FileResult {
	src := in.Src
	if src == nil && in.Read != nil {
		var err error
		if src, err = in.Read(); err != nil {
			return FileResult{Name: in.Name, Err: err}
		}
	}
	if in.Linter != nil {
		l = in.Linter
	}
	w := l.getWork()
	defer l.putWork(w, len(src))
	res, err := l.lintSrc(w, in.Name, src, in.Accept)
	if err != nil {
		return FileResult{Name: in.Name, Err: err}
	}
	return FileResult{Name: in.Name, Findings: res.Findings}
}

// StreamFiles is Stream over the files that next names, each read by a
// worker with os.ReadFile.
func (l *Linter) StreamFiles(ctx context.Context, next func() (string, bool), emit func(FileResult) error, opts StreamOptions) (Summary, error) {
	return l.Stream(ctx, func() (Input, bool) {
		p, ok := next()
		if !ok {
			return Input{}, false
		}
		return Input{Name: p, Read: func() ([]byte, error) { return os.ReadFile(p) }}, true
	}, emit, opts)
}
