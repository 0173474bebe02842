package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/triggerkit/triggerkit/internal/records"
	"github.com/triggerkit/triggerkit/internal/walk"
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

// fileChange is one file that differs between a revision and the working
// tree. Paths are relative to the repository's top level; oldPath is "" for
// an added file and newPath "" for a deleted one.
type fileChange struct {
	oldPath, newPath string
	// oldBlob is the object name of the old version; oldLink reports that
	// it is a symbolic link.
	oldBlob string
	oldLink bool
	// oldOutside and newOutside report a path outside the gated set: the
	// *.json files under the paths checked.
	oldOutside, newOutside bool
}

// repo is a git working tree.
type repo struct {
	top     string // its top-level folder
	realTop string // top with its symbolic links resolved
	cwd     string // where the command runs
}

func openRepo(dir string) (*repo, error) {
	out, err := git(dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--base needs a git working tree: %v", err)
	}
	r := &repo{top: strings.TrimSpace(string(out)), cwd: dir}
	if r.realTop, err = filepath.EvalSymlinks(r.top); err != nil {
		return nil, err
	}
	return r, nil
}

// resolve checks that rev names a commit.
func (r *repo) resolve(rev string) error {
	if strings.HasPrefix(rev, "-") {
		return fmt.Errorf("bad revision %q", rev)
	}
	if _, err := git(r.cwd, nil, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return &RevisionError{Rev: rev, Shallow: r.shallow()}
	}
	return nil
}

// shallow reports whether the repository is a shallow clone.
func (r *repo) shallow() bool {
	out, err := git(r.cwd, nil, "rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// RevisionError is a --base revision the repository does not have, with
// how to get it: in CI, checkouts are often shallow and hold one branch.
type RevisionError struct {
	Rev     string
	Shallow bool // the clone is shallow
}

func (e *RevisionError) Error() string {
	fetch := "git fetch origin " + e.Rev
	if remote, ref, ok := strings.Cut(e.Rev, "/"); ok && remote == "origin" {
		fetch = "git fetch origin " + ref + ":refs/remotes/origin/" + ref
	}
	if e.Shallow {
		fetch = strings.Replace(fetch, "git fetch ", "git fetch --depth=1 ", 1)
		return fmt.Sprintf("unknown revision %q: this clone is shallow and lacks it; fetch the history (actions/checkout with fetch-depth: 0) or the base (%s)", e.Rev, fetch)
	}
	return fmt.Sprintf("unknown revision %q (if it is on a remote, fetch it: %s)", e.Rev, fetch)
}

// changes lists the files that differ between rev and the working tree,
// renames included, and the untracked ones, which count as added, keeping
// those whose old or new path is in the gated set: the *.json files under
// paths. A path that names nothing, neither in the working tree nor among
// the changes, is an error: a gate on a misspelt folder would pass
// silently.
//
// Renames are found across the whole tree, so that a file moved into the
// paths from outside them is still a rename, and one moved out of them is
// known to have left. Paths with any byte, newlines included, are read
// through git's NUL-separated output.
func (r *repo) changes(rev string, paths []string) ([]fileChange, error) {
	prefixes, err := r.prefixes(paths)
	if err != nil {
		return nil, err
	}
	out, err := git(r.top, nil, "diff", "--no-ext-diff", "--no-textconv", "-z", "--raw", "--no-abbrev", "-M", rev, "--")
	if err != nil {
		return nil, err
	}
	list, err := parseRaw(out)
	if err != nil {
		return nil, err
	}
	out, err = git(r.top, nil, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			list = append(list, fileChange{newPath: p})
		}
	}
	gated := func(p string) bool { return strings.HasSuffix(p, ".json") && within(p, prefixes) }
	named := make([]bool, len(prefixes))
	var kept []fileChange
	for _, c := range list {
		for i, pre := range prefixes {
			named[i] = named[i] || within(c.oldPath, []string{pre}) || within(c.newPath, []string{pre})
		}
		c.oldOutside, c.newOutside = !gated(c.oldPath), !gated(c.newPath)
		if c.oldPath != "" && !c.oldOutside || c.newPath != "" && !c.newOutside {
			kept = append(kept, c)
		}
	}
	for i, pre := range prefixes {
		if named[i] || pre == "" {
			continue
		}
		if _, err := os.Lstat(r.abs(pre)); err != nil {
			return nil, &MissingPathError{Path: paths[i], Rev: rev}
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].name() < kept[j].name() })
	return kept, nil
}

// MissingPathError is a path given to diff --base that exists neither in
// the working tree nor among the files changed since the revision.
type MissingPathError struct {
	Path, Rev string
}

func (e *MissingPathError) Error() string {
	return fmt.Sprintf("%s: no such file or folder in the working tree, and none of the files changed since %s is under it", e.Path, e.Rev)
}

// parseRaw reads the output of git diff --raw -z: for each file
// ":OLDMODE NEWMODE OLDSHA NEWSHA STATUS\0PATH\0", with a second path for
// a rename or a copy.
func parseRaw(out []byte) ([]fileChange, error) {
	var list []fileChange
	fields := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	bad := func() error { return fmt.Errorf("unexpected git diff output") }
	for i := 0; i < len(fields) && fields[i] != ""; {
		head := strings.Fields(strings.TrimPrefix(fields[i], ":"))
		if !strings.HasPrefix(fields[i], ":") || len(head) != 5 || head[4] == "" {
			return nil, bad()
		}
		oldMode, oldBlob, status := head[0], head[2], head[4][0]
		c := fileChange{oldBlob: oldBlob, oldLink: oldMode == "120000"}
		switch status {
		case 'R', 'C':
			if i+2 >= len(fields) {
				return nil, bad()
			}
			c.oldPath, c.newPath = fields[i+1], fields[i+2]
			if status == 'C' {
				c.oldPath = "" // a copy is a new file
			}
			i += 3
		default:
			if i+1 >= len(fields) {
				return nil, bad()
			}
			p := fields[i+1]
			switch status {
			case 'A':
				c.newPath = p
			case 'D':
				c.oldPath = p
			default: // M, T
				c.oldPath, c.newPath = p, p
			}
			i += 2
		}
		list = append(list, c)
	}
	return list, nil
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

// blob is the content of one git object, or why it was not read.
type blob struct {
	data []byte
	err  error
}

// blobs reads git objects by name, in one git process. An object over
// maxSize bytes (maxSize < 0: no cap) gets a *records.TooLargeError.
// Object names never hold a newline, whatever the file names.
func (r *repo) blobs(names []string, maxSize int64) (map[string]blob, error) {
	if len(names) == 0 {
		return nil, nil
	}
	var in bytes.Buffer
	for _, n := range names {
		in.WriteString(n)
		in.WriteByte('\n')
	}
	out, err := git(r.top, &in, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	files := make(map[string]blob, len(names))
	br := bufio.NewReader(bytes.NewReader(out))
	for _, n := range names {
		header, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("reading %s from git: %v", n, err)
		}
		f := strings.Fields(header)
		if len(f) != 3 || f[1] != "blob" {
			files[n] = blob{err: fmt.Errorf("git has no file %s: %s", n, strings.TrimSpace(header))}
			continue
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("%s: bad size from git", n)
		}
		data := make([]byte, size+1) // the content and a newline
		if _, err := io.ReadFull(br, data); err != nil {
			return nil, fmt.Errorf("reading %s from git: %v", n, err)
		}
		if maxSize >= 0 && int64(size) > maxSize {
			files[n] = blob{err: fmt.Errorf("the file is larger than %s, the size limit (see --max-size)", records.FormatSize(maxSize))}
			continue
		}
		files[n] = blob{data: data[:size]}
	}
	return files, nil
}

// readWorking reads a file of the working tree by its repository path. It
// never reads through a symbolic link that leaves the repository, and reads
// only regular files of at most maxSize bytes.
func (r *repo) readWorking(p string, maxSize int64) ([]byte, error) {
	real, err := filepath.EvalSymlinks(r.abs(p))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	if !walk.Inside(real, r.realTop) {
		return nil, &walk.LinkError{Name: p}
	}
	return records.ReadFile(real, p, maxSize)
}

// abs returns the working-tree path of a repository-relative path.
func (r *repo) abs(p string) string { return filepath.Join(r.top, filepath.FromSlash(p)) }
