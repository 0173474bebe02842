// Command schemagen turns sample payloads into Wix trigger payload schemas.
//
// Run 'schemagen -h' for its flags and exit codes.
package main

import (
	"os"

	"github.com/triggerkit/triggerkit/internal/cli"
)

func main() {
	os.Exit(cli.Schemagen(os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
	}))
}
