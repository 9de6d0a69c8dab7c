package letterstate

import (
	"errors"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestAReplayedRecordResolvesTheLineageOfTheLetterItCopied(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	src := &kgo.Record{Topic: "company-requests", Partition: 2, Offset: 40, Key: []byte("r1")}
	letter := route.Record(src, "company-requests.dlq", route.Failure{Provider: "x", Attempt: 4, Class: failure.Transient, Err: errors.New("503")}, now)
	letter.Partition, letter.Offset = 1, 7
	if got := LineageOf(letter); got != "company-requests/2/40@x" {
		t.Fatalf("lineage %q, want the origin and provider", got)
	}
	if _, _, ok := ResolvedBy(letter, now); ok {
		t.Fatal("a letter that was never replayed resolves something")
	}
	replayed := route.Replay(letter, "company-requests.retry.x.10s", now, "run-1")
	key, rec, ok := ResolvedBy(replayed, now)
	want := Record{State: Resolved, Provider: "x", Letter: Ref{1, 7}, ReplayID: "run-1", Replays: 1, ResolvedAt: now}
	if !ok || key != "company-requests/2/40@x" || rec != want {
		t.Fatalf("resolved %q %+v (%v), want %+v", key, rec, ok, want)
	}
	b, err := Encode(rec)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := Decode(b); err != nil || back != rec {
		t.Fatalf("round trip %+v, %v", back, err)
	}
	if _, err := Decode([]byte(`{"state":"open"}`)); err == nil {
		t.Fatal("a derived state decoded as a written one")
	}
}

func TestRefsAndStatesParseOnlyWhatTheyWrite(t *testing.T) {
	if r, ok := ParseRef("3/12"); !ok || r != (Ref{3, 12}) || r.String() != "3/12" {
		t.Fatalf("ParseRef(3/12) = %v, %v", r, ok)
	}
	for _, bad := range []string{"", "3", "3/", "/4", "-1/2", "a/b", "1/2/3"} {
		if _, ok := ParseRef(bad); ok {
			t.Errorf("ParseRef(%q) accepted", bad)
		}
	}
	if _, err := ParseState("stuck"); err == nil {
		t.Fatal("an unknown state parsed")
	}
}
