package findings

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Tool describes the program that reports the findings, for the formats
// that name it (SARIF's tool driver, the JUnit report, the Markdown heading).
type Tool struct {
	Name    string // "triggerlint"
	Version string // the module version, "v0.3.0" or "0.3.0"
	// InformationURI is the tool's home page.
	InformationURI string
}

// SARIFSchema is the $schema of the SARIF documents written: the OASIS
// SARIF 2.1.0 schema as published by the JSON Schema Store.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIFRootID is the uriBaseId of every relative artifact location: the
// directory that relative file names are relative to.
const SARIFRootID = "%SRCROOT%"

// SARIFOptions are the settings of a SARIF writer.
type SARIFOptions struct {
	// Root is the absolute directory that relative file names are
	// relative to, usually the working directory. When set, the run
	// declares it as SARIFRootID in originalUriBaseIds, and absolute file
	// names inside it are written relative to it. It may be "".
	Root string
}

// SARIFWriter writes a SARIF 2.1.0 log with one run, as findings come. The
// tool driver lists every catalogue entry as a rule (id, name, short and
// full description, help text and Markdown, helpUri, default level, whether
// it is enabled by default, and properties: category, tags, change class);
// each finding is a result with its rule's index, level (info is SARIF's
// "note"), message ("/pointer: message"), physical location and the
// pointer as a logical location of kind "value", the Fingerprint under
// FingerprintKey in partialFingerprints, a suppression when the finding
// carries one, and the diff's example payload under properties.example.
//
// Positions: lines and columns are 1-based and the end column is exclusive,
// as in SARIF. The run declares columnKind "unicodeCodePoints" and its
// columns count code points: a finding's Char and EndChar, which At and the
// commands fill from the text (the JSON report's columns count bytes; the two
// agree on ASCII lines). A finding made without its text falls back to its
// byte columns.
//
// File names become relative URI references under uriBaseId SARIFRootID,
// slash-separated and percent-encoded (everything but letters, digits,
// "-._~" and "/" is encoded); a name that climbs out of the root with ".."
// or is absolute outside Root becomes an absolute file URI. Strings are
// written as the JSON report writes them: HTML characters raw, control,
// C1 and bidirectional characters as \u escapes.
type SARIFWriter struct {
	w       *bufio.Writer
	tool    Tool
	rules   []sarifRule
	index   map[string]int
	opt     SARIFOptions
	enc     *json.Encoder
	buf     bytes.Buffer
	safe    []byte
	started bool
	results int
	err     error
	// fingerprints numbers the findings alike, as baselines do.
	fingerprints FingerprintCounter
}

// NewSARIFWriter returns a SARIF writer on w. entries are the catalogue
// entries of every rule the command may report; results whose rule is not
// among them have no ruleIndex. It buffers; Finish flushes.
func NewSARIFWriter(w io.Writer, tool Tool, entries []Entry, opt SARIFOptions) *SARIFWriter {
	s := &SARIFWriter{w: bufio.NewWriterSize(w, 1<<16), tool: tool, opt: opt, index: make(map[string]int, len(entries))}
	for _, e := range entries {
		if _, dup := s.index[strings.ToUpper(e.ID)]; dup {
			continue
		}
		s.index[strings.ToUpper(e.ID)] = len(s.rules)
		s.rules = append(s.rules, newSARIFRule(e))
	}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name,omitempty"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Enabled *bool  `json:"enabled,omitempty"`
	Level   string `json:"level"`
}

type sarifRuleProperty struct {
	Category string   `json:"category"`
	Class    string   `json:"class,omitempty"`
	Since    string   `json:"since,omitempty"`
	Tags     []string `json:"tags"`
}

func newSARIFRule(e Entry) sarifRule {
	r := sarifRule{ID: e.ID, Name: e.Name, HelpURI: e.URL}
	if r.HelpURI == "" {
		r.HelpURI = URL(e.ID)
	}
	title := strings.TrimSpace(e.Title)
	if title == "" {
		title = e.ID
	}
	r.ShortDescription.Text = title
	full := strings.TrimSpace(e.Text)
	if full == "" {
		full = title
	}
	r.FullDescription.Text = full
	var help bytes.Buffer
	writeSection(&help, e, false)
	r.Help.Text = strings.TrimSpace(help.String())
	help.Reset()
	writeSection(&help, e, true)
	// The section's anchor and heading belong to the reference page.
	md := help.String()
	if i := strings.Index(md, "\n### "); i >= 0 && strings.HasPrefix(md, "<a id=") {
		md = md[i+1:]
	}
	r.Help.Markdown = strings.TrimSpace(md)
	r.DefaultConfiguration.Level = sarifLevel(e.Severity)
	if e.Optional {
		off := false
		r.DefaultConfiguration.Enabled = &off
	}
	r.Properties.Category = e.Category.String()
	r.Properties.Class = e.Class
	r.Properties.Since = e.Since
	r.Properties.Tags = append([]string{e.Category.String()}, e.Labels...)
	if e.Class != "" {
		r.Properties.Tags = append(r.Properties.Tags, e.Class)
	}
	return r
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "none"
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           *int               `json:"ruleIndex,omitempty"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          *sarifResultProps  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical          `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string            `json:"kind"`
	Status        string            `json:"status"`
	Justification string            `json:"justification,omitempty"`
	Properties    map[string]string `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Example *Example `json:"example,omitempty"`
}

// sarifRegionOf returns the region of a finding, or nil when it has no
// line. The start column and the end are left out where they are unknown
// or would end before the start.
func sarifRegionOf(f Finding) *sarifRegion {
	if f.Line < 1 {
		return nil
	}
	// The columns count code points, as the run's columnKind says: Char
	// where the finding has it, else the byte column (the same on ASCII).
	col, endCol := f.Column, f.EndColumn
	if f.Char >= 1 && f.EndChar >= 1 {
		col, endCol = f.Char, f.EndChar
	}
	r := &sarifRegion{StartLine: f.Line}
	if col >= 1 {
		r.StartColumn = col
	}
	if f.EndLine > f.Line || (f.EndLine == f.Line && endCol >= col) {
		r.EndLine = f.EndLine
		if endCol >= 1 && r.StartColumn >= 1 {
			r.EndColumn = endCol
		}
	}
	return r
}

// artifact returns the artifact location of a file name.
func (s *SARIFWriter) artifact(name string) sarifArtifact {
	slash := filepath.ToSlash(name)
	if filepath.IsAbs(name) {
		if s.opt.Root != "" {
			if rel, err := filepath.Rel(s.opt.Root, name); err == nil && filepath.IsLocal(rel) {
				return sarifArtifact{URI: encodeURIPath(filepath.ToSlash(rel)), URIBaseID: SARIFRootID}
			}
		}
		return sarifArtifact{URI: fileURI(slash)}
	}
	clean := path.Clean(slash)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		if s.opt.Root != "" {
			return sarifArtifact{URI: fileURI(filepath.ToSlash(filepath.Join(s.opt.Root, name)))}
		}
		// Without a root there is no absolute name to give: keep the
		// relative reference, which SARIF allows.
		return sarifArtifact{URI: encodeURIPath(clean)}
	}
	return sarifArtifact{URI: encodeURIPath(clean), URIBaseID: SARIFRootID}
}

// fileURI returns the file URI of an absolute slash-separated path.
func fileURI(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return "file://" + encodeURIPath(path.Clean(p))
}

// encodeURIPath percent-encodes every byte of a slash-separated path but
// the unreserved characters of RFC 3986 and the slash.
func encodeURIPath(p string) string {
	const upper = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(upper[c>>4])
			b.WriteByte(upper[c&15])
		}
	}
	return b.String()
}

// pointerName returns the last reference token of a JSON Pointer,
// unescaped.
func pointerName(p string) string {
	tok := p[strings.LastIndexByte(p, '/')+1:]
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// sarifMessage is the text of a result: "/pointer: message", or the message
// alone for the document root.
func sarifMessage(f Finding) string {
	if f.Pointer == "" {
		return f.Message
	}
	return f.Pointer + ": " + f.Message
}

func (s *SARIFWriter) result(f Finding) sarifResult {
	r := sarifResult{
		RuleID:              f.Rule,
		Level:               sarifLevel(f.Severity),
		Message:             sarifText{Text: sarifMessage(f)},
		PartialFingerprints: map[string]string{FingerprintKey: s.fingerprints.Next(f)},
	}
	if i, ok := s.index[strings.ToUpper(f.Rule)]; ok {
		r.RuleIndex = &i
		r.RuleID = s.rules[i].ID
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: s.artifact(f.File), Region: sarifRegionOf(f)}}
	if f.Pointer != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{Name: pointerName(f.Pointer), FullyQualifiedName: f.Pointer, Kind: "value"}}
	}
	r.Locations = []sarifLocation{loc}
	if sup := f.Suppressed; sup != nil {
		// Every suppression is an entry of the configuration, outside the
		// file: "external". Ours (ignore or accept) goes in the properties.
		x := sarifSuppression{Kind: "external", Status: "accepted", Justification: sup.Reason}
		if sup.Kind != "" {
			x.Properties = map[string]string{"kind": string(sup.Kind)}
		}
		r.Suppressions = []sarifSuppression{x}
	}
	if f.Example != nil {
		r.Properties = &sarifResultProps{Example: f.Example}
	}
	return r
}

// encode writes v, indented as it appears at a depth of the log, into
// s.buf without the final newline.
func (s *SARIFWriter) encode(v any, prefix string) error {
	s.buf.Reset()
	s.enc.SetIndent(prefix, "  ")
	if err := s.enc.Encode(v); err != nil {
		return err
	}
	s.buf.Truncate(s.buf.Len() - 1)
	return nil
}

func (s *SARIFWriter) flushBuf() error {
	s.safe = appendSafeJSON(s.safe[:0], s.buf.Bytes())
	_, err := s.w.Write(s.safe)
	return err
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

// start writes the log up to the first result.
func (s *SARIFWriter) start() error {
	s.started = true
	s.w.WriteString("{\n  \"$schema\": \"" + SARIFSchema + "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": ")
	driver := sarifDriver{Name: s.tool.Name, Version: strings.TrimPrefix(s.tool.Version, "v"), InformationURI: s.tool.InformationURI, Rules: s.rules}
	if driver.Rules == nil {
		driver.Rules = []sarifRule{}
	}
	if err := s.encode(driver, "        "); err != nil {
		return err
	}
	if err := s.flushBuf(); err != nil {
		return err
	}
	s.w.WriteString("\n      },\n")
	if s.opt.Root != "" {
		root := fileURI(filepath.ToSlash(s.opt.Root))
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		bases := map[string]map[string]string{SARIFRootID: {"uri": root}}
		if err := s.encode(bases, "      "); err != nil {
			return err
		}
		s.w.WriteString("      \"originalUriBaseIds\": ")
		if err := s.flushBuf(); err != nil {
			return err
		}
		s.w.WriteString(",\n")
	}
	_, err := s.w.WriteString("      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
	return err
}

// Write adds a finding to the log as a result.
func (s *SARIFWriter) Write(f Finding) error {
	if s.err != nil {
		return s.err
	}
	if !s.started {
		if s.err = s.start(); s.err != nil {
			return s.err
		}
	}
	if s.err = s.encode(s.result(f), "        "); s.err != nil {
		return s.err
	}
	if s.results > 0 {
		s.w.WriteString(",")
	}
	s.w.WriteString("\n        ")
	s.results++
	s.err = s.flushBuf()
	return s.err
}

// Finish closes the log, with the summary's counts in the run's
// properties, and flushes.
func (s *SARIFWriter) Finish(sum Summary) error {
	if s.err != nil {
		return s.err
	}
	if !s.started {
		if s.err = s.start(); s.err != nil {
			return s.err
		}
	}
	if s.results > 0 {
		s.w.WriteString("\n      ")
	}
	s.w.WriteString("],\n      \"properties\": {\n        \"summary\": ")
	if s.err = s.encode(sum, "        "); s.err != nil {
		return s.err
	}
	if s.err = s.flushBuf(); s.err != nil {
		return s.err
	}
	s.w.WriteString("\n      }\n    }\n  ]\n}\n")
	s.err = s.w.Flush()
	return s.err
}

// WriteSARIF writes findings and their summary as one SARIF log with a
// SARIFWriter.
func WriteSARIF(w io.Writer, findings []Finding, sum Summary, tool Tool, entries []Entry, opt SARIFOptions) error {
	return writeAll(NewSARIFWriter(w, tool, entries, opt), findings, sum)
}

// appendSafeJSON appends JSON text to dst with the characters that Escape
// escapes and encoding/json leaves raw (DEL, C1 controls, bidirectional
// marks, line and paragraph separators) written as \u escapes: the same
// JSON values, harmless on a terminal.
func appendSafeJSON(dst, b []byte) []byte {
	i := 0
	for i < len(b) {
		if b[i] < 0x7f {
			dst = append(dst, b[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if mustEscape(r, size) && !(r == utf8.RuneError && size == 1) {
			dst = append(dst, '\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		} else {
			dst = append(dst, b[i:i+size]...)
		}
		i += size
	}
	return dst
}
