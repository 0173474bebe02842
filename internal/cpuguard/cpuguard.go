// Package cpuguard measures CPU time for the benchmarks and complexity
// guards of several packages: the process's CPU time, which on a shared
// machine measures work better than the wall clock, and a guard that
// tells linear code from quadratic code by the CPU time of a small input
// and of one Factor times larger.
package cpuguard

import (
	"runtime"
	"time"
)

// The guard compares the CPU time of a small and a large input, Factor
// times the size. Linear code measures Factor to about three times that
// (the larger input no longer fits in the processor's caches, and maps
// grow), quadratic code Factor squared, 900, or more. The bound, Limit,
// leaves linear code some three times its worst seen and still catches
// quadratic code by three times. Each time is the least of Samples
// samples, so that a busy machine slows a sample but not the least of
// them; a sample lasts at least MinSample, so that a short run is not
// measured at the grain of the clock.
const (
	Factor    = 30
	Limit     = 300
	Samples   = 5
	MinSample = 5 * time.Millisecond
)

// Supported reports whether Now measures anything on this system.
func Supported() bool { return supported }

// Least returns the least CPU time of one call of run over Samples
// samples, each after a collection so that the garbage of earlier runs
// does not count. It stops early when a sample is over stopAbove: a guard
// passes ten times what it allows, since no busy machine makes a run ten
// times slower, and the quadratic code it catches is spared four more slow
// runs.
func Least(run func(), stopAbove time.Duration) time.Duration {
	sample := func(reps int) time.Duration {
		runtime.GC()
		start := Now()
		for range reps {
			run()
		}
		return Now() - start
	}
	reps := 1
	d := sample(reps)
	for d < MinSample && reps < 1<<16 {
		reps *= 2
		d = sample(reps)
	}
	best := d / time.Duration(reps) // the first sample
	for i := 1; i < Samples && best <= stopAbove; i++ {
		best = min(best, sample(reps)/time.Duration(reps))
	}
	return max(best, time.Nanosecond)
}

// Ratio returns the least CPU times of a guard's small and large inputs,
// run(false) and run(true), and how many times the small one the large one
// takes.
func Ratio(run func(large bool) func()) (small, large time.Duration, ratio float64) {
	small = Least(run(false), time.Duration(1<<63-1))
	large = Least(run(true), 10*Limit*small)
	return small, large, float64(large) / float64(small)
}
