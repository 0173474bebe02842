//go:build race

package main

// raceEnabled: the test binary runs under the race detector, and the
// machine is busy with it: peak-memory checks of child processes are not
// made.
const raceEnabled = true
