// Package config reads .triggerlint.yaml, the file in which a team writes
// down how triggerlint treats its repository: which files it lints, which
// rules run and how serious their findings are, per folder if need be, which
// findings are accepted and why, and which schema changes the diff gate lets
// through.
//
// # Finding and reading
//
// [Find] looks for .triggerlint.yaml (or .triggerlint.yml) from a folder
// upward, stopping at the repository root (the first folder that holds
// .git). [Load] reads a file and [Parse] decodes one strictly: an unknown
// key, a value of the wrong type, a pattern that names no rule or change
// kind of the catalogue it is given, a glob that does not parse, a pointer
// that is no RFC 6901 pointer and an ignore entry without a reason are each
// an [*Error] at "file:line:col", all of them collected in an [ErrorList].
// The YAML is read into go.yaml.in/yaml/v3 nodes, which keep the line and
// column of every key and value; anchors and aliases are refused, so the
// cost stays linear in the size of the file.
//
// # What the command line asks
//
// [Config.Includes] says whether a file is among those the config's
// `files` and `exclude` globs select (globs are doublestar globs relative to
// the config file's folder; a glob that matches a folder covers what is in
// it). [Config.Selected] returns the rule selection for one file: the
// top-level `rules`, then each `overrides` entry whose `files` match, in
// order; flags given on the command line are meant to be appended after it,
// so they win. [Config.FailSeverity] is the exit-code threshold.
// [Config.Ignores] and [Config.Accepts] turn the `ignore` and `diff.accept`
// entries into waivers for findings.Suppress.
//
// Within one `rules` block, patterns apply from the least to the most
// specific: "all", then globs, then exact IDs and names, so that
// `disable: [all]` with `enable: [TK3003]` runs one rule and
// `enable: [TK3*]` with `disable: [TK3005]` leaves TK3005 off whichever
// key comes first. `severity: {PATTERN: off}` disables.
//
// # Starting and showing
//
// [Init] returns a commented starting config (what `triggerlint config init`
// writes) and [Config.Print] the effective settings as YAML. [Schema]
// returns a JSON Schema (draft-07) of the file, for editors.
package config
