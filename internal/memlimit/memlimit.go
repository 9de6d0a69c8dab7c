// Package memlimit sets a leadgen process's Go soft memory limit: the one
// GOMEMLIMIT gives, which the runtime reads itself and which always wins,
// else the one its roles call for. Under the limit the garbage collector
// runs as often as it must to keep the heap there, so a process whose
// live heap is bounded (the aggregator keeps its state on disk) stays
// bounded in resident memory too, instead of growing to twice its live
// heap between collections.
package memlimit

import (
	"math"
	"os"
	"runtime/debug"
)

// Apply sets limit bytes as the soft memory limit unless GOMEMLIMIT is
// set or limit is not positive, and returns the limit in force
// (math.MaxInt64 for none).
func Apply(limit int64) int64 {
	if os.Getenv("GOMEMLIMIT") != "" || limit <= 0 {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(limit)
	return limit
}

// None is the limit in force when there is none.
const None = math.MaxInt64
