package bench

import (
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func TestDueTimesSpreadUniformlyFromFirstToLast(t *testing.T) {
	got := dueTimes(5, t0, 20*time.Second)
	for i, want := range []time.Duration{0, 5 * time.Second, 10 * time.Second, 15 * time.Second, 20 * time.Second} {
		if !got[i].Equal(t0.Add(want)) {
			t.Errorf("due[%d] = %s, want first+%s", i, got[i], want)
		}
	}
	if one := dueTimes(1, t0, time.Minute); len(one) != 1 || !one[0].Equal(t0) {
		t.Errorf("one due time = %v, want the first", one)
	}
}

func TestSummarizeFiringsMeasuresLatenessAndCountsEarly(t *testing.T) {
	ms := time.Millisecond
	fs := []firing{
		{due: t0, intended: t0, called: t0.Add(2 * ms), fetched: t0.Add(3 * ms)},
		{due: t0, intended: t0.Add(ms / 2), called: t0.Add(ms / 4), fetched: t0}, // on time by the header, early by the ask
		{due: t0, intended: t0, called: t0.Add(-ms), fetched: t0.Add(10 * ms)},   // lookup before due: early
		{due: t0, intended: t0, called: t0.Add(ms), fetched: t0.Add(-ms)},        // fetched_at before due: early
		{due: t0, intended: t0}, // never fired
	}
	got := summarizeFirings(fs)
	if got.Early != 2 || got.EarlyUnrounded != 2 {
		t.Errorf("early %d, early-unrounded %d; want 2 and 2", got.Early, got.EarlyUnrounded)
	}
	if got.Late.N != 4 || got.Late.Max != 10*ms || got.Late.P50 != 0 {
		t.Errorf("lateness %+v; want 4 samples, max 10ms, p50 0", got.Late)
	}
}

func TestDuplicatesCountsEverythingBeyondOnce(t *testing.T) {
	calls := map[string]int{"a": 1, "b": 3}
	results := map[string]int{"a": 2, "b": 1}
	if got := duplicates(calls, results); got != 3 {
		t.Errorf("duplicates = %d, want 3", got)
	}
}

func TestViolationsNameEarlyDuplicateAndMissingRetries(t *testing.T) {
	if err := (RetryResult{Records: 3, Fired: 3}).Violations(); err != nil {
		t.Errorf("clean run: %v", err)
	}
	err := RetryResult{Records: 3, Fired: 2, Early: 1, Duplicates: 4}.Violations()
	for _, want := range []string{"1 retries fired before", "4 duplicate", "2 of 3 retries fired"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("violations %v, want %q", err, want)
		}
	}
}

func TestValidateRejectsAnIdleSampleThatCannotEndBeforeTheFirstDue(t *testing.T) {
	cfg := Config{}
	cfg.Defaults()
	cfg.RetryIdle = cfg.RetryDueIn
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "before the first due time") {
		t.Errorf("validate = %v", err)
	}
	cfg.Defaults()
	cfg.RetryIdle, cfg.Scenarios, cfg.RetryTiers = time.Second, []string{"nope"}, []time.Duration{time.Minute, time.Second}
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), `"nope"`) || !strings.Contains(err.Error(), "strictly increasing") {
		t.Errorf("validate = %v", err)
	}
}
