package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/triggerkit/triggerkit/lsp"
	"github.com/triggerkit/triggerkit/metaschema"
)

// newLSPCommand returns "lsp": the language server on stdin and stdout.
func newLSPCommand(a *app) *cobra.Command {
	var (
		debounce = lsp.DefaultDebounce
		noConfig bool
		stdio    bool
	)
	c := &cobra.Command{
		Use:   "lsp [flags]",
		Short: "run the language server for editors, on stdin and stdout",
		Long: `Runs a Language Server Protocol server on standard input and output, for
editors: diagnostics as you type (the findings of lint, under the
.triggerlint.yaml found from each file's folder upward), hover with the
documentation of keywords, values and rules, completion of keywords and of
the values of type, format, wixCustomType, identityType and futureDate, and
each finding's suggested fixes as quick fixes. Internal errors are logged
on standard error. See the README's editor section and editors/ for the
setup of VS Code, Neovim, Helix and Zed.`,
		Example: `  triggerlint lsp
  triggerlint lsp --debounce 300ms`,
		Annotations: map[string]string{exitAnnotation: `  0  the editor sent shutdown, then exit
  1  the stream ended or exit came without shutdown
  2  usage error`},
		Args: noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			if debounce < 0 || debounce > lsp.MaxDebounce {
				return usagef("--debounce %v, want 0 to %v", debounce, lsp.MaxDebounce)
			}
			if debounce == 0 {
				debounce = -1 // the library's "at once"; its zero is the default
			}
			srv, err := lsp.New(lsp.Options{
				Rules: a.ruleSet, Debounce: debounce, NoConfig: noConfig,
				Log: env.Stderr, Version: readBuildInfo().Version,
			})
			if err != nil {
				return usagef("%v", err)
			}
			if err := srv.Serve(env.Stdin, env.Stdout); err != nil {
				// Serve's errors begin "lsp: ".
				fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
				return exit(ExitFindings)
			}
			return nil
		},
	}
	c.Flags().DurationVar(&debounce, "debounce", debounce, "lint this `long` after the last change of a document: 0 to 10s, 0 lints at once")
	c.Flags().BoolVar(&noConfig, "no-config", false, "ignore .triggerlint.yaml files")
	c.Flags().BoolVar(&stdio, "stdio", true, "talk over stdin and stdout (the only transport; accepted for clients that pass it)")
	return c
}

// newSchemaCommand returns "schema": the meta-schema of the dialect.
func newSchemaCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "print a JSON Schema of trigger schemas, for editors",
		Long: `Prints a JSON Schema (draft-07) of the trigger-schema dialect itself: the
keywords allowed at each level, the values of type, format, wixCustomType and
identityType with their descriptions, and the rules' documentation as
markdownDescription for hover. Editors that validate JSON against a schema
(VS Code's json.schemas, any JSON language server) use it as you type. The
same file is docs/trigger-schema.schema.json.`,
		Example:     `  triggerlint schema > trigger-schema.schema.json`,
		Annotations: map[string]string{exitAnnotation: exitCodesShort},
		Args:        noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			src, err := metaschema.Build(a.ruleSet)
			if err == nil {
				_, err = env.Stdout.Write(src)
			}
			if err != nil {
				fmt.Fprintf(env.Stderr, "triggerlint: schema: %v\n", err)
				return exit(ExitError)
			}
			return nil
		},
	}
}
