package cli

import (
	"encoding/json"
	"fmt"
)

func writeJSON(env Env, v any) int {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		return ExitError
	}
	return ExitOK
}
