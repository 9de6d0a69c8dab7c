package aggregator

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/statestore"
)

func TestARestoreReplaysFromTheCheckpointOnlyWhenTheStoreIsAPrefixOfTheChangelog(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	log := changelog{id: [16]byte{1}, start: map[int32]int64{0: 10}, end: map[int32]int64{0: 500}, deleteRetention: 24 * time.Hour}
	good := statestore.Checkpoint{Next: 200, TopicID: [16]byte{1}, At: now.Add(-time.Hour)}
	for _, c := range []struct {
		name    string
		cp      statestore.Checkpoint
		ok      bool
		from    int64
		rebuild bool
	}{
		{"a checkpoint within the log", good, true, 200, false},
		{"at the log's end", with(good, func(c *statestore.Checkpoint) { c.Next = 500 }), true, 500, false},
		{"no checkpoint (a new or deleted state dir)", statestore.Checkpoint{}, false, 0, true},
		{"another topic of the same name", with(good, func(c *statestore.Checkpoint) { c.TopicID = [16]byte{2} }), true, 0, true},
		{"below the log start", with(good, func(c *statestore.Checkpoint) { c.Next = 9 }), true, 0, true},
		{"past the log end (truncated)", with(good, func(c *statestore.Checkpoint) { c.Next = 501 }), true, 0, true},
		{"older than delete.retention.ms", with(good, func(c *statestore.Checkpoint) { c.At = now.Add(-25 * time.Hour) }), true, 0, true},
	} {
		from, rebuild := log.replayFrom(c.cp, c.ok, 0, now)
		if from != c.from || rebuild != c.rebuild {
			t.Errorf("%s: from %d, rebuild %v; want %d, %v", c.name, from, rebuild, c.from, c.rebuild)
		}
	}
}

func with(c statestore.Checkpoint, change func(*statestore.Checkpoint)) statestore.Checkpoint {
	change(&c)
	return c
}
