package findings

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGitHubGolden holds the workflow commands and the step summary to their
// golden files over the fixed set of findings.
func TestGitHubGolden(t *testing.T) {
	fs := goldenFindings()
	summary := filepath.Join(t.TempDir(), "step-summary.md")
	// GitHub's file may already hold the summaries of earlier steps.
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteGitHub(&b, fs, goldenSummary(fs), goldenTool, goldenEntries(), GitHubOptions{SummaryPath: summary, Fail: Warning}); err != nil {
		t.Fatal(err)
	}
	golden(t, "findings.github", b.Bytes())
	got, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, []byte("earlier step\n")) {
		t.Errorf("the step summary lost what was there before:\n%s", got)
	}
	golden(t, "findings.github-summary.md", got)
}

// TestGitHubCommandsStayOnOneLine checks that the escaping keeps each
// finding one workflow command: no raw CR, LF or control character, and
// no ":" or "," inside a property value.
func TestGitHubCommandsStayOnOneLine(t *testing.T) {
	fs := goldenFindings()
	var b bytes.Buffer
	if err := WriteGitHub(&b, fs, goldenSummary(fs), goldenTool, goldenEntries(), GitHubOptions{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(fs)+1 {
		t.Fatalf("got %d lines, want %d commands and a summary line:\n%s", len(lines), len(fs), b.String())
	}
	for i, line := range lines[:len(fs)] {
		if i := firstUnsafe(line); i >= 0 {
			t.Errorf("line %d: raw unsafe character at %d: %q", i, i, line)
		}
		rest, ok := strings.CutPrefix(line, "::")
		if !ok {
			t.Fatalf("line %d is no command: %q", i, line)
		}
		cmd, rest, _ := strings.Cut(rest, " ")
		props, msg, ok := strings.Cut(rest, "::")
		if !ok || (cmd != "error" && cmd != "warning" && cmd != "notice") {
			t.Fatalf("line %d: got command %q, want error, warning or notice", i, cmd)
		}
		for _, p := range strings.Split(props, ",") {
			k, v, _ := strings.Cut(p, "=")
			if strings.ContainsAny(v, ":,\r\n") {
				t.Errorf("line %d: property %s=%q holds an unescaped character", i, k, v)
			}
		}
		if strings.ContainsAny(msg, "\r\n") {
			t.Errorf("line %d: message holds a raw line break", i)
		}
	}
	if !strings.Contains(lines[1], "file=payloads/we%2Cird%3Ana%25me 1.ndjson,") ||
		!strings.Contains(lines[1], "100%25 sure, see a:b,c") {
		t.Errorf("got %q, want %% : , escaped in the file property and %% alone in the message", lines[1])
	}
}

// TestGitHubWithoutSummaryPathWritesNoFile checks that no step summary is
// written when the path is empty, and that an unwritable path is an error.
func TestGitHubSummaryPath(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, nil, Summary{}, goldenTool, nil, GitHubOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "triggerlint: 0 findings (0 errors, 0 warnings, 0 info) in 0 files\n" {
		t.Errorf("got %q", got)
	}
	bad := filepath.Join(t.TempDir(), "missing", "summary.md")
	if err := WriteGitHub(&b, goldenFindings(), Summary{}, goldenTool, nil, GitHubOptions{SummaryPath: bad}); err == nil {
		t.Errorf("got no error writing the summary to %s", bad)
	}
}
