package cpuguard

import (
	"testing"
	"time"
)

// TestRatioTellsLinearFromQuadratic runs the guard on a linear and on a
// quadratic loop: the one must pass it, the other fail it.
func TestRatioTellsLinearFromQuadratic(t *testing.T) {
	if testing.Short() || !Supported() {
		t.Skip("timing test")
	}
	var sink int
	loop := func(n int, quadratic bool) func() {
		return func() {
			for i := range n {
				if quadratic {
					for j := range n {
						sink += i ^ j
					}
				} else {
					sink += i
				}
			}
		}
	}
	size := func(large bool) int {
		if large {
			return 300 * Factor
		}
		return 300
	}
	_, _, linear := Ratio(func(large bool) func() { return loop(100*size(large), false) })
	if linear > Limit {
		t.Errorf("a linear loop measured %.1f times, want under %d", linear, Limit)
	}
	_, _, quadratic := Ratio(func(large bool) func() { return loop(size(large), true) })
	if quadratic <= Limit {
		t.Errorf("a quadratic loop measured %.1f times, want over %d", quadratic, Limit)
	}
	_ = sink
}

// TestLeastStopsEarly checks that a run over stopAbove is sampled once.
func TestLeastStopsEarly(t *testing.T) {
	if !Supported() {
		t.Skip("no CPU time here")
	}
	calls := 0
	Least(func() {
		calls++
		for start := Now(); Now()-start < 2*MinSample; {
		}
	}, time.Nanosecond)
	if calls != 1 {
		t.Errorf("run called %d times, want 1", calls)
	}
}
