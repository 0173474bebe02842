package events

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/validate"
)

// Registry maps trigger keys to their compiled payload schemas. It is
// immutable once built and safe for concurrent use.
type Registry struct {
	schemas map[string]*validate.Validator
}

// RegistryOptions configure how a registry compiles its schemas.
type RegistryOptions struct {
	// Rules, when set, lint every schema first (validate.NewLinted): a
	// schema with lint errors is refused with its *validate.SchemaError.
	// Pass rules.All() for triggerkit's rules. Nil compiles without
	// linting (validate.New).
	Rules []*lint.Rule
	// Now is the clock of futureDate checks; nil is time.Now.
	Now func() time.Time
}

// SchemaLoadError is a schema file that could not be read or compiled.
type SchemaLoadError struct {
	Path string
	Err  error
}

func (e *SchemaLoadError) Error() string {
	msg := e.Err.Error()
	if strings.HasPrefix(msg, e.Path+":") {
		return msg
	}
	return e.Path + ": " + msg
}

func (e *SchemaLoadError) Unwrap() error { return e.Err }

// TriggerKeyError is a trigger key that is not 1 to 100 lowercase letters,
// digits, "-" and "_" starting with a letter or digit, or that two schema
// files claim.
type TriggerKeyError struct {
	TriggerKey string
	Reason     string
}

func (e *TriggerKeyError) Error() string {
	return fmt.Sprintf("trigger key %q: %s", e.TriggerKey, e.Reason)
}

// NewRegistry compiles schemas given as JSON bytes by trigger key.
func NewRegistry(schemas map[string][]byte, opts *RegistryOptions) (*Registry, error) {
	r := &Registry{schemas: make(map[string]*validate.Validator, len(schemas))}
	keys := make([]string, 0, len(schemas))
	for k := range schemas {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	for _, k := range keys {
		if err := r.add(k, k+".json", schemas[k], opts); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// LoadFS builds a registry from every *.json file of a file system, such
// as an embed.FS, walked from its root. A file's trigger key is its name
// without ".json": schemas/order-paid.json serves the trigger key
// "order-paid". Every file is tried; the errors of all are joined.
func LoadFS(fsys fs.FS, opts *RegistryOptions) (*Registry, error) {
	return loadFS(fsys, "", opts)
}

// loadFS is LoadFS with the paths of messages under prefix.
func loadFS(fsys fs.FS, prefix string, opts *RegistryOptions) (*Registry, error) {
	r := &Registry{schemas: map[string]*validate.Validator{}}
	from := map[string]string{}
	var errs []error
	err := fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		p := path.Join(prefix, rel)
		if err != nil {
			errs = append(errs, &SchemaLoadError{Path: p, Err: err})
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".json") || !d.Type().IsRegular() {
			return nil
		}
		key := strings.TrimSuffix(path.Base(p), ".json")
		if prev, ok := from[key]; ok {
			errs = append(errs, &SchemaLoadError{Path: p, Err: &TriggerKeyError{TriggerKey: key, Reason: "already served by " + prev}})
			return nil
		}
		src, err := fs.ReadFile(fsys, rel)
		if err != nil {
			errs = append(errs, &SchemaLoadError{Path: p, Err: err})
			return nil
		}
		from[key] = p
		if err := r.add(key, p, src, opts); err != nil {
			errs = append(errs, err)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(r.schemas) == 0 {
		return nil, &SchemaLoadError{Path: path.Join(prefix, "."), Err: errors.New("no *.json schema files")}
	}
	return r, nil
}

// LoadDir builds a registry from the *.json files under a directory, as
// LoadFS.
func LoadDir(dir string, opts *RegistryOptions) (*Registry, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &SchemaLoadError{Path: dir, Err: err}
	}
	if !st.IsDir() {
		return nil, &SchemaLoadError{Path: dir, Err: errors.New("not a directory")}
	}
	return loadFS(os.DirFS(dir), filepath.ToSlash(dir), opts)
}

func (r *Registry) add(key, name string, src []byte, opts *RegistryOptions) error {
	if reason := triggerKeyProblem(key); reason != "" {
		return &SchemaLoadError{Path: name, Err: &TriggerKeyError{TriggerKey: key, Reason: reason}}
	}
	var vo *validate.Options
	var ruleSet []*lint.Rule
	if opts != nil {
		vo = &validate.Options{Now: opts.Now}
		ruleSet = opts.Rules
	}
	var v *validate.Validator
	var err error
	if ruleSet != nil {
		v, err = validate.NewLinted(name, src, ruleSet, vo)
	} else {
		v, err = validate.New(src, vo)
	}
	if err != nil {
		return &SchemaLoadError{Path: name, Err: err}
	}
	r.schemas[key] = v
	return nil
}

// triggerKeyProblem says what is wrong with a trigger key, or "".
func triggerKeyProblem(k string) string {
	if k == "" || len(k) > validate.MaxTriggerKey {
		return fmt.Sprintf("has %d characters, want 1 to %d", len(k), validate.MaxTriggerKey)
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'))) {
			return "want lowercase letters, digits, \"-\" and \"_\", starting with a letter or digit"
		}
	}
	return ""
}

// Validator returns the compiled schema of a trigger key.
func (r *Registry) Validator(triggerKey string) (*validate.Validator, bool) {
	if r == nil {
		return nil, false
	}
	v, ok := r.schemas[triggerKey]
	return v, ok
}

// TriggerKeys returns the registry's trigger keys, sorted.
func (r *Registry) TriggerKeys() []string {
	if r == nil {
		return nil
	}
	out := make([]string, 0, len(r.schemas))
	for k := range r.schemas {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
