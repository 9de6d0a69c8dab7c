package route

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestARoutedRecordKeepsKeyValueAndOriginalHeaders(t *testing.T) {
	src := &kgo.Record{Topic: "company-requests", Partition: 2, Offset: 41, Key: []byte("r1"), Value: []byte{0xC3, 1, 2},
		Headers: []kgo.RecordHeader{{Key: "trace", Value: []byte("abc")}}}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	out := Record(src, "company-requests.dlq", Failure{Provider: "x", Attempt: 1, Class: failure.Undecodable, Err: errors.New("bad magic")}, now)
	if string(out.Key) != "r1" || string(out.Value) != string(src.Value) || out.Topic != "company-requests.dlq" {
		t.Fatalf("key/value/topic changed: %+v", out)
	}
	want := map[string]string{
		"trace": "abc", HeaderOriginalTopic: "company-requests", HeaderOriginalPartition: "2",
		HeaderOriginalOffset: "41", HeaderFirstFailedAt: "2026-01-02T03:04:05Z", HeaderProvider: "x",
		HeaderAttempt: "1", HeaderErrorClass: "undecodable", HeaderErrorMessage: "bad magic",
	}
	for k, v := range want {
		if got := Header(out, k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
}

func TestHeadersDoNotGrowAcrossHopsAndTheOriginIsKept(t *testing.T) {
	src := &kgo.Record{Topic: "company-requests", Partition: 1, Offset: 7, Key: []byte("k")}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	hop := Record(src, "retry.10s", Failure{Provider: "x", Attempt: 1, Class: failure.Transient, Err: errors.New("503"), DueAt: t0.Add(10 * time.Second)}, t0)
	hop.Topic, hop.Partition, hop.Offset = "retry.10s", 1, 99
	for i := 2; i < 6; i++ {
		hop = Record(hop, "retry.1m", Failure{Provider: "x", Attempt: i, Class: failure.Transient, Err: errors.New("503"), DueAt: t0}, t0.Add(time.Hour))
	}
	if len(hop.Headers) != 9 {
		t.Fatalf("after 5 hops there are %d headers, want 9: %v", len(hop.Headers), hop.Headers)
	}
	if Header(hop, HeaderOriginalTopic) != "company-requests" || Header(hop, HeaderOriginalOffset) != "7" {
		t.Fatalf("origin lost: %v", hop.Headers)
	}
	if Header(hop, HeaderFirstFailedAt) != "2026-01-01T00:00:00Z" || Header(hop, HeaderAttempt) != "5" {
		t.Fatalf("first failure time or attempt wrong: %v", hop.Headers)
	}
}

func TestLeadgenHeadersForgedOnAnInputRecordAreDroppedNotTrusted(t *testing.T) {
	forged := []kgo.RecordHeader{{Key: "trace", Value: []byte("abc")}}
	for _, k := range []string{HeaderOriginalTopic, HeaderOriginalOffset, HeaderFirstFailedAt, HeaderReplayCount, HeaderErrorClass} {
		for range 3 {
			forged = append(forged, kgo.RecordHeader{Key: k, Value: []byte("forged")})
		}
	}
	src := &kgo.Record{Topic: "company-requests", Partition: 3, Offset: 12, Key: []byte("r1"), Headers: forged}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	out := Record(src, "company-requests.dlq", Failure{Provider: "x", Attempt: 1, Class: failure.Invalid, Err: errors.New("too long"), FromInput: true}, now)
	want := map[string]string{"trace": "abc", HeaderOriginalTopic: "company-requests", HeaderOriginalOffset: "12",
		HeaderFirstFailedAt: "2026-01-02T03:04:05Z", HeaderReplayCount: "", HeaderErrorClass: "invalid"}
	for k, v := range want {
		if got := Header(out, k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if len(out.Headers) != 9 {
		t.Errorf("%d headers, want the producer's one and leadgen's 8: %v", len(out.Headers), out.Headers)
	}
}

func TestMessagesAreScrubbedOfSecretsAndTruncated(t *testing.T) {
	for _, tc := range []struct{ name, in, secret string }{
		{"a query token is redacted", "GET https://api.example/v0.4/x?api_token=s3cr3t&q=a: 503", "s3cr3t"},
		{"a bearer token is redacted", "auth header Bearer AAAA.BBBB rejected", "AAAA.BBBB"},
		{"url user info is redacted", "dial https://key123:@api.example failed", "key123"},
		{"a json token is redacted", `body {"access_token":"tok987","x":1}`, "tok987"},
		{"an api key header is redacted", "sent X-Api-Key: k-55aa to the api", "k-55aa"},
		{"a token authorization is redacted", "Authorization: Token abc.def rejected", "abc.def"},
	} {
		got := Message(errors.New(tc.in))
		if strings.Contains(got, tc.secret) {
			t.Errorf("%s: %q still holds the secret", tc.name, got)
		}
	}
	long := Message(errors.New(strings.Repeat("é", 600)))
	if len(long) > MaxMessage || !strings.HasSuffix(long, "é") {
		t.Fatalf("truncation broke a rune or kept %d bytes", len(long))
	}
}

func TestAReplayedRecordCountsItsReplaysAndIsDueAtOnce(t *testing.T) {
	src := &kgo.Record{Topic: "company-requests.dlq", Key: []byte("k"), Value: []byte("v"), Headers: []kgo.RecordHeader{
		{Key: HeaderProvider, Value: []byte("x")}, {Key: HeaderDueAt, Value: []byte("2020-01-01T00:00:00Z")},
		{Key: HeaderReplayCount, Value: []byte("2")}}}
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	src.Partition, src.Offset = 4, 17
	out := Replay(src, "company-requests.retry.x.10s", now, "run-1")
	if Header(out, HeaderReplayCount) != "3" || Header(out, HeaderDueAt) != "2026-05-01T12:00:00.000Z" || Header(out, HeaderProvider) != "x" ||
		Header(out, HeaderReplayID) != "run-1" || Header(out, HeaderReplayOf) != "4/17" {
		t.Fatalf("headers %v", out.Headers)
	}
	if len(out.Headers) != 5 {
		t.Fatalf("%d headers, want 5 (no duplicates)", len(out.Headers))
	}
	again := Replay(out, "company-requests.retry.x.10s", now, "run-2")
	if len(again.Headers) != 5 || Header(again, HeaderReplayID) != "run-2" {
		t.Fatalf("a second replay's headers %v, want the lineage headers replaced", again.Headers)
	}
	routed := Record(out, "company-requests.dlq", Failure{Provider: "x", Attempt: 2, Class: failure.Transient}, now)
	if Header(routed, HeaderReplayID) != "run-1" || Header(routed, HeaderReplayOf) != "4/17" || Header(routed, HeaderReplayCount) != "3" {
		t.Fatalf("a replayed record routed again lost its lineage: %v", routed.Headers)
	}
}

// Regression: due times were written in whole seconds, rounding down, so a
// retry could fire up to a second before its tier delay had passed.
func TestADueTimeKeepsItsMilliseconds(t *testing.T) {
	due := time.Date(2026, 1, 1, 0, 0, 10, 999_000_001, time.UTC)
	out := Record(&kgo.Record{Topic: "in"}, "retry", Failure{Provider: "x", Attempt: 1, Class: failure.Transient, DueAt: due}, due)
	got, err := time.Parse(time.RFC3339, Header(out, HeaderDueAt))
	if err != nil || got.Before(due) || got.Sub(due) >= time.Millisecond {
		t.Fatalf("due header %q parses to %v (%v), want %v rounded up to the millisecond", Header(out, HeaderDueAt), got, err, due)
	}
}
