// Package letterstate is the dead-letter lifecycle record kept in the
// compacted company-requests.dlq.state topic: what has been done about a
// dead letter, never by changing the dead-letter topic itself.
//
// A record is keyed by the letter's lineage: the original topic, partition
// and offset of the request and the provider that dead-lettered it (one
// request can fail at several providers). Every letter of one lineage (a
// letter, its replay, the letter that replay became when it failed again)
// shares the key, so the topic's latest record per key is the lineage's
// state. `leadgen dlq replay` writes Replayed; the worker that answers a
// replayed request writes Resolved once its result is acknowledged. Open,
// re-failed and parked are read off the dead-letter topic itself (see
// internal/dlq).
package letterstate

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/route"
	"github.com/twmb/franz-go/pkg/kgo"
)

// State is where a dead letter stands.
type State string

// The states. Replayed and Resolved are written to the state topic; the
// others are derived from the dead-letter topic.
const (
	// Open: dead-lettered, not replayed since.
	Open State = "open"
	// Replayed: sent back to its provider; no answer yet.
	Replayed State = "replayed"
	// Resolved: the provider answered the replayed request and its result
	// was delivered to the aggregator, which makes the lead's next version.
	Resolved State = "resolved"
	// Refailed: replayed, then dead-lettered again; the newer letter of
	// its lineage carries on.
	Refailed State = "refailed"
	// Parked: failed again after as many replays as the parking rule
	// allows; replayed again only with --force.
	Parked State = "parked"
)

// States lists every state, in lifecycle order.
var States = []State{Open, Replayed, Resolved, Refailed, Parked}

// ParseState reads a state name.
func ParseState(s string) (State, error) {
	for _, st := range States {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown dead-letter state %q (want one of %s)", s, strings.Join(names(), ", "))
}

func names() []string {
	out := make([]string, len(States))
	for i, s := range States {
		out[i] = string(s)
	}
	return out
}

// Ref locates one dead letter in the dead-letter topic.
type Ref struct {
	Partition int32 `json:"partition"`
	Offset    int64 `json:"offset"`
}

// String is "partition/offset".
func (r Ref) String() string { return fmt.Sprintf("%d/%d", r.Partition, r.Offset) }

// ParseRef reads "partition/offset"; ok is false when s is not one.
func ParseRef(s string) (Ref, bool) {
	p, o, found := strings.Cut(s, "/")
	pn, perr := strconv.ParseInt(p, 10, 32)
	on, oerr := strconv.ParseInt(o, 10, 64)
	if !found || perr != nil || oerr != nil || pn < 0 || on < 0 {
		return Ref{}, false
	}
	return Ref{Partition: int32(pn), Offset: on}, true
}

// Record is the latest word on one lineage.
type Record struct {
	State    State  `json:"state"`
	Provider string `json:"provider"`
	// Letter is the dead letter the last replay copied.
	Letter Ref `json:"letter"`
	// ReplayID names the replay that sent Letter back; Replays counts the
	// lineage's replays so far, that one included.
	ReplayID   string    `json:"replay_id"`
	Replays    int       `json:"replays"`
	ReplayedAt time.Time `json:"replayed_at"`
	// ResolvedAt is when the replayed request's result was acknowledged.
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
}

// Key is the lineage key of a letter: "topic/partition/offset@provider"
// of the record it was first dead-lettered from.
func Key(topic string, partition int32, offset int64, provider string) string {
	return fmt.Sprintf("%s/%d/%d@%s", topic, partition, offset, provider)
}

// LineageOf is the lineage key of a dead letter or of a replayed record
// (whose headers are the letter's): its origin headers and provider, or
// the record's own place when its origin headers are missing.
func LineageOf(rec *kgo.Record) string {
	h := func(k string) string { return route.Header(rec, k) }
	provider := h(route.HeaderProvider)
	p, perr := strconv.ParseInt(h(route.HeaderOriginalPartition), 10, 32)
	o, oerr := strconv.ParseInt(h(route.HeaderOriginalOffset), 10, 64)
	if topic := h(route.HeaderOriginalTopic); topic != "" && perr == nil && oerr == nil && p >= 0 && o >= 0 {
		return Key(topic, int32(p), o, provider)
	}
	return Key("dead-letter", rec.Partition, rec.Offset, provider)
}

// ResolvedBy is the record that says the replayed record rec was answered
// at now; ok is false when rec is not a replay (or one from before replays
// were tracked).
func ResolvedBy(rec *kgo.Record, now time.Time) (key string, r Record, ok bool) {
	letter, isReplay := ParseRef(route.Header(rec, route.HeaderReplayOf))
	replays, err := strconv.Atoi(route.Header(rec, route.HeaderReplayCount))
	if !isReplay || err != nil || replays < 1 {
		return "", Record{}, false
	}
	return LineageOf(rec), Record{State: Resolved, Provider: route.Header(rec, route.HeaderProvider), Letter: letter,
		ReplayID: route.Header(rec, route.HeaderReplayID), Replays: replays, ResolvedAt: now}, true
}

// Encode is the record's value: JSON, like the other internal topics.
func Encode(r Record) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode dead-letter state: %w", err)
	}
	return b, nil
}

// Decode reads a value Encode wrote.
func Decode(b []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("decode dead-letter state: %w", err)
	}
	if r.State != Replayed && r.State != Resolved {
		return r, fmt.Errorf("decode dead-letter state: state %q is not written to the topic", r.State)
	}
	return r, nil
}

// Write produces records keyed by lineage to topic and waits until the
// broker has acknowledged all of them.
func Write(ctx context.Context, cl *kgo.Client, topic string, recs map[string]Record) error {
	out := make([]*kgo.Record, 0, len(recs))
	for key, r := range recs {
		val, err := Encode(r)
		if err != nil {
			return err
		}
		out = append(out, &kgo.Record{Topic: topic, Key: []byte(key), Value: val})
	}
	if err := cl.ProduceSync(ctx, out...).FirstErr(); err != nil {
		return fmt.Errorf("write dead-letter state to %s: %w", topic, err)
	}
	return nil
}
