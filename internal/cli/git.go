package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// git runs git in dir and returns its standard output. A failure carries
// git's own message.
func git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return nil, errors.New(msg)
	}
	return out.Bytes(), nil
}

// fileChange is one schema file that differs between a revision and the
// working tree. Paths are relative to the repository's top level; oldPath
// is "" for an added file and newPath "" for a deleted one.
type fileChange struct {
	oldPath, newPath string
}

// repo is a git working tree.
type repo struct {
	top string // its top-level folder
	cwd string // where the command runs
}

func openRepo(dir string) (*repo, error) {
	out, err := git(dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--base needs a git working tree: %v", err)
	}
	return &repo{top: strings.TrimSpace(string(out)), cwd: dir}, nil
}

// resolve checks that rev names a commit.
func (r *repo) resolve(rev string) error {
	if strings.HasPrefix(rev, "-") {
		return fmt.Errorf("bad revision %q", rev)
	}
	if _, err := git(r.cwd, nil, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return fmt.Errorf("unknown revision %q", rev)
	}
	return nil
}

// changes lists the *.json files under paths that differ between rev and
// the working tree, renames included, and the untracked ones, which count
// as added.
//
// Renames are found across the whole tree, so that a file moved into the
// paths from outside them is still a rename; the paths then select the
// changes whose old or new path lies under one of them.
func (r *repo) changes(rev string, paths []string) ([]fileChange, error) {
	prefixes, err := r.prefixes(paths)
	if err != nil {
		return nil, err
	}
	out, err := git(r.top, nil, "diff", "--no-ext-diff", "--no-textconv", "-z", "--name-status", "-M", rev, "--")
	if err != nil {
		return nil, err
	}
	var list []fileChange
	fields := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	for i := 0; i < len(fields) && fields[i] != ""; {
		status := fields[i]
		switch status[0] {
		case 'R', 'C':
			if i+2 >= len(fields) {
				return nil, fmt.Errorf("unexpected git diff output")
			}
			from, to := fields[i+1], fields[i+2]
			if status[0] == 'C' {
				from = "" // a copy is a new file
			}
			list = append(list, fileChange{from, to})
			i += 3
		default:
			if i+1 >= len(fields) {
				return nil, fmt.Errorf("unexpected git diff output")
			}
			p := fields[i+1]
			switch status[0] {
			case 'A':
				list = append(list, fileChange{"", p})
			case 'D':
				list = append(list, fileChange{p, ""})
			default: // M, T
				list = append(list, fileChange{p, p})
			}
			i += 2
		}
	}
	out, err = git(r.top, nil, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			list = append(list, fileChange{"", p})
		}
	}
	var json []fileChange
	for _, c := range list {
		if !strings.HasSuffix(c.oldPath, ".json") && !strings.HasSuffix(c.newPath, ".json") {
			continue
		}
		if within(c.oldPath, prefixes) || within(c.newPath, prefixes) {
			json = append(json, c)
		}
	}
	sort.SliceStable(json, func(i, j int) bool { return json[i].name() < json[j].name() })
	return json, nil
}

// name is the path a change is listed under: the new one, or the old one
// for a deleted file.
func (c fileChange) name() string {
	if c.newPath != "" {
		return c.newPath
	}
	return c.oldPath
}

// prefixes turns command-line paths, relative to the working folder, into
// paths relative to the top level. No paths means the whole tree.
func (r *repo) prefixes(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return []string{""}, nil
	}
	cwd, err := filepath.Abs(r.cwd)
	if err != nil {
		return nil, err
	}
	top, err := filepath.EvalSymlinks(r.top)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(cwd); err == nil {
		cwd = real
	}
	var out []string
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		rel, err := filepath.Rel(top, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("%s is outside the repository", p)
		}
		if rel == "." {
			rel = ""
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}

// within reports whether a repository path lies under one of the prefixes.
func within(path string, prefixes []string) bool {
	if path == "" {
		return false
	}
	for _, p := range prefixes {
		if p == "" || path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// show reads files as they are at rev, in one git process.
func (r *repo) show(rev string, paths []string) (map[string][]byte, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	var in bytes.Buffer
	for _, p := range paths {
		fmt.Fprintf(&in, "%s:%s\n", rev, p)
	}
	out, err := git(r.top, &in, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(paths))
	br := bufio.NewReader(bytes.NewReader(out))
	for _, p := range paths {
		header, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("reading %s:%s from git: %v", rev, p, err)
		}
		f := strings.Fields(header)
		if len(f) != 3 || f[1] != "blob" {
			return nil, fmt.Errorf("%s:%s: %s", rev, p, strings.TrimSpace(header))
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%s: bad size from git", rev, p)
		}
		data := make([]byte, size+1) // the content and a newline
		if _, err := io.ReadFull(br, data); err != nil {
			return nil, fmt.Errorf("reading %s:%s from git: %v", rev, p, err)
		}
		files[p] = data[:size]
	}
	return files, nil
}

// abs returns the working-tree path of a repository-relative path.
func (r *repo) abs(p string) string { return filepath.Join(r.top, filepath.FromSlash(p)) }
