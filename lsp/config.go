package lsp

import (
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/triggerkit/triggerkit/config"
	"github.com/triggerkit/triggerkit/diff"
	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/validate"
)

// configs finds and caches the .triggerlint.yaml of documents' folders.
// A config file is read again when its size or modification time changes.
type configs struct {
	catalogue []findings.Entry
	mu        sync.Mutex
	byPath    map[string]cachedConfig
}

type cachedConfig struct {
	mod  time.Time
	size int64
	cfg  *config.Config
	err  error
}

// defaultCatalogue is every documented ID, as the command line checks
// config patterns against.
func defaultCatalogue(ruleSet []*lint.Rule) []findings.Entry {
	out := findings.Entries(ruleSet)
	out = append(out, findings.Entries(validate.Rules())...)
	out = append(out, findings.Entries(diff.Kinds())...)
	return append(out, findings.SuppressionEntries()...)
}

// forFile returns the config that governs a file, nil when there is none,
// and the error of a config file that cannot be read.
func (c *configs) forFile(name string) (*config.Config, error) {
	if !filepath.IsAbs(name) {
		return nil, nil
	}
	path, err := config.Find(filepath.Dir(name))
	if err != nil || path == "" {
		return nil, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	cached, ok := c.byPath[path]
	c.mu.Unlock()
	if ok && cached.mod.Equal(info.ModTime()) && cached.size == info.Size() {
		return cached.cfg, cached.err
	}
	cfg, err := config.Load(path, c.catalogue)
	c.mu.Lock()
	c.byPath[path] = cachedConfig{mod: info.ModTime(), size: info.Size(), cfg: cfg, err: err}
	c.mu.Unlock()
	return cfg, err
}

// linterFor returns the linter for a document under the config that
// governs it, its ignore entries, and false when the config leaves the
// file out.
func (s *Server) linterFor(name string) (*lint.Linter, []findings.Waiver, bool) {
	if s.opts.NoConfig {
		return s.linter, nil, true
	}
	cfg, err := s.configs.forFile(name)
	if err != nil {
		s.logf(logWarning, "config for %s: %v; linting with the defaults", name, err)
	}
	if cfg == nil {
		return s.linter, nil, true
	}
	if !cfg.Includes(name) {
		return nil, nil, false
	}
	sel := cfg.Selected(name)
	sel.Toggles = append(sel.Toggles, s.opts.Select.Toggles...)
	sel.Severity = append(sel.Severity, s.opts.Select.Severity...)
	l, err := lint.New(lint.Options{Rules: s.opts.Rules, Select: sel})
	if err != nil {
		s.logf(logWarning, "config %s: %v; linting with the defaults", cfg.Path, err)
		l = s.linter
	}
	return l, cfg.Ignores(), true
}

// lintFile lints a document as `triggerlint lint` would under the config
// that governs it: nothing for a file outside its files, its rule
// selection with the server's own appended, its ignore entries applied
// (ignored findings are not shown).
func (s *Server) lintFile(name string, src []byte) (lint.Result, error) {
	l, ignores, ok := s.linterFor(name)
	if !ok {
		return lint.Result{}, nil
	}
	res, err := l.Bytes(name, src)
	if len(ignores) > 0 {
		findings.Suppress(res.Findings, ignores, nil)
		kept := res.Findings[:0]
		for _, f := range res.Findings {
			if f.Suppressed == nil {
				kept = append(kept, f)
			}
		}
		res.Findings = kept
	}
	return res, err
}
