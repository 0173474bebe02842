package findings

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// JSONWriter writes the JSON report document, {"findings": [...],
// "summary": {...}}, indented by two spaces and without HTML escaping, as
// findings come: its output is byte for byte that of encoding/json with
// SetIndent("", "  ") and SetEscapeHTML(false) on the whole Report, but
// memory does not grow with the number of findings. encoding/json escapes
// every control character, so the JSON report needs no Escape.
type JSONWriter struct {
	w      *bufio.Writer
	buf    bytes.Buffer
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
	_, j.err = j.w.Write(j.buf.Bytes())
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
	j.w.Write(j.buf.Bytes())
	j.w.WriteString("\n}\n")
	j.err = j.w.Flush()
	return j.err
}

// WriteJSON writes findings and their summary as one JSON report with a
// JSONWriter.
func WriteJSON(w io.Writer, findings []Finding, sum Summary) error {
	return writeAll(NewJSONWriter(w), findings, sum)
}
