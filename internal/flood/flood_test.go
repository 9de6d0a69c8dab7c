package flood

import (
	"testing"
	"time"
)

func TestTheGuardTripsPastItsLimitAndRecovers(t *testing.T) {
	g := New(3, time.Minute, time.Minute)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 3 {
		if g.Hit(t0) {
			t.Fatalf("tripped at dead letter %d of a limit of 3", i+1)
		}
	}
	if !g.Hit(t0) {
		t.Fatal("a fourth dead letter in the window did not trip the guard")
	}
	if g.Hit(t0.Add(time.Minute)) {
		t.Fatal("the guard stayed tripped after the window refilled")
	}
}

func TestAZeroLimitDisablesTheGuard(t *testing.T) {
	var g *Guard = New(0, time.Minute, time.Minute)
	if g.Hit(time.Now()) {
		t.Fatal("a disabled guard tripped")
	}
}
