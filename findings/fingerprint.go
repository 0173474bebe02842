package findings

import (
	"crypto/sha256"
	hexenc "encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// FingerprintKey is the name under which SARIF output stores Fingerprint in
// a result's partialFingerprints. The version suffix changes whenever the
// fingerprint's recipe does.
const FingerprintKey = "triggerlintFingerprint/v1"

// Fingerprint identifies a finding across edits that do not change it:
// reformatting, re-indenting, reordering keys, lines inserted above. It
// hashes the rule, the file (in slash form, cleaned), the pointer, the
// message with quoted positions masked and spaces folded (see
// NormalizeMessage), and occurrence, which tells apart findings that agree in all of these
// (0 for the first, 1 for the second, in position order). Line and column
// play no part. It is 32 hexadecimal digits. Baselines record it, and
// SARIF output stores it under FingerprintKey so that code scanning keeps
// its alerts apart and stable.
//
// The file name is taken as given: a caller that wants fingerprints to
// agree between runs from different directories passes names relative to
// one root.
func Fingerprint(f Finding, occurrence int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d", strings.ToUpper(f.Rule), cleanPath(f.File), f.Pointer,
		NormalizeMessage(f.Message), occurrence)
	return hexenc.EncodeToString(h.Sum(nil)[:16])
}

// Fingerprints returns the fingerprint of each finding, numbering the
// occurrences of findings that agree in everything else in the order given.
// Give the findings in position order, as the linter returns them.
func Fingerprints(fs []Finding) []string {
	return fingerprints(fs, false)
}

// fingerprints is Fingerprints; with skipSuppressed, suppressed findings
// get "" and are not numbered.
func fingerprints(fs []Finding, skipSuppressed bool) []string {
	var c FingerprintCounter
	out := make([]string, len(fs))
	for i, f := range fs {
		if skipSuppressed && f.Suppressed != nil {
			continue
		}
		out[i] = c.Next(f)
	}
	return out
}

// FingerprintCounter numbers the occurrences of findings that agree in
// everything Fingerprint reads but the occurrence, for writers that see
// findings one at a time. Its zero value is ready to use.
type FingerprintCounter struct{ seen map[string]int }

// Next returns the fingerprint of f, the next of the findings alike.
func (c *FingerprintCounter) Next(f Finding) string {
	if c.seen == nil {
		c.seen = map[string]int{}
	}
	k := strings.ToUpper(f.Rule) + "\x00" + cleanPath(f.File) + "\x00" + f.Pointer + "\x00" + NormalizeMessage(f.Message)
	n := c.seen[k]
	c.seen[k] = n + 1
	return Fingerprint(f, n)
}

// cleanPath returns a file name with slashes, cleaned, without a leading
// "./".
func cleanPath(name string) string {
	if name == "" {
		return ""
	}
	return path.Clean(filepath.ToSlash(name))
}

// NormalizeMessage collapses white space and replaces the numbers of the
// positions a message quotes ("3:5", "line 7", "column 9") by "#", so that
// a finding keeps its fingerprint when the place it names moves. Other
// numbers stay: "want at most 5" and "want at most 6" are different
// findings.
func NormalizeMessage(msg string) string {
	words := strings.Fields(msg)
	for i, w := range words {
		if i > 0 && isNumber(strings.TrimRight(w, ".,;)")) {
			switch strings.ToLower(words[i-1]) {
			case "line", "lines", "column", "col", "offset":
				words[i] = "#" + w[len(strings.TrimRight(w, ".,;)")):]
				continue
			}
		}
		words[i] = maskPositions(w)
	}
	return strings.Join(words, " ")
}

// maskPositions replaces each "digits:digits" in a word by "#:#".
func maskPositions(w string) string {
	if !strings.Contains(w, ":") {
		return w
	}
	var b strings.Builder
	i := 0
	for i < len(w) {
		j := digitRun(w, i)
		if j > i && (i == 0 || !isDigit(w[i-1])) && j < len(w) && w[j] == ':' {
			if k := digitRun(w, j+1); k > j+1 {
				b.WriteString("#:#")
				i = k
				continue
			}
		}
		if j > i {
			b.WriteString(w[i:j])
			i = j
			continue
		}
		b.WriteByte(w[i])
		i++
	}
	return b.String()
}

// digitRun returns the end of the run of ASCII digits that starts at i.
func digitRun(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isNumber(s string) bool { return s != "" && digitRun(s, 0) == len(s) }
