package requestcheck

import (
	"slices"
	"testing"
	"time"
)

func TestAnomalies(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		key         string
		requestedAt time.Time
		want        []Anomaly
	}{
		{"a request keyed by its id, made a minute ago, is ordinary", "req-1", now.Add(-time.Minute), nil},
		{"a request made at 2000-01-01 exactly is in range", "req-1", EarliestRequestedAt, nil},
		{"a request made a day ahead exactly is in range", "req-1", now.Add(MaxRequestedAhead), nil},
		{"a request made a millisecond before 2000 is out of range", "req-1", EarliestRequestedAt.Add(-time.Millisecond), []Anomaly{RequestedAtOutOfRange}},
		{"a request made at the Unix epoch (an unset field) is out of range", "req-1", time.UnixMilli(0), []Anomaly{RequestedAtOutOfRange}},
		{"a request stamped in seconds read as milliseconds is out of range", "req-1", time.UnixMilli(now.Unix()), []Anomaly{RequestedAtOutOfRange}},
		{"a request stamped in microseconds read as milliseconds is out of range", "req-1", time.UnixMilli(now.UnixMicro()), []Anomaly{RequestedAtOutOfRange}},
		{"a request made a day and a millisecond ahead is out of range", "req-1", now.Add(MaxRequestedAhead + time.Millisecond), []Anomaly{RequestedAtOutOfRange}},
		{"a request keyed other than by its id is a key mismatch", "other", now, []Anomaly{KeyMismatch}},
		{"a request without a key is a key mismatch", "", now, []Anomaly{KeyMismatch}},
		{"both at once are both reported", "other", time.UnixMilli(-1), []Anomaly{RequestedAtOutOfRange, KeyMismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			r.RequestedAt = tt.requestedAt
			var key []byte
			if tt.key != "" {
				key = []byte(tt.key)
			}
			if got := Anomalies(key, r, now); !slices.Equal(got, tt.want) {
				t.Errorf("Anomalies = %v, want %v", got, tt.want)
			}
		})
	}
}
