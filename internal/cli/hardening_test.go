package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

// cmdIn runs triggerlint (or schemagen, when args[0] is "schemagen") with
// Env.Dir set to dir.
func cmdIn(t *testing.T, dir, stdin string, args ...string) run {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Dir: dir}
	var code int
	if args[0] == "schemagen" {
		code = Schemagen(args[1:], env)
	} else {
		code = Triggerlint(args, env, rules.All())
	}
	return run{code, out.String(), errb.String()}
}

func repoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not found", old)
	}
	return strings.Replace(s, old, new, 1)
}

// bigPayloads are valid pretty-printed order payloads over 64 KiB: one with
// a 70,000-character string, one with 2,000 line items.
func bigPayloads(t *testing.T) map[string]string {
	payload := repoFile(t, "payloads/order-paid.json")
	long := replaceOnce(t, payload, `"name": "Desk lamp"`, `"name": "`+strings.Repeat("x", 70000)+`"`)
	item := "    {\n      \"sku\": \"LMP-01\",\n      \"name\": \"Desk lamp with a fairly long product name, to weigh\",\n      \"quantity\": 2,\n      \"giftWrap\": false\n    }"
	items := make([]string, 2000)
	for i := range items {
		items[i] = item
	}
	start, end := strings.Index(payload, `"lineItems": [`), strings.Index(payload, `  ],`)
	many := payload[:start] + "\"lineItems\": [\n" + strings.Join(items, ",\n") + "\n" + payload[end:]
	return map[string]string{"long.json": long, "items.json": many}
}

// TestMultiLineJSONOver64KiBIsReadWhole is the regression test of the
// misread of multi-line JSON over 64 KiB: validate reported
// "p.json:1:1: invalid character 'x' (TK9001)", validate --request the
// same, and schemagen "no usable samples".
func TestMultiLineJSONOver64KiBIsReadWhole(t *testing.T) {
	dir := t.TempDir()
	files := bigPayloads(t)
	if len(files["items.json"]) < 200000 {
		t.Fatalf("the order is %d bytes, want over 200 KB", len(files["items.json"]))
	}
	request := repoFile(t, "payloads/report-request.json")
	for name, p := range bigPayloads(t) {
		indented := strings.ReplaceAll(strings.TrimSpace(p), "\n", "\n    ")
		start, end := strings.Index(request, `"payload": {`), strings.Index(request, "\n  },")
		files["request-"+name] = request[:start] + `"payload": ` + indented + request[end+4:]
	}
	writeFiles(t, dir, files)
	schemaFile, _ := filepath.Abs("../../examples/order-paid.json")
	for _, name := range []string{"long.json", "items.json"} {
		r := cmdIn(t, dir, "", "validate", "--schema", schemaFile, name)
		if r.code != ExitOK || r.stdout != "" || r.stderr != "" {
			t.Errorf("validate %s: exit %d\n%.300s\n%s", name, r.code, r.stdout, r.stderr)
		}
		r = cmdIn(t, dir, "", "validate", "--schema", schemaFile, "--request", "request-"+name)
		if r.code != ExitOK || strings.Contains(r.stdout, "TK9001") || r.stderr != "" {
			t.Errorf("validate --request %s: exit %d\n%.300s\n%s", name, r.code, r.stdout, r.stderr)
		}
		r = cmdIn(t, dir, "", "schemagen", "-q", name)
		if r.code != ExitOK || !strings.Contains(r.stdout, `"lineItems"`) || r.stderr != "" {
			t.Errorf("schemagen %s: exit %d\n%.300s\n%s", name, r.code, r.stdout, r.stderr)
		}
	}
}

// TestValidateFindingOrderIsNumeric is the regression test of a finding at
// column 538 listed before one at column 1 of the same line.
func TestValidateFindingOrderIsNumeric(t *testing.T) {
	r := cmdIn(t, "", "", "validate", "--schema", "../../examples/order-paid.json", "../../payloads/order-paid.ndjson")
	first, second := strings.Index(r.stdout, "order-paid.ndjson:3:1:"), strings.Index(r.stdout, "order-paid.ndjson:3:538:")
	if first < 0 || second < 0 || first > second {
		t.Errorf("want 3:1 before 3:538:\n%s", r.stdout)
	}
}

// TestValidateSummaryCountsPayloads is the regression test of "3 findings
// … in 2 files" after checking 5 payloads.
func TestValidateSummaryCountsPayloads(t *testing.T) {
	r := cmdIn(t, "", "", "validate", "--schema", "../../examples/order-paid.json", "../../payloads/order-paid.json", "../../payloads/order-paid.ndjson")
	if !strings.HasSuffix(r.stdout, "3 findings (2 errors, 1 warning, 0 info) in 5 payloads from 2 files\n") {
		t.Errorf("summary:\n%s", r.stdout)
	}
}

// TestSummaryFilesSkipsUnreadableFiles is the regression test of
// summary.files counting files that could not be read.
func TestSummaryFilesSkipsUnreadableFiles(t *testing.T) {
	r := cmdIn(t, "", "", "lint", "--format", "json", "../../examples/order-paid.json", "missing.json")
	var rep lint.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Summary.Files != 1 || r.code != ExitError {
		t.Errorf("lint: exit %d, summary %+v, %v", r.code, rep.Summary, err)
	}
	r = cmdIn(t, "", "", "validate", "--format", "json", "--schema", "../../examples/order-paid.json", "../../payloads/order-paid.ndjson", "missing.json")
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Summary.Files != 1 || r.code != ExitError {
		t.Errorf("validate: exit %d, summary %+v, %v", r.code, rep.Summary, err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"old.json": diffBase, "broken.json": "{\n  \"type\": \"object\",\n  \"properties\": {,}\n}\n"})
	r = cmdIn(t, dir, "", "diff", "--format", "json", "old.json", "broken.json")
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Summary.Files != 0 || r.code != ExitError {
		t.Errorf("diff: exit %d, summary %+v, %v", r.code, rep.Summary, err)
	}
}

// TestEnvDirForEveryCommand is the regression test of Env.Dir honoured
// only by diff: every command resolves relative paths against it, and
// names files as they were given.
func TestEnvDirForEveryCommand(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"schemas/order-paid.json": repoFile(t, "examples/order-paid.json"),
		"order-paid.ndjson":       repoFile(t, "payloads/order-paid.ndjson"),
		"sample.json":             repoFile(t, "payloads/order-paid.json"),
		"hints.json":              `{"orderId": {"title": "Order"}}`,
	})
	r := cmdIn(t, dir, "", "lint", "schemas")
	if r.code == ExitError || !strings.Contains(r.stdout, "schemas/order-paid.json:") && r.stdout != "" || r.stderr != "" {
		t.Errorf("lint dir: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if r := cmdIn(t, dir, "", "lint", "schemas/order-paid.json"); r.code == ExitError || r.stderr != "" {
		t.Errorf("lint file: exit %d\n%s", r.code, r.stderr)
	}
	r = cmdIn(t, dir, "", "validate", "--schema", "schemas/order-paid.json", "order-paid.ndjson")
	if r.code != ExitFindings || !strings.HasPrefix(r.stdout, "order-paid.ndjson:2:12:") || r.stderr != "" {
		t.Errorf("validate: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = cmdIn(t, dir, "", "schemagen", "-q", "--hints", "hints.json", "sample.json")
	if r.code != ExitOK || !strings.Contains(r.stdout, `"title": "Order"`) || r.stderr != "" {
		t.Errorf("schemagen: exit %d\n%.200s\n%s", r.code, r.stdout, r.stderr)
	}
	r = cmdIn(t, dir, "", "schemagen", "--transform", "--schema", "schemas/order-paid.json", "sample.json")
	if r.code != ExitOK || !strings.Contains(r.stdout, `"orderId"`) {
		t.Errorf("schemagen --transform: exit %d\n%.200s\n%s", r.code, r.stdout, r.stderr)
	}
	r = cmdIn(t, dir, "", "schemagen", "-q", "-o", "out.json", "sample.json")
	if _, err := os.Stat(filepath.Join(dir, "out.json")); r.code != ExitOK || err != nil {
		t.Errorf("schemagen -o: exit %d, %v\n%s", r.code, err, r.stderr)
	}
}

// TestSchemagenTransformMissingSampleSaysWhy is the regression test of
// `schemagen --transform MISSING` exiting 2 without a word.
func TestSchemagenTransformMissingSampleSaysWhy(t *testing.T) {
	r := cmdIn(t, t.TempDir(), "", "schemagen", "--transform", "missing.json")
	if r.code != ExitError || !strings.Contains(r.stderr, "missing.json: no such file or directory") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestNonRegularFilesAreRefused is the regression test of
// `triggerlint lint /dev/zero` (and validate, diff, schemagen) dying of
// out of memory: a file that is not regular is refused with exit 2, and the
// other files are still processed.
func TestNonRegularFilesAreRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	schemaFile := "../../examples/order-paid.json"
	for _, tc := range []struct {
		args []string
		want string // on stdout: the other file was processed
	}{
		{[]string{"lint", "--format", "json", "/dev/zero", schemaFile}, `"files": 1`},
		{[]string{"validate", "--schema", schemaFile, "/dev/zero", "../../payloads/order-paid.ndjson"}, "TK9005"},
		{[]string{"validate", "--schema", "/dev/zero", "../../payloads/order-paid.json"}, ""},
		{[]string{"diff", "/dev/zero", schemaFile}, ""},
		{[]string{"schemagen", "-q", "/dev/zero", "../../payloads/order-paid.json"}, ""},
	} {
		r := cmdIn(t, "", "", tc.args...)
		if r.code != ExitError || !strings.Contains(r.stderr, "/dev/zero: not a regular file (a character device)") || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("%v: exit %d\nstdout:\n%.300s\nstderr:\n%s", tc.args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestMaxSize is the regression test of unbounded documents: --max-size
// caps one document or NDJSON record on every command, with exit 2 and a
// message, and the other files are still processed.
func TestMaxSize(t *testing.T) {
	dir := t.TempDir()
	payload := repoFile(t, "payloads/order-paid.json")
	writeFiles(t, dir, map[string]string{
		"big.json":    bigPayloads(t)["long.json"],
		"small.json":  payload,
		"big.ndjson":  "{}\n" + strings.Repeat(" ", 200000) + "{}\n",
		"schema.json": repoFile(t, "examples/order-paid.json"),
		"old.json":    diffBase,
	})
	for _, tc := range []struct {
		args []string
		msg  string
		want string
	}{
		{[]string{"lint", "--max-size", "4KiB", "schema.json", "small.json"}, "schema.json: the document is larger than 4KiB, the size limit", "small.json"},
		{[]string{"validate", "--max-size", "64KiB", "--schema", "schema.json", "big.json", "small.json"}, "big.json: the document is larger than 64KiB", ""},
		{[]string{"validate", "--max-size", "100KB", "--schema", "schema.json", "big.ndjson"}, "big.ndjson:2: the record is larger than 100000B", ""},
		{[]string{"diff", "--max-size", "2KiB", "old.json", "schema.json"}, "schema.json: the document is larger than 2KiB", ""},
		{[]string{"schemagen", "-q", "--max-size", "64KiB", "big.json", "small.json"}, "big.json: the document is larger than 64KiB", ""},
	} {
		r := cmdIn(t, dir, "", tc.args...)
		if r.code != ExitError || !strings.Contains(r.stderr, tc.msg) || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("%v: exit %d\nstdout:\n%.300s\nstderr:\n%s", tc.args, r.code, r.stdout, r.stderr)
		}
	}
	// The default passes a 70 KB payload, and 0 lifts the cap.
	for _, args := range [][]string{
		{"validate", "--schema", "schema.json", "big.json"},
		{"validate", "--max-size", "0", "--schema", "schema.json", "big.json"},
	} {
		if r := cmdIn(t, dir, "", args...); r.code != ExitOK {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	if r := cmdIn(t, dir, "", "lint", "--max-size", "lots", "schema.json"); r.code != ExitError || !strings.Contains(r.stderr, `bad size "lots"`) {
		t.Errorf("bad --max-size: exit %d, %s", r.code, r.stderr)
	}
}

// TestLintSymlinkedSchemas is the regression test of `lint schemas/`
// skipping symlinked *.json files without a word: a link inside the tree is
// linted; one that leaves it is refused on stderr, with exit 2.
func TestLintSymlinkedSchemas(t *testing.T) {
	outside, dir := t.TempDir(), t.TempDir()
	bad := repoFile(t, "examples/invoice-due-pasted.json")
	writeFiles(t, dir, map[string]string{"real/bad.json": bad})
	writeFiles(t, outside, map[string]string{"secret.json": bad})
	os.MkdirAll(filepath.Join(dir, "schemas"), 0o755)
	if err := os.Symlink(filepath.Join(dir, "real", "bad.json"), filepath.Join(dir, "schemas", "in.json")); err != nil {
		t.Skip(err)
	}
	direct := cmdIn(t, dir, "", "lint", "real/bad.json")
	if direct.code != ExitFindings {
		t.Fatalf("lint real/bad.json: exit %d", direct.code)
	}
	// Outside a repository, the walked folder bounds the links: real/ is
	// outside schemas/.
	r := cmdIn(t, dir, "", "lint", "schemas")
	if r.code != ExitError || r.stderr != "triggerlint: schemas/in.json: a symbolic link to a file outside the folder and its repository, not read\n" {
		t.Errorf("link out of the walked folder: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// Walking the whole folder, the link stays inside it: it is linted
	// like the file it names.
	r = cmdIn(t, dir, "", "lint", ".")
	if r.code != ExitFindings || r.stderr != "" || strings.Count(r.stdout, "schemas/in.json:") != strings.Count(direct.stdout, "real/bad.json:") {
		t.Errorf("link inside the walked folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// In a repository, a link to a file elsewhere in it is linted; one to
	// a file outside it is refused and counted.
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(dir, "schemas", "out.json"))
	r = cmdIn(t, dir, "", "lint", "schemas")
	want := strings.ReplaceAll(direct.stdout, "real/bad.json", "schemas/in.json")
	if r.code != ExitError || r.stdout != want ||
		r.stderr != "triggerlint: schemas/out.json: a symbolic link to a file outside the folder and its repository, not read\n" {
		t.Errorf("in a repository: exit %d\n%s\nwant\n%s\n%s", r.code, r.stdout, want, r.stderr)
	}
}

// gitRepo makes a git repository in a new folder, with files committed and
// tagged v1, and returns the folder and a git runner.
func gitRepo(t *testing.T, files map[string]string) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=triggerkit", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	writeFiles(t, dir, files)
	git("add", ".")
	git("commit", "-q", "-m", "schemas")
	git("tag", "v1")
	return dir, git
}

// TestDiffBaseMissingPathIsAnError is the regression test of
// `diff --base HEAD shemas` passing silently: a path that names nothing is
// an error, exit 2, naming the path.
func TestDiffBaseMissingPathIsAnError(t *testing.T) {
	dir, _ := gitRepo(t, map[string]string{"schemas/a.json": diffBase})
	r := cmdIn(t, dir, "", "diff", "--base", "HEAD", "shemas")
	if r.code != ExitError || !strings.Contains(r.stderr, "shemas: no such file or folder") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	// A folder deleted since the revision still names its deletions.
	os.RemoveAll(filepath.Join(dir, "schemas"))
	r = cmdIn(t, dir, "", "diff", "--base", "HEAD", "schemas")
	if r.code != ExitFindings || !strings.Contains(r.stdout, "(TKD002)") {
		t.Errorf("deleted folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// An existing folder without changes passes.
	dir, _ = gitRepo(t, map[string]string{"schemas/a.json": diffBase})
	if r := cmdIn(t, dir, "", "diff", "--base", "HEAD", "schemas"); r.code != ExitOK || r.stderr != "" {
		t.Errorf("unchanged: exit %d, %s", r.code, r.stderr)
	}
}

// TestDiffBaseSchemaLeavingTheGateIsRemoved is the regression test of a
// schema moved out of the gated set (renamed to *.bak, or moved out of the
// path checked) passing as TKD003 "moved", info, exit 0.
func TestDiffBaseSchemaLeavingTheGateIsRemoved(t *testing.T) {
	for _, tc := range []struct{ to, path, where string }{
		{"schemas/form.json.bak", "schemas", "schemas/form.json.bak"},
		{"attic/form.json", "schemas", "attic/form.json"},
	} {
		dir, git := gitRepo(t, map[string]string{"schemas/form.json": diffBase, "attic/keep.txt": "x"})
		git("mv", "schemas/form.json", tc.to)
		r := cmdIn(t, dir, "", "diff", "--base", "v1", tc.path)
		want := "schemas/form.json"
		if r.code != ExitFindings || !strings.Contains(r.stdout, "v1:"+want+":1:1: error: schema file moved to "+tc.where+", outside the schemas checked") ||
			!strings.Contains(r.stdout, "(TKD002)") || strings.Contains(r.stdout, "TKD003") {
			t.Errorf("moved to %s: exit %d\n%s%s", tc.to, r.code, r.stdout, r.stderr)
		}
	}
}

// TestDiffBaseNeverReadsThroughALinkOutOfTheRepository is the regression
// test of an untracked schemas/t.json -> ~/token.txt printing the token in
// the CI log, and of schemas/evil.json -> /dev/zero crashing diff --base.
func TestDiffBaseNeverReadsThroughALinkOutOfTheRepository(t *testing.T) {
	const token = "ghp_0123456789abcdefghijABCDEFGHIJ0123456"
	home := t.TempDir()
	writeFiles(t, home, map[string]string{"token.txt": token + "\n"})
	dir, _ := gitRepo(t, map[string]string{"schemas/a.json": diffBase})
	if err := os.Symlink(filepath.Join(home, "token.txt"), filepath.Join(dir, "schemas", "t.json")); err != nil {
		t.Skip(err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "schemas", "evil.json"))
	// A link inside the repository is read; a text file is never echoed.
	writeFiles(t, dir, map[string]string{"notes/token.json": token + "\n", "schemas/b.json": diffBase})
	os.Symlink(filepath.Join(dir, "schemas", "b.json"), filepath.Join(dir, "schemas", "c.json"))
	r := cmdIn(t, dir, "", "diff", "--base", "v1")
	if strings.Contains(r.stdout+r.stderr, "ghp_") || strings.Contains(r.stdout+r.stderr, "0123456789") {
		t.Errorf("the token is in the output:\n%s%s", r.stdout, r.stderr)
	}
	for _, want := range []string{
		"schemas/t.json: a symbolic link to a file outside the folder and its repository, not read",
		"schemas/evil.json: a symbolic link to a file outside the folder and its repository, not read",
		"notes/token.json: not a JSON document",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.code != ExitError || !strings.Contains(r.stdout, "schemas/b.json:1:1: info: new schema file") || !strings.Contains(r.stdout, "schemas/c.json:1:1: info: new schema file") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

// TestDiffBaseNewlineInFileName is the regression test of a base-revision
// file name with a newline aborting all of diff --base.
func TestDiffBaseNewlineInFileName(t *testing.T) {
	dir, git := gitRepo(t, map[string]string{"schemas/a\nb.json": diffBase, "schemas/c.json": diffBase})
	git("rm", "-q", "schemas/a\nb.json")
	writeFiles(t, dir, map[string]string{"schemas/c.json": variant(t, `"title": "Guests"`, `"title": "Party size"`)})
	r := cmdIn(t, dir, "", "diff", "--base", "v1")
	if r.code != ExitFindings || !strings.Contains(r.stdout, "(TKD002)") || !strings.Contains(r.stdout, "schemas/c.json:") || r.stderr != "" {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestFilesClosedOneByOne is the regression test of `defer f.Close()`
// inside the file loops of validate and schemagen: with fewer file
// descriptors than files, the later files failed with "too many open
// files". It counts the open descriptors while the commands read.
func TestFilesClosedOneByOne(t *testing.T) {
	fds := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip("no /proc/self/fd")
		}
		return len(ents)
	}
	dir := t.TempDir()
	var names []string
	for i := range 80 {
		name := fmt.Sprintf("p%02d.json", i)
		writeFiles(t, dir, map[string]string{name: repoFile(t, "payloads/order-paid.json")})
		names = append(names, filepath.Join(dir, name))
	}
	schemaFile, _ := filepath.Abs("../../examples/order-paid.json")
	before := fds()
	peak := 0
	// A reader that notes the open descriptors whenever the command reads
	// standard input, named last.
	probe := &fdProbe{count: fds, peak: &peak}
	for _, args := range [][]string{
		append([]string{"validate", "--schema", schemaFile}, append(names, "-")...),
		append([]string{"schemagen", "-q"}, append(names, "-")...),
	} {
		var out, errb bytes.Buffer
		probe.data = []byte(repoFile(t, "payloads/order-paid.json"))
		env := Env{Stdin: probe, Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
		var code int
		if args[0] == "schemagen" {
			code = Schemagen(args[1:], env)
		} else {
			code = Triggerlint(args, env, rules.All())
		}
		if code != ExitOK || errb.Len() > 0 {
			t.Fatalf("%s: exit %d\n%s", args[0], code, errb.String())
		}
		if peak > before+5 {
			t.Errorf("%s: %d descriptors open after reading 80 files, %d before", args[0], peak, before)
		}
	}
}

type fdProbe struct {
	data  []byte
	count func() int
	peak  *int
}

func (p *fdProbe) Read(b []byte) (int, error) {
	*p.peak = max(*p.peak, p.count())
	if len(p.data) == 0 {
		return 0, io.EOF
	}
	n := copy(b, p.data)
	p.data = p.data[n:]
	return n, nil
}
