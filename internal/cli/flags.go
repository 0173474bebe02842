package cli

import (
	"errors"
	"flag"
	"fmt"
)

// newFlagSet returns a command's flag set: errors go to stderr, and -h
// prints the usage text, the flags, then the trailer.
func newFlagSet(name, usage, trailer string, env Env) *flag.FlagSet {
	fset := flag.NewFlagSet(name, flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	if usage != "" {
		fset.Usage = func() {
			fmt.Fprint(env.Stderr, usage)
			fset.PrintDefaults()
			fmt.Fprint(env.Stderr, trailer)
		}
	}
	return fset
}

// parseFlags parses args. When it returns false, the command ends with the
// code: ExitOK after -h, ExitError after a bad flag, which the flag package
// has reported.
func parseFlags(fset *flag.FlagSet, args []string) (int, bool) {
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitError, false
	}
	return 0, true
}

// usageError returns a function that reports a usage error as
// "prog: message" on stderr and gives ExitError.
func usageError(prog string, env Env) func(format string, a ...any) int {
	return func(format string, a ...any) int {
		fmt.Fprintf(env.Stderr, prog+": "+format+"\n", a...)
		return ExitError
	}
}
