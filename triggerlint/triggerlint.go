// Package triggerlint is the triggerlint command as a library, so that a
// team can build its own binary: triggerlint with triggerkit's rules plus
// rules of its own, in the manner of multichecker in
// golang.org/x/tools/go/analysis.
//
// A team's main package is one call:
//
//	func main() { triggerlint.Main(acme.CamelCaseKeys) }
//
// The binary has every command of triggerlint (lint, validate, diff, rules,
// explain), and the extra rules run, are selected by --enable, --disable
// and --severity, and are listed by rules and explained by explain like
// triggerkit's own. Extra rules use an ID prefix of their own: TK and TKD
// are reserved for triggerkit (see lint.Validate for the scheme). Package
// linttest tests them.
package triggerlint

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/mattn/go-isatty"

	"github.com/triggerkit/triggerkit/internal/cli"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

// Env is what the command may use of its surroundings. Main uses the
// process's.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv reads an environment variable; nil reads none.
	Getenv func(string) string
	// Terminal reports whether Stdout is a terminal, for colour.
	Terminal bool
	// Dir is the folder that relative paths and git commands start from;
	// "" is the process's working directory.
	Dir string
}

// Main runs the triggerlint command over os.Args with triggerkit's rules
// and the extra ones, then exits with its code: 0 clean, 1 findings at or
// above --fail-severity, 2 usage, input or internal error. An invalid rule
// set is a programmer error: Main reports it and exits with code 2 before
// reading any argument.
func Main(extra ...*lint.Rule) {
	ruleSet, err := Rules(extra...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "triggerlint: invalid rule set: %v\n", err)
		os.Exit(cli.ExitError)
	}
	fd := os.Stdout.Fd()
	os.Exit(cli.Triggerlint(os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		Terminal: isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd),
	}, ruleSet))
}

// Run runs the triggerlint command with args (without the program name)
// in env, with triggerkit's rules and the extra ones, and returns its exit
// code. It panics if the rule set is invalid, as that is a programmer
// error.
func Run(args []string, env Env, extra ...*lint.Rule) int {
	ruleSet, err := Rules(extra...)
	if err != nil {
		panic(fmt.Sprintf("triggerlint: invalid rule set: %v", err))
	}
	return cli.Triggerlint(args, cli.Env{
		Stdin: env.Stdin, Stdout: env.Stdout, Stderr: env.Stderr, Getenv: env.Getenv,
		Terminal: env.Terminal, Dir: env.Dir,
	}, ruleSet)
}

// Rules returns triggerkit's rules and the extra ones sorted by ID, the
// rule set that Main and Run use. It is an error for an extra rule to use a
// prefix reserved for triggerkit (TK, TKD) or to fail lint.Validate with
// the others, for example by reusing an ID or a name.
func Rules(extra ...*lint.Rule) ([]*lint.Rule, error) {
	var errs []error
	for _, r := range extra {
		if r != nil && lint.Reserved(r.ID) {
			errs = append(errs, fmt.Errorf("rule %s: prefix %s is reserved for triggerkit; use a prefix of your own", r.ID, lint.Prefix(r.ID)))
		}
	}
	all := append(rules.All(), extra...)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i] == nil || all[j] == nil {
			return all[j] == nil && all[i] != nil
		}
		return all[i].ID < all[j].ID
	})
	if err := lint.Validate(all); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return all, nil
}
