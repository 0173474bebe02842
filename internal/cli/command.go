package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/triggerkit/triggerkit/internal/textdist"
)

// The command tree is built afresh for each run by a constructor, with no
// package-level command, so that commands run in-process and in parallel
// in tests. Cobra parses the flags (anywhere on the line, "--" ends them)
// and finds the command; the commands report their own problems and end
// with an ExitCodeError, and execute prints usage errors as one line plus a
// hint.

// UsageError is a command line that cannot run: an unknown command or
// flag, a bad flag value, a missing or unexpected argument.
type UsageError struct {
	Msg string
	// Command is the path of the command whose help the hint names; ""
	// is the command that failed.
	Command string
}

func (e *UsageError) Error() string { return e.Msg }

// usagef returns a UsageError of the failing command.
func usagef(format string, a ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, a...)}
}

// ExitCodeError ends a command that has reported its problems itself, with
// its exit code.
type ExitCodeError struct {
	Code int
}

func (e *ExitCodeError) Error() string { return fmt.Sprintf("exit code %d", e.Code) }

// exit turns a command's exit code into the error RunE returns: nil for
// ExitOK.
func exit(code int) error {
	if code == ExitOK {
		return nil
	}
	return &ExitCodeError{Code: code}
}

// verbosity is how much a command says on standard error besides errors.
type verbosity int

const (
	normal  verbosity = iota
	quiet             // errors only, and no summary line
	verbose           // notes too
)

// warnf reports a warning on stderr, unless -q.
func (e Env) warnf(format string, a ...any) {
	if e.verbosity != quiet {
		fmt.Fprintf(e.Stderr, "triggerlint: warning: "+format+"\n", a...)
	}
}

// notef reports a note that is printed by default, unless -q.
func (e Env) notef(format string, a ...any) {
	if e.verbosity != quiet {
		fmt.Fprintf(e.Stderr, "triggerlint: note: "+format+"\n", a...)
	}
}

// verbosef reports a note that only -v prints.
func (e Env) verbosef(format string, a ...any) {
	if e.verbosity == verbose {
		fmt.Fprintf(e.Stderr, "triggerlint: note: "+format+"\n", a...)
	}
}

// helpText is what a command's help shows besides cobra's fields: more
// usage lines, and the exit codes.
const (
	usageAnnotation = "triggerkit_usage"
	exitAnnotation  = "triggerkit_exit"
	footAnnotation  = "triggerkit_foot"
)

// exitCodesShort are the exit codes of a command that reports no findings.
const exitCodesShort = `  0  done
  2  usage error`

// newRoot returns a root command with the settings every root shares:
// no cobra error or usage printing (execute prints errors), help on
// stdout, the help command and help rendering of this package.
func newRoot(name string, env Env) *cobra.Command {
	root := &cobra.Command{
		Use:                        name,
		SilenceErrors:              true,
		SilenceUsage:               true,
		SuggestionsMinimumDistance: 2,
		CompletionOptions:          cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetFlagErrorFunc(flagError)
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		io.WriteString(c.OutOrStdout(), helpText(c))
	})
	root.SetUsageFunc(func(c *cobra.Command) error {
		_, err := io.WriteString(c.OutOrStderr(), helpText(c))
		return err
	})
	return root
}

// flagError turns pflag's errors into usage errors, with a suggestion for
// a near flag name: "-format" for --format, "--formt" for --format.
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		typed := ne.GetSpecifiedName()
		if s := ne.GetSpecifiedShortnames(); s != "" {
			typed = s
		}
		if name := nearFlag(c, typed); name != "" {
			msg += fmt.Sprintf(" (did you mean --%s?)", name)
		}
	}
	return &UsageError{Msg: msg}
}

// nearFlag returns the long flag of c that typed names exactly or nearly,
// or "".
func nearFlag(c *cobra.Command, typed string) string {
	best, bestDist := "", 3
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || len(f.Name) < 2 {
			return
		}
		if d := textdist.Levenshtein(f.Name, typed); d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// execute runs root over args and returns the exit code. A usage error
// is printed as "NAME: message" and a hint naming the command's help.
func execute(root *cobra.Command, args []string, stderr io.Writer) int {
	return executeContext(context.Background(), root, args, stderr)
}

// executeContext is execute with a context that the commands see as
// cmd.Context(): serve stops when it ends.
func executeContext(ctx context.Context, root *cobra.Command, args []string, stderr io.Writer) int {
	if args == nil {
		args = []string{} // nil makes cobra read os.Args
	}
	if len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd) {
		registerValueCompletions(root)
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *ExitCodeError
	if errors.As(err, &ee) {
		return ee.Code
	}
	// Every other error is about the command line: those of the commands
	// are UsageErrors, cobra's own are about arguments.
	var ue *UsageError
	if !errors.As(err, &ue) {
		ue = &UsageError{Msg: err.Error()}
	}
	path := ue.Command
	if path == "" && cmd != nil {
		path = cmd.CommandPath()
	}
	if path == "" {
		path = root.Name()
	}
	fmt.Fprintf(stderr, "%s: %s\nRun '%s -h' for usage.\n", root.Name(), oneLine(ue.Msg), path)
	return ExitError
}

// oneLine keeps a message on its line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// registerValueCompletions completes the values of the flags that list
// them (see setValues). Cobra keeps flag completions in a map of its own
// for the life of the process, so they are registered only when a shell
// asks for completions, in a process of its own.
func registerValueCompletions(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
			if values, ok := f.Annotations[valuesAnnotation]; ok {
				c.RegisterFlagCompletionFunc(f.Name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// helpText renders a command's help: usage, description, examples,
// commands, flags, global flags, exit codes.
func helpText(c *cobra.Command) string {
	var b strings.Builder
	usage := c.Annotations[usageAnnotation]
	if usage == "" {
		usage = c.UseLine()
	}
	b.WriteString("Usage: ")
	b.WriteString(strings.ReplaceAll(usage, "\n", "\n       "))
	b.WriteString("\n")
	if c.Long != "" {
		b.WriteString("\n" + strings.TrimRight(c.Long, "\n") + "\n")
	} else if c.Short != "" {
		b.WriteString("\n" + c.Short + ".\n")
	}
	if c.Example != "" {
		b.WriteString("\nExamples:\n" + strings.TrimRight(c.Example, "\n") + "\n")
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\nCommands:\n")
		pad := 0
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				pad = max(pad, len(sub.Name()))
			}
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(&b, "  %-*s  %s\n", pad, sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\nFlags:\n" + c.LocalFlags().FlagUsagesWrapped(100))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\nGlobal flags:\n" + c.InheritedFlags().FlagUsagesWrapped(100))
	}
	if codes := c.Annotations[exitAnnotation]; codes != "" {
		b.WriteString("\nExit codes:\n" + strings.TrimRight(codes, "\n") + "\n")
	}
	if foot := c.Annotations[footAnnotation]; foot != "" {
		b.WriteString("\n" + foot + "\n")
	}
	return b.String()
}

// newHelpCommand returns "help [COMMAND]": the help of the root, or of a
// command, on stdout. An unknown command is a usage error.
func newHelpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "print the help of a command: usage, flags, examples and exit codes",
		Example: `  triggerlint help
  triggerlint help lint`,
		Annotations: map[string]string{exitAnnotation: exitCodesShort},
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("unexpected argument %q", args[1])
			}
			return nil
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range c.Root().Commands() {
				if (sub.IsAvailableCommand() || sub == c) && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root := c.Root()
			target := root
			if len(args) == 1 {
				target = nil
				for _, sub := range root.Commands() {
					if sub.Name() == args[0] || sub.HasAlias(args[0]) {
						target = sub
					}
				}
				if target == nil {
					return unknownCommand(root, args[0], "help topic")
				}
			}
			target.InitDefaultHelpFlag()
			_, err := io.WriteString(c.OutOrStdout(), helpText(target))
			return err
		},
	}
}

// unknownCommand is the usage error of a command name that root does not
// know, with the commands it may have meant.
func unknownCommand(root *cobra.Command, name, what string) error {
	msg := fmt.Sprintf("unknown %s %q", what, name)
	if s := nearest(name, root.SuggestionsFor(name)); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", quotedOr(s))
	}
	return &UsageError{Msg: msg, Command: root.Name()}
}

// nearest keeps the suggestions nearest to typed: "lnt" is one edit from
// "lint" and two from "fmt", and means lint.
func nearest(typed string, suggestions []string) []string {
	var out []string
	best := -1
	for _, s := range suggestions {
		switch d := textdist.Levenshtein(strings.ToLower(typed), strings.ToLower(s)); {
		case best < 0 || d < best:
			out, best = []string{s}, d
		case d == best:
			out = append(out, s)
		}
	}
	return out
}

func quotedOr(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return orList(q)
}

// newCompletionCommand returns "completion SHELL", which writes the shell
// completion script of the root command.
func newCompletionCommand() *cobra.Command {
	shells := []string{"bash", "zsh", "fish", "powershell"}
	return &cobra.Command{
		Use:   "completion SHELL",
		Short: "write the shell completion script: bash, zsh, fish or powershell",
		Long: `Writes the script that completes the commands, the flags, their values and
the rule IDs of explain in a shell. The script asks the binary for its
completions, so it stays right when the binary changes.`,
		Example: `  source <(triggerlint completion bash)                      # bash, this session
  echo 'source <(triggerlint completion bash)' >> ~/.bashrc  # bash, every session
  source <(triggerlint completion zsh)                       # zsh (after compinit)
  triggerlint completion fish | source                       # fish
  triggerlint completion powershell | Out-String | Invoke-Expression`,
		Annotations: map[string]string{exitAnnotation: exitCodesShort},
		ValidArgs:   shells,
		Args: func(c *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return usagef("no shell: want %s", orList(shells))
			case len(args) > 1:
				return usagef("unexpected argument %q", args[1])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			root, w := c.Root(), c.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(w)
			}
			return usagef("unknown shell %q (want %s)", args[0], orList(shells))
		},
	}
}

// countArgs says "1 argument", "2 arguments".
func countArgs(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return fmt.Sprintf("%d arguments", n)
}

// noArgs refuses any argument.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}
