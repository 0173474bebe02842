package diff

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/internal/walk"
	"github.com/triggerkit/triggerkit/schema"
)

// FileVersion is a file as one version of a file set holds it.
type FileVersion struct {
	// Path is the file's path in the set; "" when this version has no such
	// file.
	Path string
	// Name is how findings and errors name this version, such as
	// "v1.4.0:schemas/order.json"; Path when empty.
	Name string
	// Src is the file's content.
	Src []byte
	// Outside reports that Path lies outside the set of schemas the
	// comparison guards (the gated set: *.json under the paths checked).
	// A schema that moves outside it is gone for the automations that use
	// it, and counts as removed; a file that moves in from outside is
	// compared with its old version as a move.
	Outside bool
}

func (v FileVersion) name() string {
	if v.Name != "" {
		return v.Name
	}
	return v.Path
}

// FilePair is one file in the old and the new version of a file set, as
// paired by whatever lists the changes (git's rename detection): Old.Path
// is "" for an added file, New.Path "" for a removed one, and the paths
// differ for a move.
type FilePair struct {
	Old, New FileVersion
}

// FileResult is the comparison of one FilePair.
type FileResult struct {
	Pair FilePair
	// OldDoc and NewDoc are the versions compared; nil for a version that
	// does not exist or that was not read (a move out of the gated set).
	OldDoc, NewDoc *schema.Document
	// Changes lists the file-level change (TKD001-003), if any, then the
	// changes of Compare. Each Change's Side says which document its Span
	// is in.
	Changes []Change
}

// ParseError is a version of a file that does not parse: nothing is
// classified from it.
type ParseError struct {
	Name string
	// NotJSON reports content that is not JSON at all (it does not start
	// with "{" or "["): its errors are not given, so that no message
	// repeats a line of, say, a token file that a symbolic link named.
	NotJSON bool
	// Errors are the parse errors of a JSON document.
	Errors schema.ErrorList
}

func (e *ParseError) Error() string {
	if e.NotJSON {
		return fmt.Sprintf("%s: not a JSON document (it does not start with \"{\"); its content is not shown", e.Name)
	}
	return fmt.Sprintf("%s:%v", e.Name, e.Errors)
}

// CompareFiles compares the two versions of a file set, file by file, in the
// order of pairs. It leaves out the pairs that need no report: a file that
// did not change and did not move, files that are not payload schemas in
// either version (see LooksLikeSchema), and pairs entirely outside the
// gated set. A version that does not parse gives a *ParseError for its
// pair, in errs at the pair's index in the input; the other pairs are still
// compared.
func CompareFiles(pairs []FilePair) (results []FileResult, errs map[int]error) {
	for i, p := range pairs {
		oldIn := p.Old.Path != "" && !p.Old.Outside
		newIn := p.New.Path != "" && !p.New.Outside
		if !oldIn && !newIn {
			continue
		}
		moved := p.Old.Path != "" && p.New.Path != "" && p.Old.Path != p.New.Path
		if oldIn && newIn && !moved && bytes.Equal(p.Old.Src, p.New.Src) {
			continue
		}
		oldSrc, newSrc := p.Old.Src, p.New.Src
		if !oldIn {
			oldSrc = nil
		}
		if !newIn {
			newSrc = nil
		}
		if !LooksLikeSchema(oldSrc) && !LooksLikeSchema(newSrc) {
			continue
		}
		r, err := compareFile(p, oldIn, newIn)
		if err != nil {
			if errs == nil {
				errs = make(map[int]error)
			}
			errs[i] = err
			continue
		}
		results = append(results, r)
	}
	return results, errs
}

// compareFile compares one pair whose versions in the gated set are oldIn
// and newIn.
func compareFile(p FilePair, oldIn, newIn bool) (FileResult, error) {
	r := FileResult{Pair: p}
	// A version that has left the gated set or came from outside it is not
	// read: only its path counts. Two versions are parsed side by side.
	var oldErr, newErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if oldIn {
			r.OldDoc, oldErr = loadVersion(p.Old)
		}
	}()
	if newIn {
		r.NewDoc, newErr = loadVersion(p.New)
	}
	<-done
	if oldErr != nil || newErr != nil {
		return FileResult{}, errors.Join(oldErr, newErr)
	}
	whole := func(id string, side Side, msg string) Change {
		k, _ := KindOf(id)
		return Change{Kind: k, Side: side, Span: schema.Span{End: 1}, Message: msg}
	}
	switch {
	case !oldIn && p.Old.Path == "":
		r.Changes = []Change{whole(SchemaAdded, New, "new schema file")}
		return r, nil
	case !oldIn:
		// Moved in from outside the gated set: compare as a move.
		if doc, err := loadVersion(p.Old); err == nil && doc.Root != nil {
			r.OldDoc = doc
			break
		}
		r.Changes = []Change{whole(SchemaAdded, New, fmt.Sprintf("new schema file (moved from %s)", p.Old.name()))}
		return r, nil
	case !newIn && p.New.Path == "":
		r.Changes = []Change{whole(SchemaRemoved, Old, "schema file deleted: automations built on this trigger lose its payload")}
		return r, nil
	case !newIn:
		r.Changes = []Change{whole(SchemaRemoved, Old, fmt.Sprintf(
			"schema file moved to %s, outside the schemas checked: automations built on this trigger lose its payload", p.New.name()))}
		return r, nil
	}
	changes, err := Compare(r.OldDoc, r.NewDoc)
	if err != nil {
		return FileResult{}, fmt.Errorf("%s: %w", p.New.name(), err)
	}
	if p.Old.Path != p.New.Path {
		r.Changes = append(r.Changes, whole(SchemaMoved, New, fmt.Sprintf("schema file moved from %s", p.Old.name())))
	}
	r.Changes = append(r.Changes, changes...)
	return r, nil
}

// loadVersion parses one version, refusing content that is not JSON without
// quoting it.
func loadVersion(v FileVersion) (*schema.Document, error) {
	if !startsLikeJSON(v.Src) {
		return nil, &ParseError{Name: v.name(), NotJSON: true}
	}
	doc, err := schema.Load(v.name(), v.Src)
	var list schema.ErrorList
	if errors.As(err, &list) {
		return nil, &ParseError{Name: v.name(), Errors: list}
	}
	return doc, nil
}

// startsLikeJSON reports whether src, after white space and a byte order
// mark, starts with "{" or "[", and is UTF-8 text.
func startsLikeJSON(src []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[') && utf8.Valid(t) && bytes.IndexByte(t, 0) < 0
}

// LooksLikeSchema reports whether src could be a payload schema: a JSON
// object with "properties", "type" or "$schema" at its root, the test
// triggerlint lint's folder walk makes (walk.IsSchema), so that the two
// commands agree on which files are schemas. The root is judged as the
// recovering parser rebuilds it, so that a tsconfig.json with comments is
// no schema; text with no root object at all counts, so that its errors
// are reported, and so does text that is not JSON at all (CompareFiles
// reports it without quoting it). nil does not.
func LooksLikeSchema(src []byte) bool {
	if src == nil {
		return false
	}
	if !startsLikeJSON(src) {
		return true
	}
	// Valid JSON is judged by one scan of its text: the parser would
	// rebuild nothing, and its root is the object read. Anything else is
	// left to the parser.
	if i := jsonscan.SkipSpace(src, 0); i < len(src) && src[i] == '{' {
		r := rootKeys{src: src}
		if end, c := jsonscan.Walk(src, i, 0, &r); c == jsonscan.OK && jsonscan.SkipSpace(src, end) == len(src) {
			return r.schema
		}
	}
	ok, _ := walk.IsSchema(src)
	return ok
}

// rootKeys is a jsonscan.Visitor that notes whether the root object has
// "properties", "type" or "$schema".
type rootKeys struct {
	src    []byte
	depth  int // open objects
	schema bool
}

func (r *rootKeys) Object(int) { r.depth++ }
func (r *rootKeys) EndObject() { r.depth-- }
func (r *rootKeys) Key(ks, ke int) {
	if r.depth != 1 || r.schema {
		return
	}
	name := r.src[ks+1 : ke-1]
	if bytes.IndexByte(name, '\\') >= 0 {
		name = jsonscan.AppendUnquoted(nil, name)
	}
	switch string(name) {
	case "properties", "type", "$schema":
		r.schema = true
	}
}
