// Package records reads the JSON inputs of the commands: whole documents
// (a schema, a hints file) with a size cap, and payload files record by
// record, either one JSON document or NDJSON, one record per line.
//
// Every record carries where it starts in its input, so that an offset in
// the record becomes a line and column of the file. Reading is bounded: a
// document or an NDJSON line longer than the cap is refused with a
// TooLargeError instead of growing memory without end, and Open refuses
// inputs that are not regular files (devices, pipes, folders), which may
// never end.
package records

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/triggerkit/triggerkit/schema"
)

// DefaultMaxSize is the default cap on the size of one document or one
// NDJSON record: 64 MiB.
const DefaultMaxSize = 64 << 20

// bufSize is the size of the read buffer. An NDJSON line that fits in it is
// returned in place, without a copy.
const bufSize = 1 << 16

// Record is one JSON record of an input.
type Record struct {
	// Data is the record's bytes: a whole document, or one NDJSON line
	// without its line end. It is valid only until the next call to Next.
	Data []byte
	// Offset is the byte offset in the input where Data starts.
	Offset int64
	// Line is the 1-based line of the input where Data starts.
	Line int
	// lines is the line table of a multi-line document; nil for a record
	// on one line.
	lines *schema.Lines
}

// Position returns the line and column, in the input, of a byte offset in
// the record. Position.Offset is the offset in the input.
func (r Record) Position(off int) schema.Position {
	if r.lines != nil {
		p := r.lines.Position(off)
		p.Line += r.Line - 1
		p.Offset += int(r.Offset)
		return p
	}
	off = max(0, min(off, len(r.Data)))
	return schema.Position{Line: r.Line, Column: off + 1, Offset: int(r.Offset) + off}
}

// TooLargeError is returned for a document or an NDJSON record longer than
// the size cap.
type TooLargeError struct {
	Name   string // the input, as given
	Line   int    // the line where the document or record starts
	NDJSON bool   // the input is read as NDJSON: a record is one line
	Size   int64  // bytes seen before giving up: more than Limit
	Limit  int64
}

func (e *TooLargeError) Error() string {
	if e.NDJSON {
		return fmt.Sprintf("%s:%d: the record is larger than %s, the size limit (see --max-size)", e.Name, e.Line, FormatSize(e.Limit))
	}
	return fmt.Sprintf("%s: the document is larger than %s, the size limit (see --max-size)", e.Name, FormatSize(e.Limit))
}

// NotRegularError is returned by Open and ReadFile for an input that is not
// a regular file: a folder, a device such as /dev/zero, a pipe or a socket.
type NotRegularError struct {
	Name string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s: not a regular file (%s), not read", e.Name, KindOf(e.Mode))
}

// KindOf names what a file that is not regular is ("a folder", "a named
// pipe"), for messages that refuse it.
func KindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "mode " + m.String()
}

// ReadError is a read that failed part way through an input.
type ReadError struct {
	Name   string
	Offset int64 // bytes read before the failure
	Err    error
}

func (e *ReadError) Error() string {
	return fmt.Sprintf("%s: reading at byte %d: %v", e.Name, e.Offset, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// Open opens a file for reading, following symbolic links, and refuses
// anything but a regular file no larger than limit (limit <= 0: no cap).
// display names the file in errors.
func Open(path, display string, limit int64) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Name: display, Mode: info.Mode()}
	}
	if limit > 0 && info.Size() > limit {
		f.Close()
		return nil, &TooLargeError{Name: display, Line: 1, Size: info.Size(), Limit: limit}
	}
	return f, nil
}

// ReadFile reads a whole regular file of at most limit bytes (limit <= 0:
// no cap), as Open checks it. display names the file in errors.
func ReadFile(path, display string, limit int64) ([]byte, error) {
	f, err := Open(path, display, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, display, limit)
}

// ReadAll reads r to its end, refusing more than limit bytes (limit <= 0:
// no cap). It never reads more than limit+1 bytes of r.
func ReadAll(r io.Reader, display string, limit int64) ([]byte, error) {
	if limit <= 0 {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, &ReadError{Name: display, Offset: int64(len(b)), Err: err}
		}
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &ReadError{Name: display, Offset: int64(len(b)), Err: err}
	}
	if int64(len(b)) > limit {
		return nil, &TooLargeError{Name: display, Line: 1, Size: int64(len(b)), Limit: limit}
	}
	return b, nil
}

// Options tell a Reader how to read.
type Options struct {
	// Name names the input in errors.
	Name string
	// NDJSON reads one record per line from the start. Otherwise the input
	// is NDJSON only when its first line is a complete JSON value, and one
	// document over several lines when it is not.
	NDJSON bool
	// MaxSize caps a document and each NDJSON record, in bytes;
	// 0 means DefaultMaxSize and a negative value no cap.
	MaxSize int64
}

// IsNDJSONName reports whether a file name says NDJSON: *.ndjson, *.jsonl.
func IsNDJSONName(name string) bool {
	return strings.HasSuffix(name, ".ndjson") || strings.HasSuffix(name, ".jsonl")
}

// Reader reads the records of one input. NDJSON is read one line at a time:
// a line that fits in the 64 KiB read buffer is returned in place. A longer
// one goes to an area of address space that a Reader made by Each reserves
// up to the size cap, of which only the pages the line fills take memory
// (on Linux), reused for the next long line: from a file, the line is first
// measured through the read buffer and then read at its offset, so memory
// holds the line and the 64 KiB buffer and nothing else; from a pipe, it is
// read straight into the area. The area is outside the Go heap, so a long
// line does not start a garbage collection either. Without an area, a
// file's line is read into one buffer of its exact size, and a pipe's
// pieces are kept until its end and then joined, which holds it twice for a
// moment.
type Reader struct {
	br *bufio.Reader
	// at reads the input at an offset when it is a file; base is the
	// file's offset where the input starts.
	at      io.ReaderAt
	base    int64
	opts    Options
	limit   int64 // < 0: no cap
	buf     []byte
	mode    int // 0 before the first record, modeLines, modeDocument, modeDone
	line    int // lines read so far
	offset  int64
	pending []byte // the first line, read while detecting the mode
	eof     bool   // the input has ended
	lines   schema.Lines
	// useArea lets long lines go to area, reserved when the first one
	// comes; Close releases it.
	useArea bool
	area    []byte
}

// areaSize is the address space reserved for long lines when
// there is no size cap.
const areaSize = 1 << 34

// Close releases the area that long lines went to; the
// Data of every record read is invalid afterwards. The input itself is
// left open.
func (r *Reader) Close() error {
	if r.area != nil {
		releaseArea(r.area)
		r.area = nil
	}
	r.useArea = false
	return nil
}

// lineArea returns the area for long lines, reserving it first, or nil
// when there is none.
func (r *Reader) lineArea() []byte {
	if r.area == nil && r.useArea {
		size := int64(areaSize)
		if r.limit >= 0 {
			// A line is refused once past the cap, which the last read may
			// pass by up to a buffer.
			size = r.limit + bufSize + 1
		}
		if size > int64(^uint(0)>>2) {
			r.useArea = false
			return nil
		}
		if r.area = reserveArea(int(size)); r.area == nil {
			r.useArea = false
		}
	}
	return r.area
}

const (
	modeLines = iota + 1
	modeDocument
	modeDone
)

// NewReader returns a Reader of r.
func NewReader(r io.Reader, opts Options) *Reader {
	limit := opts.MaxSize
	if limit == 0 {
		limit = DefaultMaxSize
	}
	rd := &Reader{br: bufio.NewReaderSize(r, bufSize), opts: opts, limit: limit}
	if f, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		if base, err := f.Seek(0, io.SeekCurrent); err == nil {
			rd.at, rd.base = f, base
		}
	}
	return rd
}

// Next returns the next record, or io.EOF after the last one. An error
// other than io.EOF (a *TooLargeError, a *ReadError) ends the input.
func (r *Reader) Next() (Record, error) {
	switch r.mode {
	case modeDone:
		return Record{}, io.EOF
	case 0:
		first, err := r.readLine()
		if err != nil {
			r.mode = modeDone
			return Record{}, err
		}
		if !r.opts.NDJSON && !json.Valid(bytes.TrimSpace(first)) {
			r.mode = modeDone
			return r.document(first)
		}
		r.mode = modeLines
		r.pending = first
	}
	for {
		var line []byte
		var start int64
		n := 1
		if r.pending != nil {
			line, r.pending = r.pending, nil
		} else {
			if r.eof {
				r.mode = modeDone
				return Record{}, io.EOF
			}
			start, n = r.offset, r.line+1
			var err error
			if line, err = r.readLine(); err != nil {
				r.mode = modeDone
				return Record{}, err
			}
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) > 0 {
			return Record{Data: line, Offset: start, Line: n}, nil
		}
	}
}

// readLine reads the next line without its "\n" and advances the line and
// offset counts past it. The result is valid until the next call.
func (r *Reader) readLine() ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		line, err = r.longLine(line)
		if line == nil && err != nil {
			return nil, err
		}
	}
	switch {
	case err == io.EOF:
		r.eof = true
	case err != nil:
		return nil, &ReadError{Name: r.opts.Name, Offset: r.offset + int64(len(line)), Err: err}
	}
	r.line++
	r.offset += int64(len(line))
	if !r.eof {
		line = line[:len(line)-1]
	}
	if r.limit >= 0 && int64(len(line)) > r.limit {
		return nil, r.tooLarge(r.line, int64(len(line)))
	}
	return line, nil
}

// longLine reads the rest of a line longer than the read buffer, whose
// first part is first, into r.buf, sized to the line. It returns the line
// with its "\n", if any, and the error of the last read, as ReadSlice does;
// a nil line with an error ends the input.
func (r *Reader) longLine(first []byte) ([]byte, error) {
	n := int64(len(first))
	var pieces [][]byte  // a pipe's pieces; a file is read again instead
	area := r.lineArea() // where the line goes, when there is an area
	if r.at == nil {
		if area != nil {
			copy(area, first)
		} else {
			pieces = append(pieces, bytes.Clone(first))
		}
	}
	err := bufio.ErrBufferFull
	for err == bufio.ErrBufferFull {
		if r.limit >= 0 && n > r.limit {
			return nil, r.tooLarge(r.line+1, n)
		}
		var piece []byte
		piece, err = r.br.ReadSlice('\n')
		switch {
		case r.at != nil:
		case area != nil && n+int64(len(piece)) <= int64(len(area)):
			copy(area[n:], piece)
		case area != nil:
			// Past the area, which only a line of many GiB without a cap
			// reaches: the rest goes in pieces.
			pieces = append(pieces, bytes.Clone(area[:n]), bytes.Clone(piece))
			area = nil
		default:
			pieces = append(pieces, bytes.Clone(piece))
		}
		n += int64(len(piece))
	}
	if err != nil && err != io.EOF {
		return nil, &ReadError{Name: r.opts.Name, Offset: r.offset + n, Err: err}
	}
	if size := n - int64(boolInt(err == nil)); r.limit >= 0 && size > r.limit {
		// Over the cap without its line end, as readLine would find: no
		// need to hold it first.
		return nil, r.tooLarge(r.line+1, size)
	}
	if area != nil && r.at == nil {
		return area[:n:n], err
	}
	if area != nil && n <= int64(len(area)) {
		// A file's line, read again at its offset into the area.
		return r.readAt(area[:n:n], err)
	}
	if int64(cap(r.buf)) < n {
		r.buf = nil // let the old buffer go before the new one is made
		r.buf = make([]byte, n)
	}
	r.buf = r.buf[:n]
	if r.at == nil {
		at := 0
		for _, p := range pieces {
			at += copy(r.buf[at:], p)
		}
		return r.buf, err
	}
	return r.readAt(r.buf, err)
}

// readAt reads a file's long line, measured through the read buffer, at
// its offset into line, which has its size, and returns it with err, the
// error of the measuring read.
func (r *Reader) readAt(line []byte, err error) ([]byte, error) {
	if m, rerr := r.at.ReadAt(line, r.base+r.offset); m != len(line) {
		if rerr == nil {
			rerr = io.ErrUnexpectedEOF
		}
		return nil, &ReadError{Name: r.opts.Name, Offset: r.offset + int64(m), Err: rerr}
	}
	return line, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tooLarge is the error for a line (or a document, before its mode is
// known) that passed the cap.
func (r *Reader) tooLarge(line int, size int64) error {
	return &TooLargeError{Name: r.opts.Name, Line: line, NDJSON: r.mode == modeLines || r.opts.NDJSON, Size: size, Limit: r.limit}
}

// document reads the rest of the input after its first line as one
// document. The first line is copied before reading on, since it may live
// in the read buffer that the next read refills.
func (r *Reader) document(first []byte) (Record, error) {
	src := make([]byte, 0, len(first)+bufSize)
	src = append(src, first...)
	if !r.eof {
		src = append(src, '\n')
		var rest io.Reader = r.br
		if r.limit >= 0 {
			rest = io.LimitReader(r.br, r.limit-int64(len(src))+1)
		}
		buf := bytes.NewBuffer(src)
		_, err := buf.ReadFrom(rest)
		src = buf.Bytes()
		if err != nil {
			return Record{}, &ReadError{Name: r.opts.Name, Offset: int64(len(src)), Err: err}
		}
		if r.limit >= 0 && int64(len(src)) > r.limit {
			return Record{}, &TooLargeError{Name: r.opts.Name, Line: 1, Size: int64(len(src)), Limit: r.limit}
		}
	}
	r.lines = schema.NewLines(src)
	return Record{Data: src, Line: 1, lines: &r.lines}, nil
}

// Each calls fn on every record of r, in order, and returns the first error
// of reading or of fn.
func Each(r io.Reader, opts Options, fn func(Record) error) error {
	rd := NewReader(r, opts)
	rd.useArea = true
	defer rd.Close()
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// FormatSize formats a byte count the way --max-size reads it: "64MiB",
// "1500B".
func FormatSize(n int64) string {
	for _, u := range []struct {
		s string
		n int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.n && n%u.n == 0 {
			return fmt.Sprintf("%d%s", n/u.n, u.s)
		}
	}
	return fmt.Sprintf("%dB", n)
}

// SizeError is a --max-size value that does not read as a size.
type SizeError struct {
	Text string
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("bad size %q, want a positive number of bytes with an optional unit: B, KiB, MiB, GiB, KB, MB, GB", e.Text)
}

// ParseSize reads a size: a positive integer with an optional unit, B,
// KiB, MiB, GiB (powers of 1024), KB, MB, GB (powers of 1000); "0" means no
// cap and gives -1.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "0" {
		return -1, nil
	}
	mult := int64(1)
	for _, u := range []struct {
		s string
		n int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(t, u.s) {
			t, mult = strings.TrimSuffix(t, u.s), u.n
			break
		}
	}
	var n int64
	if t == "" {
		return 0, &SizeError{s}
	}
	for _, c := range t {
		if c < '0' || c > '9' || n > (1<<62)/10 {
			return 0, &SizeError{s}
		}
		n = n*10 + int64(c-'0')
	}
	if n == 0 || n > (1<<62)/mult {
		return 0, &SizeError{s}
	}
	return n * mult, nil
}
