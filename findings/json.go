package findings

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"
)

// JSONWriter writes the JSON report document, {"findings": [...],
// "summary": {...}}, indented by two spaces and without HTML escaping, as
// findings come, so that memory does not grow with the number of findings.
// Its output is that of encoding/json with SetIndent("", "  ") and
// SetEscapeHTML(false) on the whole Report, except that the characters that
// encoding/json leaves raw and Escape escapes (DEL, C1 controls,
// bidirectional marks and overrides) are written as \u escapes too: the
// same JSON values, which no longer act on a terminal that shows the report.
type JSONWriter struct {
	w      *bufio.Writer
	buf    bytes.Buffer
	safe   []byte
	enc    *json.Encoder
	opened bool
	err    error
}

// NewJSONWriter returns a JSON writer on w. It buffers; Finish flushes.
func NewJSONWriter(w io.Writer) *JSONWriter {
	j := &JSONWriter{w: bufio.NewWriterSize(w, 1<<16)}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// encode writes v into j.buf as it appears at a depth of indentation in the
// report (without a final newline).
func (j *JSONWriter) encode(v any, prefix string) error {
	j.buf.Reset()
	j.enc.SetIndent(prefix, "  ")
	if err := j.enc.Encode(v); err != nil {
		return err
	}
	j.buf.Truncate(j.buf.Len() - 1) // the newline Encode adds
	return nil
}

// flushBuf writes j.buf with the characters that Escape escapes written as
// \u escapes. encoding/json has escaped every control character below
// U+0020 inside strings, so the raw ones left are the report's own line
// breaks; everything from DEL up can only be inside a string.
func (j *JSONWriter) flushBuf() error {
	b := j.buf.Bytes()
	i := 0
	for i < len(b) && b[i] < 0x7f {
		i++
	}
	if i == len(b) {
		_, err := j.w.Write(b)
		return err
	}
	out := append(j.safe[:0], b[:i]...)
	for i < len(b) {
		if b[i] < 0x7f {
			out = append(out, b[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if mustEscape(r, size) {
			out = append(out, '\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	j.safe = out
	_, err := j.w.Write(out)
	return err
}

// Write adds a finding to the report.
func (j *JSONWriter) Write(f Finding) error {
	if j.err != nil {
		return j.err
	}
	if j.err = j.encode(f, "    "); j.err != nil {
		return j.err
	}
	if j.opened {
		j.w.WriteString(",\n    ")
	} else {
		j.w.WriteString("{\n  \"findings\": [\n    ")
		j.opened = true
	}
	j.err = j.flushBuf()
	return j.err
}

// Finish closes the report with the summary and flushes.
func (j *JSONWriter) Finish(sum Summary) error {
	if j.err != nil {
		return j.err
	}
	if j.opened {
		j.w.WriteString("\n  ],\n  \"summary\": ")
	} else {
		j.w.WriteString("{\n  \"findings\": [],\n  \"summary\": ")
	}
	if j.err = j.encode(sum, "  "); j.err != nil {
		return j.err
	}
	if j.err = j.flushBuf(); j.err != nil {
		return j.err
	}
	j.w.WriteString("\n}\n")
	j.err = j.w.Flush()
	return j.err
}

// WriteJSON writes findings and their summary as one JSON report with a
// JSONWriter.
func WriteJSON(w io.Writer, findings []Finding, sum Summary) error {
	return writeAll(NewJSONWriter(w), findings, sum)
}
