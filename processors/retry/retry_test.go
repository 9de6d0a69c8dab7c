package retry

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/route"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestDueAtReadsTheRoutingHeaderAndTreatsItsAbsenceAsDueNow(t *testing.T) {
	due := time.Date(2026, 3, 1, 12, 0, 10, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		headers []kgo.RecordHeader
		want    time.Time
	}{
		{"a record routed to a tier is due when its header says", []kgo.RecordHeader{{Key: route.HeaderDueAt, Value: []byte(route.FormatDue(due))}}, due},
		{"a record written without the header is due at once", nil, time.Time{}},
		{"a header that is no time is due at once, not never", []kgo.RecordHeader{{Key: route.HeaderDueAt, Value: []byte("soon")}}, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DueAt(&kgo.Record{Headers: tc.headers}); !got.Equal(tc.want) {
				t.Errorf("DueAt = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEachProviderHasItsOwnRetryGroup(t *testing.T) {
	if got, want := Group("staging.", "x"), "staging.leadgen-retry-x"; got != want {
		t.Errorf("Group = %q, want %q", got, want)
	}
}
