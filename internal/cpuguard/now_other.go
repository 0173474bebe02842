//go:build !unix

package cpuguard

import "time"

const supported = false

// Now is the CPU time the process has used; it is not measured on this
// system, and is always 0.
func Now() time.Duration { return 0 }
