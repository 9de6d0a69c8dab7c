package dlq

import (
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestAFilterSelectsByHeadersTimeKeyAndOffsets(t *testing.T) {
	rec := dead{provider: "x", class: failure.Transient, key: "r1", at: t0, partition: 2}.record()
	rec.Offset = 10
	noTime := &kgo.Record{Partition: 2, Offset: 10, Key: []byte("r1"), Timestamp: t0.Add(time.Hour)}
	with := func(edit func(*Filter)) Filter { f := All(); edit(&f); return f }
	for _, tc := range []struct {
		name string
		rec  *kgo.Record
		f    Filter
		want bool
	}{
		{"the open filter matches anything", rec, All(), true},
		{"a provider filter keeps its provider", rec, with(func(f *Filter) { f.Provider = "x" }), true},
		{"a provider filter drops another provider", rec, with(func(f *Filter) { f.Provider = "website" }), false},
		{"a class filter keeps its class", rec, with(func(f *Filter) { f.Class = failure.Transient }), true},
		{"a class filter drops another class", rec, with(func(f *Filter) { f.Class = failure.Auth }), false},
		{"since is inclusive of the first failure", rec, with(func(f *Filter) { f.Since = t0 }), true},
		{"a failure before since is dropped", rec, with(func(f *Filter) { f.Since = t0.Add(time.Second) }), false},
		{"until is exclusive of the first failure", rec, with(func(f *Filter) { f.Until = t0 }), false},
		{"a failure before until is kept", rec, with(func(f *Filter) { f.Until = t0.Add(time.Second) }), true},
		{"without a first-failure header the timestamp is used", noTime, with(func(f *Filter) { f.Since = t0.Add(time.Minute) }), true},
		{"a key filter keeps its key", rec, with(func(f *Filter) { f.Key = "r1" }), true},
		{"a key filter drops another key", rec, with(func(f *Filter) { f.Key = "r2" }), false},
		{"another partition is dropped", rec, with(func(f *Filter) { f.Partition = 1 }), false},
		{"an offset range includes both ends", rec, with(func(f *Filter) { f.Partition, f.FromOffset, f.ToOffset = 2, 10, 10 }), true},
		{"an offset after the range is dropped", rec, with(func(f *Filter) { f.Partition, f.ToOffset = 2, 9 }), false},
		{"an offset before the range is dropped", rec, with(func(f *Filter) { f.Partition, f.FromOffset = 2, 11 }), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.Match(tc.rec); got != tc.want {
				t.Fatalf("Match = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAFilterRefusesWhatCannotMatch(t *testing.T) {
	with := func(edit func(*Filter)) Filter { f := All(); edit(&f); return f }
	for _, tc := range []struct {
		name string
		f    Filter
		want string
	}{
		{"an unknown class is refused", with(func(f *Filter) { f.Class = "flaky" }), "error class \"flaky\""},
		{"an unknown provider is refused", with(func(f *Filter) { f.Provider = "myspace" }), "provider \"myspace\""},
		{"offsets without a partition are refused", with(func(f *Filter) { f.FromOffset = 3 }), "needs --partition"},
		{"a partition below -1 is refused", with(func(f *Filter) { f.Partition = -2 }), "partition -2"},
		{"a reversed offset range is refused", with(func(f *Filter) { f.Partition, f.FromOffset, f.ToOffset = 0, 5, 4 }), "empty"},
		{"since not before until is refused", with(func(f *Filter) { f.Since, f.Until = t0, t0 }), "not before"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate = %v, want an error saying %q", err, tc.want)
			}
		})
	}
	for _, ok := range []Filter{All(), with(func(f *Filter) { f.Provider, f.Class = Aggregator, failure.Undecodable })} {
		if err := ok.Validate(); err != nil {
			t.Errorf("valid filter %+v refused: %v", ok, err)
		}
	}
}

func TestSinceAndUntilTakeATimeOrADurationAgo(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     time.Time
		bad      bool
	}{
		{"an RFC 3339 time is taken as is", "2026-01-02T03:04:05Z", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), false},
		{"a duration means that long before now", "2h", t0.Add(-2 * time.Hour), false},
		{"a negative duration is refused", "-2h", time.Time{}, true},
		{"a date without a time is refused", "2026-01-02", time.Time{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseTime(tc.in, t0)
			if (err != nil) != tc.bad || !got.Equal(tc.want) {
				t.Fatalf("ParseTime(%q) = %v, %v", tc.in, got, err)
			}
		})
	}
}
