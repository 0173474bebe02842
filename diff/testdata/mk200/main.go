// Command mk200 writes the 200-property schema pair of diff's
// BenchmarkCompare200 (testschemas.Schema200): the old version, or with
// -new the new one with its 20 changes; with -openapi, wrapped as the
// request body of a one-path OpenAPI 3.1 document, for oasdiff.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/triggerkit/triggerkit/internal/testschemas"
)

func main() {
	changed := flag.Bool("new", false, "write the new version")
	openapi := flag.Bool("openapi", false, "wrap the schema in an OpenAPI document")
	flag.Parse()
	s := testschemas.Schema200(*changed)
	if *openapi {
		s = `{"openapi": "3.1.0", "info": {"title": "Two hundred", "version": "1"}, "paths": {"/events": {"post": {` +
			`"requestBody": {"required": true, "content": {"application/json": {"schema": ` + s +
			`}}}, "responses": {"200": {"description": "reported"}}}}}}` + "\n"
	}
	if _, err := os.Stdout.WriteString(s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
