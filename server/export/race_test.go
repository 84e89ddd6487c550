//go:build race

package export_test

// raceEnabled is true under the race detector, which makes encoding some
// ten times slower: the memory test streams fewer articles then.
const raceEnabled = true
