package walk

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/triggerkit/triggerkit/internal/records"
)

// maxIgnoreSize caps the size of a .gitignore file that is read; a larger
// one is passed over.
const maxIgnoreSize = 1 << 20

// ignoreRule is one pattern of a .gitignore file and where it is written.
type ignoreRule struct {
	pat  gitignore.Pattern
	file string
	line int
	text string
}

// ignorer answers whether a path of one folder's walk is ignored. Inside a
// repository, patterns are relative to the repository root, and the root's
// .git/info/exclude and the .gitignore files of the folders between the
// root and the walked folder apply too; outside one, the walked folder
// stands in for the root. Patterns of deeper files take precedence, and
// within a file later lines do, as in git: go-git's matcher semantics.
type ignorer struct {
	arg     string   // the walked folder as named
	rootRel []string // the walked folder's components below the base
	byDir   map[string][]ignoreRule
}

// newIgnorer prepares the patterns that apply above the walked folder.
// realRoot is the walked folder with its links resolved, repoTop its
// repository root or "".
func newIgnorer(realRoot, repoTop, arg string) *ignorer {
	ig := &ignorer{arg: arg, byDir: map[string][]ignoreRule{}}
	if repoTop == "" || realRoot == "" {
		return ig
	}
	rel, err := filepath.Rel(repoTop, realRoot)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ig
	}
	ig.rootRel = split(rel)
	var above []ignoreRule
	if info, err := os.Stat(filepath.Join(repoTop, ".git")); err == nil && info.IsDir() {
		ex := filepath.Join(repoTop, ".git", "info", "exclude")
		above = readIgnore(ex, ex, nil, above)
	}
	// The folders from the repository root down to the walked folder's
	// parent; the walked folder's own file is read when the walk enters it.
	for i := 0; i < len(ig.rootRel); i++ {
		dir := filepath.Join(append([]string{repoTop}, ig.rootRel[:i]...)...)
		name := filepath.Join(dir, ".gitignore")
		above = readIgnore(name, name, ig.rootRel[:i], above)
	}
	ig.byDir[".."] = above
	return ig
}

// enter reads the .gitignore of a folder the walk enters; rel is its path
// in the walked folder ("" for the folder itself).
func (ig *ignorer) enter(path, rel string) {
	parent := ".."
	if rel != "" {
		parent = parentOf(rel)
	}
	inherited := ig.byDir[parent]
	domain := append(append([]string(nil), ig.rootRel...), split(rel)...)
	ig.byDir[rel] = readIgnore(filepath.Join(path, ".gitignore"), filepath.Join(ig.arg, rel, ".gitignore"), domain,
		inherited[:len(inherited):len(inherited)])
}

// ignored reports whether a path of the walk is ignored, and by which
// line.
func (ig *ignorer) ignored(rel string, isDir bool) (string, bool) {
	rules := ig.byDir[parentOf(rel)]
	comps := append(append([]string(nil), ig.rootRel...), split(rel)...)
	for i := len(rules) - 1; i >= 0; i-- {
		switch rules[i].pat.Match(comps, isDir) {
		case gitignore.Exclude:
			r := rules[i]
			return fmt.Sprintf("ignored by %s:%d (%s)", r.file, r.line, r.text), true
		case gitignore.Include:
			return "", false
		}
	}
	return "", false
}

// parentOf returns the folder of a path of the walk, "" for the walked
// folder itself.
func parentOf(rel string) string {
	p := filepath.Dir(rel)
	if p == "." {
		return ""
	}
	return p
}

// split returns the components of a relative path, none for "" or ".".
func split(rel string) []string {
	if rel == "" || rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

// readIgnore appends the patterns of a .gitignore file to rules; display
// is how reasons name the file. A file
// that is missing, unreadable or too large adds nothing.
func readIgnore(name, display string, domain []string, rules []ignoreRule) []ignoreRule {
	src, err := records.ReadFile(name, name, maxIgnoreSize)
	if err != nil {
		return rules
	}
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rules = append(rules, ignoreRule{pat: gitignore.ParsePattern(line, domain), file: display, line: i + 1, text: line})
	}
	return rules
}
