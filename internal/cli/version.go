package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildInfo is what version prints: the module version, the VCS revision
// and whether the working tree had uncommitted changes, as the Go
// toolchain stamped them into the binary.
type buildInfo struct {
	Version  string // "(devel)" when the toolchain recorded none
	Revision string // "unknown" when not built from a VCS checkout
	Dirty    string // "true", "false" or "unknown"
}

// readBuildInfo reads the binary's build information.
func readBuildInfo() buildInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return buildInfoOf(bi)
}

// buildInfoOf extracts the version, revision and dirty state from bi,
// which may be nil.
func buildInfoOf(bi *debug.BuildInfo) buildInfo {
	out := buildInfo{Version: "(devel)", Revision: "unknown", Dirty: "unknown"}
	if bi == nil {
		return out
	}
	if bi.Main.Version != "" {
		out.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if s.Value != "" {
				out.Revision = s.Value
			}
		case "vcs.modified":
			if s.Value == "true" || s.Value == "false" {
				out.Dirty = s.Value
			}
		}
	}
	return out
}

// writeVersion prints the version, the revision and the dirty state, one
// to a line; the first line is "triggerlint VERSION".
func writeVersion(env Env, bi buildInfo) error {
	_, err := fmt.Fprintf(env.Stdout, "triggerlint %s\nrevision: %s\ndirty: %s\n", bi.Version, bi.Revision, bi.Dirty)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: writing output: %v\n", err)
		return exit(ExitError)
	}
	return nil
}

// newVersionCommand returns "version".
func newVersionCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version, the VCS revision and whether the tree was dirty",
		Long: `Prints the module version, the VCS revision the binary was built from and
whether that working tree had uncommitted changes ("dirty"), as the Go
toolchain recorded them: "(devel)" and "unknown" when it recorded none, as
with go run or go build -buildvcs=false.`,
		Example:     `  triggerlint version`,
		Annotations: map[string]string{exitAnnotation: exitCodesShort},
		Args:        noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			return writeVersion(env, readBuildInfo())
		},
	}
}
