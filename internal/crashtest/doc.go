//go:build crash

// Package crashtest is leadgen's crash suite: it runs the broker, the
// sandbox APIs, redis-server, the aggregator and two provider workers as
// separate operating-system processes, kills them with SIGKILL at random
// moments while requests are in flight, and checks that no request is lost
// or ends with a lead other than the one a crash-free run produces.
//
// The suite lives in the package's tests (crash_test.go); this file only
// names the package. It is built with the crash tag:
//
//	go test -tags crash -count=1 -run TestCrashSuite -v ./internal/crashtest/
//
// See docs/RELIABILITY.md for the knobs, what it covers, the figures of
// recorded runs and the bugs it found.
package crashtest
