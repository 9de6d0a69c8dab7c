package x

import (
	"net/http"
	"testing"
	"time"
)

func TestASpentWindowIsReadWithItsReset(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	for _, tc := range []struct {
		name  string
		h     http.Header
		spent bool
	}{
		{"remaining 0 with a reset is a spent window", http.Header{"X-Rate-Limit-Remaining": {"0"}, "X-Rate-Limit-Reset": {"1700000030"}}, true},
		{"calls remaining is not spent", http.Header{"X-Rate-Limit-Remaining": {"12"}, "X-Rate-Limit-Reset": {"1700000030"}}, false},
		{"no headers say nothing", http.Header{}, false},
	} {
		r := QuotaReading(tc.h, now)
		if spent := r.HasRemaining && r.Remaining == 0 && r.Reset.After(now); spent != tc.spent {
			t.Errorf("%s: reading %+v", tc.name, r)
		}
		if r.Limit != 0 {
			t.Errorf("%s: a limit %d was read without a window", tc.name, r.Limit)
		}
	}
}
