//go:build race

package records

// raceEnabled: the race detector keeps shadow memory for every page the
// program touches, so resident memory says nothing of the program's own.
const raceEnabled = true
