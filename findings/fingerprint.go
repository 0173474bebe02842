package findings

import (
	"crypto/sha256"
	hexenc "encoding/hex"
	"path"
	"path/filepath"
	"strings"
)

// FingerprintKey is the name under which SARIF output stores Fingerprint in
// a result's partialFingerprints. The version suffix changes whenever the
// fingerprint's recipe does.
const FingerprintKey = "triggerlintFingerprint/v1"

// Fingerprint returns a stable identity of a finding, 32 lowercase hex
// digits: the first 128 bits of the SHA-256 of the rule ID (upper case), the
// file name (slash-separated and cleaned, so "./a.json" and "a.json" agree),
// the JSON Pointer and the normalised message, each followed by a zero byte.
//
// It leaves out the line and the columns, so it survives reformatting,
// re-indenting, reordering keys and inserting lines above the finding: what
// a baseline and GitHub code scanning's alert tracking need. The message is
// normalised: runs of white space become one space, the ends are trimmed,
// and positions quoted in it ("first at 3:5", "line 7") have their numbers
// replaced by "#", so a message that names another place in the file does
// not change when that place moves. Other numbers stay: "want at most 5"
// and "want at most 6" are different findings.
//
// The file name is taken as given: a caller that wants fingerprints to agree
// between runs from different directories passes names relative to one root.
func Fingerprint(f Finding) string {
	h := sha256.New()
	for _, part := range []string{strings.ToUpper(f.Rule), cleanPath(f.File), f.Pointer, normalizeMessage(f.Message)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	sum := h.Sum(nil)
	return hexenc.EncodeToString(sum[:16])
}

// cleanPath returns a file name with slashes, cleaned, without a leading
// "./".
func cleanPath(name string) string {
	if name == "" {
		return ""
	}
	return path.Clean(filepath.ToSlash(name))
}

// normalizeMessage collapses white space and replaces the numbers of the
// positions a message quotes ("3:5", "line 7", "column 9") by "#".
func normalizeMessage(msg string) string {
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
