// Package rules holds every triggerlint rule, one file per rule named after
// its ID, and the registry [All].
//
// Adding a rule touches three things: the rule file, its golden tests in
// testdata/<ID>/ (at least one flagged and one clean case), and one line in
// all.go. Then regenerate docs/rules.md with
//
//	go test ./rules -run TestDocs -update
//
// IDs are never reused; a retired rule keeps its ID listed in all.go.
package rules

//go:generate go test -run TestDocs -update
