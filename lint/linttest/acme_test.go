package linttest_test

import (
	"testing"

	"github.com/triggerkit/triggerkit/lint/linttest"
)

// TestCamelCaseKeys runs the team rule of the example through the public
// harness: testdata/ACME1001 has a flagged and a clean case.
func TestCamelCaseKeys(t *testing.T) {
	linttest.Run(t, "testdata", CamelCaseKeys)
}
