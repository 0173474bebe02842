package findings

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// JUnitOptions are the settings of a JUnit writer.
type JUnitOptions struct {
	// Fail is the fail severity: a finding at or above it is a failure,
	// one below it a passing case. Zero means Error.
	Fail Severity
}

// JUnitWriter writes a JUnit XML report, the format that Jenkins, GitLab,
// Azure Pipelines, CircleCI and the JUnit report actions of GitHub read.
// It follows the Jenkins JUnit schema (junit-10.xsd, the de facto standard
// those consumers accept) and uses only its elements and attributes:
//
//	<testsuites name tests failures errors>
//	  <testsuite name tests failures errors skipped>   one per file
//	    <testcase name classname>                      one per finding
//	      <failure message type>text</failure>         at or above Fail
//	      <skipped message/>                           suppressed
//	      <system-out>text</system-out>                below Fail
//
// A test case is a finding, not a rule: the writer sees findings, not which
// rules ran on a file (that depends on the configuration, overrides and
// optional rules), and a case per finding carries the finding's own line
// and message into the CI's test view. Its name is "ID name /pointer
// (line:col)",
// its classname the file. A file declared with File that has no finding
// gets one passing case, "no findings", so clean files count as tests.
// Errors stays 0: the report has no tool errors, only findings.
//
// The counts are attributes of the opening tags, so the writer keeps the
// suites in memory and writes the report at Finish. Text from the input is
// escaped (see Escape) before XML escaping, so the report holds no control
// character, which XML 1.0 cannot carry.
type JUnitWriter struct {
	w      io.Writer
	tool   Tool
	opt    JUnitOptions
	suites []*junitSuite
	byName map[string]*junitSuite
	names  map[string]string
	err    error
}

// NewJUnitWriter returns a JUnit writer on w. entries give the rules'
// names for the case names. The report is written at Finish.
func NewJUnitWriter(w io.Writer, tool Tool, entries []Entry, opt JUnitOptions) *JUnitWriter {
	if opt.Fail == 0 {
		opt.Fail = Error
	}
	j := &JUnitWriter{w: w, tool: tool, opt: opt, byName: map[string]*junitSuite{}, names: make(map[string]string, len(entries))}
	for _, e := range entries {
		j.names[strings.ToUpper(e.ID)] = e.Name
	}
	return j
}

type junitSuites struct {
	XMLName  xml.Name      `xml:"testsuites"`
	Name     string        `xml:"name,attr"`
	Tests    int           `xml:"tests,attr"`
	Failures int           `xml:"failures,attr"`
	Errors   int           `xml:"errors,attr"`
	Suites   []*junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Skipped   *junitSkipped `xml:"skipped"`
	Failure   *junitFailure `xml:"failure"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func (j *JUnitWriter) suite(file string) *junitSuite {
	s := j.byName[file]
	if s == nil {
		s = &junitSuite{Name: Escape(file)}
		j.byName[file] = s
		j.suites = append(j.suites, s)
	}
	return s
}

// File declares a file checked, so that it has a suite even without
// findings. Declaring a file twice, or after its findings, changes nothing.
func (j *JUnitWriter) File(name string) {
	j.suite(name)
}

// junitDetail is the text of a finding in a case: the text format's line,
// with the severity, and the example and suppression below it.
func junitDetail(f Finding) string {
	s := fmt.Sprintf("%s:%d:%d: %s: ", Escape(f.File), f.Line, f.Column, f.Severity)
	if f.Pointer != "" {
		s += Escape(f.Pointer) + ": "
	}
	s += Escape(f.Message) + " (" + Escape(f.Rule) + ")"
	if ex := f.Example; ex != nil {
		s += fmt.Sprintf("\nexample (%s): %s\nold: %s\nnew: %s", Escape(ex.Side), Escape(string(ex.Payload)), Escape(ex.Old), Escape(ex.New))
	}
	if sup := f.Suppressed; sup != nil {
		s += "\nsuppressed: " + Escape(sup.Reason)
	}
	if f.URL != "" {
		s += "\n" + Escape(f.URL)
	}
	return s
}

// Write adds a finding as a test case of its file's suite.
func (j *JUnitWriter) Write(f Finding) error {
	if j.err != nil {
		return j.err
	}
	s := j.suite(f.File)
	name := Escape(f.Rule)
	if n := j.names[strings.ToUpper(f.Rule)]; n != "" {
		name += " " + Escape(n)
	}
	if f.Pointer != "" {
		name += " " + Escape(f.Pointer)
	}
	name += " (" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ")"
	c := junitCase{Name: name, Classname: Escape(f.File)}
	detail := junitDetail(f)
	switch {
	case f.Suppressed != nil:
		c.Skipped = &junitSkipped{Message: "suppressed: " + Escape(f.Suppressed.Reason)}
		c.SystemOut = detail
		s.Skipped++
	case f.Severity >= j.opt.Fail:
		c.Failure = &junitFailure{Message: Escape(f.Message), Type: f.Severity.String(), Text: detail}
		s.Failures++
	default:
		c.SystemOut = detail
	}
	s.Cases = append(s.Cases, c)
	s.Tests++
	return nil
}

// Finish writes the report.
func (j *JUnitWriter) Finish(sum Summary) error {
	if j.err != nil {
		return j.err
	}
	name := j.tool.Name
	if name == "" {
		name = "findings"
	}
	root := junitSuites{Name: Escape(name), Suites: j.suites}
	for _, s := range j.suites {
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: "no findings", Classname: s.Name}}
			s.Tests = 1
		}
		root.Tests += s.Tests
		root.Failures += s.Failures
	}
	w := bufio.NewWriter(j.w)
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if j.err = enc.Encode(root); j.err != nil {
		return j.err
	}
	w.WriteString("\n")
	j.err = w.Flush()
	return j.err
}

// WriteJUnit writes findings and their summary as one JUnit report with a
// JUnitWriter.
func WriteJUnit(w io.Writer, findings []Finding, sum Summary, tool Tool, entries []Entry, opt JUnitOptions) error {
	return writeAll(NewJUnitWriter(w, tool, entries, opt), findings, sum)
}
