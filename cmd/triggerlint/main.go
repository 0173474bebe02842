// Command triggerlint checks Wix Automations trigger payload schemas.
//
// Run 'triggerlint help' for its commands and exit codes.
package main

import (
	"os"

	"github.com/mattn/go-isatty"

	"github.com/triggerkit/triggerkit/internal/cli"
)

func main() {
	os.Exit(cli.Triggerlint(os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		Terminal: isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd()),
	}))
}
