package provider

import (
	"testing"
	"time"
)

func TestTheDailyResetIsMidnightUTCWhateverTheZone(t *testing.T) {
	now := time.Date(2025, 6, 16, 0, 30, 0, 0, time.FixedZone("BST", 3600)) // 23:30 UTC the day before
	if got := UntilMidnightUTC(now); got != 30*time.Minute {
		t.Fatalf("wait = %s, want 30m", got)
	}
}
