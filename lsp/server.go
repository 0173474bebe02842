package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"runtime/debug"
	"sync"
	"time"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
)

// DefaultDebounce is how long the server waits after the last change of a
// document before it lints it, when Options.Debounce is zero.
const DefaultDebounce = 150 * time.Millisecond

// MaxDebounce is the longest Options.Debounce: a longer wait would leave
// an editor without diagnostics for too long to be of use.
const MaxDebounce = 10 * time.Second

// Options configure a Server.
type Options struct {
	// Rules is the rule set: rules.All(), perhaps with a team's own rules.
	Rules []*lint.Rule
	// Select chooses among Rules and sets their severities, as the lint
	// command's flags do.
	Select lint.SelectOptions
	// Debounce is how long after the last change a document is linted:
	// zero is DefaultDebounce, a negative value lints at once, and one
	// over MaxDebounce is an error of New.
	Debounce time.Duration
	// Log receives the server's internal errors, one line each, such as a
	// rule that panicked; nil discards them. They are also sent to the
	// client as window/logMessage.
	Log io.Writer
	// Version is the server version sent in the initialize result.
	Version string
	// NoConfig turns off .triggerlint.yaml. Otherwise the config file
	// found from a document's folder upward (as `triggerlint lint` finds
	// it) decides whether the document is linted at all (its files and
	// exclude), which rules run and how serious they are (Select is
	// appended after it), and which findings are ignored.
	NoConfig bool
	// Catalogue is what a config file's rule and change patterns are
	// checked against; nil is the entries of Rules, of the payload rules
	// and of the change kinds.
	Catalogue []findings.Entry
}

// Server is a language server for trigger payload schemas. One Server
// serves one connection.
type Server struct {
	opts     Options
	linter   *lint.Linter
	configs  *configs
	debounce time.Duration

	conn *conn
	wg   sync.WaitGroup // debounced lints in flight

	mu          sync.Mutex // guards the fields below
	docs        map[string]*document
	initialized bool
	shutdown    bool
	served      bool
}

// document is an open document and the findings of its latest lint.
type document struct {
	uri     string
	version int
	text    *Text
	timer   *time.Timer
	linted  *snapshot // the latest lint; nil before the first
}

// snapshot is a text and its findings.
type snapshot struct {
	text     *Text
	findings []lint.Finding
	spans    [][2]int // each finding's byte span in text
	diags    []Diagnostic
}

// New returns a server linting with opts. A pattern of opts.Select that
// matches no rule is an error, and so is a Debounce over MaxDebounce (a
// *DebounceError).
func New(opts Options) (*Server, error) {
	if opts.Debounce > MaxDebounce {
		return nil, &DebounceError{Debounce: opts.Debounce}
	}
	l, err := lint.New(lint.Options{Rules: opts.Rules, Select: opts.Select})
	if err != nil {
		return nil, err
	}
	cat := opts.Catalogue
	if cat == nil {
		cat = defaultCatalogue(opts.Rules)
	}
	s := &Server{opts: opts, docs: map[string]*document{}, linter: l,
		configs: &configs{catalogue: cat, byPath: map[string]cachedConfig{}}}
	switch {
	case opts.Debounce == 0:
		s.debounce = DefaultDebounce
	case opts.Debounce > 0:
		s.debounce = opts.Debounce
	}
	return s, nil
}

// DebounceError is an Options.Debounce over MaxDebounce.
type DebounceError struct {
	Debounce time.Duration
}

func (e *DebounceError) Error() string {
	return fmt.Sprintf("lsp: debounce %v, want at most %v", e.Debounce, MaxDebounce)
}

// StreamError is a stream that could not be read: an I/O error or a
// header that is not one.
type StreamError struct {
	Err error
}

func (e *StreamError) Error() string { return "lsp: reading the stream: " + e.Err.Error() }

// Unwrap returns the error of the read.
func (e *StreamError) Unwrap() error { return e.Err }

// ExitError is the end of a session without the shutdown request the
// protocol asks for before exit or the end of the stream.
type ExitError struct {
	// EOF is set when the stream ended rather than an exit notification
	// arrived.
	EOF bool
}

func (e *ExitError) Error() string {
	if e.EOF {
		return "lsp: the stream ended before shutdown"
	}
	return "lsp: exit before shutdown"
}

// Serve reads requests and notifications from r and writes responses and
// notifications to w until the exit notification or the end of r. It
// returns nil when the client asked for shutdown first, an *ExitError when
// it did not, a *FramingError for a stream that breaks the base protocol
// and a *StreamError for one that cannot be read. Every error it returns
// begins "lsp: ".
func (s *Server) Serve(r io.Reader, w io.Writer) error {
	s.mu.Lock()
	if s.served {
		s.mu.Unlock()
		return errors.New("lsp: a Server serves one connection")
	}
	s.served = true
	s.mu.Unlock()
	s.conn = newConn(r, w)
	defer s.stop()
	for {
		body, err := s.conn.read()
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				if s.isShutdown() {
					return nil
				}
				return &ExitError{EOF: true}
			}
			if _, ok := err.(*FramingError); ok {
				return err
			}
			return &StreamError{Err: err}
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			s.reply(nil, nil, &ResponseError{Code: codeParseError, Message: "invalid JSON: " + err.Error()})
			continue
		}
		if m.Method == "exit" {
			if s.isShutdown() {
				return nil
			}
			return &ExitError{}
		}
		if m.Method == "" {
			continue // a response to a request of ours: none is sent
		}
		s.dispatch(&m)
	}
}

// stop cancels the pending lints and waits for those running.
func (s *Server) stop() {
	s.mu.Lock()
	for _, d := range s.docs {
		s.cancelTimer(d)
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *Server) isShutdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shutdown
}

// dispatch handles one request or notification. A panic in a handler is
// an internal error: it is logged, a request is answered with it, and the
// server goes on.
func (s *Server) dispatch(m *message) {
	isRequest := len(m.ID) > 0
	defer func() {
		if v := recover(); v != nil {
			s.logf(logError, "internal error in %s: %v\n%s", m.Method, v, debug.Stack())
			if isRequest {
				s.reply(m.ID, nil, &ResponseError{Code: codeInternalError, Message: fmt.Sprintf("internal error: %v", v)})
			}
		}
	}()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case m.Method == "initialize":
	case !initialized:
		if isRequest {
			s.reply(m.ID, nil, &ResponseError{Code: codeServerNotInitialized, Message: "the server is not initialized"})
		}
		return
	case shutdown:
		if isRequest {
			s.reply(m.ID, nil, &ResponseError{Code: codeInvalidRequest, Message: "the server is shut down"})
		}
		return
	}
	result, rerr := s.handle(m)
	if isRequest {
		s.reply(m.ID, result, rerr)
	}
}

// handle runs a method and returns its result or error.
func (s *Server) handle(m *message) (any, *ResponseError) {
	switch m.Method {
	case "initialize":
		s.mu.Lock()
		s.initialized = true
		s.mu.Unlock()
		return s.initializeResult(), nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		for _, d := range s.docs {
			s.cancelTimer(d)
		}
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.didOpen(p)
	case "textDocument/didChange":
		var p didChangeParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.didChange(p)
	case "textDocument/didClose":
		var p didCloseParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.didClose(p.TextDocument.URI)
	case "textDocument/hover":
		var p textDocumentPositionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		if h := s.hover(p); h != nil {
			return h, nil
		}
		return nil, nil
	case "textDocument/completion":
		var p textDocumentPositionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.completion(p), nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.codeActions(p), nil
	case "textDocument/formatting":
		var p documentFormattingParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.formatting(p.TextDocument.URI), nil
	default:
		if len(m.ID) > 0 {
			return nil, &ResponseError{Code: codeMethodNotFound, Message: fmt.Sprintf("method %q is not supported", m.Method)}
		}
		// Other notifications ($/cancelRequest, $/setTrace, didSave,
		// workspace changes) need nothing.
	}
	return nil, nil
}

func invalidParams(err error) *ResponseError {
	return &ResponseError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
}

func (s *Server) initializeResult() any {
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": "utf-16",
			"textDocumentSync": map[string]any{"openClose": true, "change": 2},
			"hoverProvider":    true,
			"completionProvider": map[string]any{
				"triggerCharacters": []string{`"`, ":"},
			},
			"codeActionProvider": map[string]any{
				"codeActionKinds": []string{kindQuickFix, kindFixAll},
			},
			"documentFormattingProvider": true,
		},
		"serverInfo": map[string]any{"name": "triggerlint", "version": s.opts.Version},
	}
}

// reply sends a response: the result, or the error when it is not nil.
func (s *Server) reply(id json.RawMessage, result any, rerr *ResponseError) {
	if id == nil {
		id = json.RawMessage("null")
	}
	var err error
	if rerr != nil {
		err = s.conn.write(errorResponse{JSONRPC: "2.0", ID: id, Error: rerr})
	} else {
		err = s.conn.write(response{JSONRPC: "2.0", ID: id, Result: result})
	}
	if err != nil {
		s.logLocal("cannot write a response: %v", err)
	}
}

// notify sends a notification.
func (s *Server) notify(method string, params any) {
	if err := s.conn.write(notification{JSONRPC: "2.0", Method: method, Params: params}); err != nil {
		s.logLocal("cannot write %s: %v", method, err)
	}
}

// logf logs a message to the server's log and to the client.
func (s *Server) logf(typ int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logLocal("%s", msg)
	s.notify("window/logMessage", logMessageParams{Type: typ, Message: msg})
}

func (s *Server) logLocal(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "triggerlint lsp: "+format+"\n", args...)
	}
}

func (s *Server) didOpen(p didOpenParams) {
	uri := p.TextDocument.URI
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[uri]; d != nil {
		s.cancelTimer(d)
	}
	d := &document{uri: uri, version: p.TextDocument.Version, text: NewText([]byte(p.TextDocument.Text))}
	s.docs[uri] = d
	s.schedule(d, 0)
}

func (s *Server) didChange(p didChangeParams) {
	uri := p.TextDocument.URI
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		s.logLocal("change of %s, which is not open", uri)
		return
	}
	src := d.text.Bytes()
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			src = []byte(c.Text)
			continue
		}
		t := NewText(src)
		start, end := t.Offset(c.Range.Start), t.Offset(c.Range.End)
		if end < start {
			start, end = end, start
		}
		src = applyChange(src, start, end, c.Text)
	}
	d.text = NewText(src)
	d.version = p.TextDocument.Version
	s.schedule(d, s.debounce)
}

func (s *Server) didClose(uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		return
	}
	s.cancelTimer(d)
	delete(s.docs, uri)
	s.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
}

// schedule lints a document after a delay, replacing a pending lint. The
// caller holds s.mu.
func (s *Server) schedule(d *document, delay time.Duration) {
	s.cancelTimer(d)
	s.wg.Add(1)
	uri := d.uri
	d.timer = time.AfterFunc(delay, func() {
		defer s.wg.Done()
		s.lintAndPublish(uri)
	})
}

// cancelTimer stops a pending lint. The caller holds s.mu.
func (s *Server) cancelTimer(d *document) {
	if d.timer != nil && d.timer.Stop() {
		s.wg.Done()
	}
	d.timer = nil
}

// lintAndPublish lints the current text of a document and publishes its
// diagnostics, unless the document changed or closed meanwhile.
func (s *Server) lintAndPublish(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil || s.shutdown {
		s.mu.Unlock()
		return
	}
	text, version := d.text, d.version
	s.mu.Unlock()

	fs := s.runLint(uri, text)

	s.mu.Lock()
	defer s.mu.Unlock()
	if d = s.docs[uri]; d == nil || d.text != text || s.shutdown {
		return
	}
	d.linted = newSnapshot(text, fs)
	// Published under s.mu, so that didClose's empty list comes after.
	s.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Version: &version, Diagnostics: d.linted.diags})
}

// current returns the current text of a document with its findings,
// linting it now when a debounced lint has not run yet, or nil when the
// document is not open.
func (s *Server) current(uri string) *snapshot {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	if d.linted != nil && d.linted.text == d.text {
		s.mu.Unlock()
		return d.linted
	}
	text := d.text
	s.mu.Unlock()
	snap := newSnapshot(text, s.runLint(uri, text))
	s.mu.Lock()
	if d.text == text {
		d.linted = snap
	}
	s.mu.Unlock()
	return snap
}

// runLint lints a text. A rule's failure is logged as an internal error;
// the findings of the other rules are kept.
func (s *Server) runLint(uri string, text *Text) (fs []lint.Finding) {
	defer func() {
		if v := recover(); v != nil {
			s.logf(logError, "internal error linting %s: %v\n%s", uri, v, debug.Stack())
			fs = nil
		}
	}()
	res, err := s.lintFile(docName(uri), text.Bytes())
	if err != nil {
		s.logf(logError, "internal error linting %s: %v", uri, err)
	}
	return res.Findings
}

// docName returns the path of a file URI, or the URI.
func docName(uri string) string {
	if u, err := url.Parse(uri); err == nil && u.Scheme == "file" && u.Path != "" {
		return u.Path
	}
	return uri
}

// newSnapshot places the findings of a text and converts them.
func newSnapshot(text *Text, fs []lint.Finding) *snapshot {
	s := &snapshot{text: text, findings: fs, spans: make([][2]int, len(fs)), diags: make([]Diagnostic, len(fs))}
	for i, f := range fs {
		start, end := text.OffsetAt(f.Line, f.Column), text.OffsetAt(f.EndLine, f.EndColumn)
		s.spans[i] = [2]int{start, max(start, end)}
		s.diags[i] = diagnostic(text, f, start, max(start, end))
	}
	return s
}

// diagnostic converts a finding.
func diagnostic(text *Text, f lint.Finding, start, end int) Diagnostic {
	d := Diagnostic{
		Range:    text.Range(start, end),
		Severity: severity(f.Severity),
		Code:     f.Rule,
		Source:   "triggerlint",
		Message:  f.Message,
	}
	if f.URL != "" {
		d.CodeDescription = &CodeDescription{Href: f.URL}
	}
	return d
}

func severity(s findings.Severity) int {
	switch s {
	case findings.Error:
		return severityError
	case findings.Warning:
		return severityWarning
	}
	return severityInformation
}
