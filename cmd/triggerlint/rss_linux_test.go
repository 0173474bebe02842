//go:build linux

package main

import (
	"os"
	"syscall"
)

// peakRSS is a finished child's peak resident memory in bytes, or 0 when
// the system does not say.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10 // kilobytes on Linux
	}
	return 0
}
