package memlimit

import (
	"runtime/debug"
	"testing"
)

func TestApplySetsTheLimitUnlessGOMEMLIMITIsSet(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOMEMLIMIT", "")
	if got := Apply(200 << 20); got != 200<<20 || debug.SetMemoryLimit(-1) != 200<<20 {
		t.Errorf("Apply(200 MiB) = %d, runtime limit %d", got, debug.SetMemoryLimit(-1))
	}
	debug.SetMemoryLimit(None)
	if got := Apply(0); got != None {
		t.Errorf("Apply(0) = %d, want no limit", got)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	if got := Apply(200 << 20); got == 200<<20 {
		t.Error("Apply replaced the limit GOMEMLIMIT gives")
	}
}
