// Command triggerlint checks Wix Automations trigger payload schemas.
//
// Run 'triggerlint help' for its commands and exit codes. Package
// triggerlint builds the same command with a team's own rules added.
package main

import "github.com/triggerkit/triggerkit/triggerlint"

func main() { triggerlint.Main() }
