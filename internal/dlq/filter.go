package dlq

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Classes are the error classes a dead letter can carry (DESIGN §6).
var Classes = []failure.Class{
	failure.Transient, failure.RateLimited, failure.Auth, failure.Permanent,
	failure.NotFound, failure.BadResponse, failure.Undecodable, failure.BreakerOpen,
	failure.Invalid, failure.Conflict, failure.TooLarge,
}

// Filter selects dead letters. Empty strings, zero times and -1 numbers
// match anything; start from All, not the zero Filter, whose Partition 0
// and offsets 0 are real bounds.
type Filter struct {
	// Provider matches the letter's group (see Letter.Group: its
	// leadgen.provider header, or Input) and Class its
	// leadgen.error.class header, exactly.
	Provider string
	Class    failure.Class
	// Since (inclusive) and Until (exclusive) bound Letter.FailedAt.
	Since, Until time.Time
	// Key matches the record key exactly.
	Key string
	// Partition is a dead-letter topic partition, -1 for any.
	Partition int32
	// FromOffset and ToOffset bound offsets within Partition, both
	// inclusive; -1 leaves that end open.
	FromOffset, ToOffset int64
}

// All is the filter that matches every record.
func All() Filter { return Filter{Partition: -1, FromOffset: -1, ToOffset: -1} }

// Validate reports the first problem of a filter: an unknown class or
// provider, an offset range without a partition, or an empty range.
func (f Filter) Validate() error {
	for _, err := range []error{f.validateNames(), f.validateOffsets(), f.validateTimes()} {
		if err != nil {
			return err
		}
	}
	return nil
}

func (f Filter) validateNames() error {
	if f.Class != "" && !slices.Contains(Classes, f.Class) {
		return fmt.Errorf("error class %q: want one of %s", f.Class, joinClasses())
	}
	if f.Provider != "" && f.Provider != Aggregator && f.Provider != Input && !slices.Contains(topics.Providers, f.Provider) {
		return fmt.Errorf("provider %q: want one of %s, %s, %s", f.Provider, strings.Join(topics.Providers, ", "), Aggregator, Input)
	}
	return nil
}

func (f Filter) validateOffsets() error {
	switch {
	case f.Partition < -1:
		return fmt.Errorf("partition %d: must be 0 or more", f.Partition)
	case f.FromOffset < -1 || f.ToOffset < -1:
		return errors.New("offsets must be 0 or more")
	case f.Partition < 0 && (f.FromOffset >= 0 || f.ToOffset >= 0):
		return errors.New("an offset range (--from-offset, --to-offset) needs --partition: offsets differ per partition")
	case f.FromOffset >= 0 && f.ToOffset >= 0 && f.FromOffset > f.ToOffset:
		return fmt.Errorf("offset range %d..%d is empty", f.FromOffset, f.ToOffset)
	}
	return nil
}

func (f Filter) validateTimes() error {
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return fmt.Errorf("since %s is not before until %s", f.Since.Format(time.RFC3339), f.Until.Format(time.RFC3339))
	}
	return nil
}

func joinClasses() string {
	s := make([]string, len(Classes))
	for i, c := range Classes {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Match reports whether f selects rec. Control records never match.
func (f Filter) Match(rec *kgo.Record) bool {
	return !rec.Attrs.IsControl() && f.inRange(rec.Partition, rec.Offset) && f.matchLetter(parseHeaders(rec))
}

func (f Filter) matchLetter(l Letter) bool {
	t := l.FailedAt()
	return (f.Provider == "" || l.Group() == f.Provider) &&
		(f.Class == "" || l.Class == f.Class) &&
		(f.Key == "" || string(l.Key) == f.Key) &&
		(f.Since.IsZero() || !t.Before(f.Since)) &&
		(f.Until.IsZero() || t.Before(f.Until))
}

func (f Filter) inRange(partition int32, offset int64) bool {
	return (f.Partition < 0 || partition == f.Partition) &&
		(f.FromOffset < 0 || offset >= f.FromOffset) &&
		(f.ToOffset < 0 || offset <= f.ToOffset)
}

// clip narrows [from, end), the offsets partition holds, to what f can
// match; the result is empty (from >= end) when f excludes the partition.
func (f Filter) clip(partition int32, from, end int64) (int64, int64) {
	if f.Partition >= 0 && partition != f.Partition {
		return 0, 0
	}
	if f.FromOffset > from {
		from = f.FromOffset
	}
	if f.ToOffset >= 0 && f.ToOffset+1 < end {
		end = f.ToOffset + 1
	}
	return from, end
}

// ParseTime reads a --since or --until value: an RFC 3339 time, or a
// positive duration meaning that long before now ("2h").
func ParseTime(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return time.Time{}, fmt.Errorf("%q: want an RFC 3339 time (2026-01-02T15:04:05Z) or a duration ago (2h, 30m)", s)
	}
	return now.Add(-d), nil
}
