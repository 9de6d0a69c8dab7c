package statestore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/cockroachdb/pebble/v2"
)

// Checkpoint is how far a partition's space has applied its changelog.
type Checkpoint struct {
	// Next is the changelog offset after the last record applied: a
	// restore replays from it.
	Next int64
	// TopicID is the changelog's topic id, so a changelog deleted and
	// created again is not taken for the one the store applied.
	TopicID [16]byte
	// At is when the checkpoint was written.
	At time.Time
	// Keys is how many keys the partition's space held then.
	Keys int64
}

const checkpointLen = 8 + 16 + 8 + 8

func (c Checkpoint) encode() []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, checkpointLen), uint64(c.Next))
	b = append(b, c.TopicID[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(c.At.UnixNano()))
	return binary.BigEndian.AppendUint64(b, uint64(c.Keys))
}

// Checkpoint returns a partition's space checkpoint, and false when it
// has none (nothing applied, or dropped).
func (s *Store) Checkpoint(sp Space, partition int32) (Checkpoint, bool, error) {
	v, closer, err := s.db.Get(prefix(kindCheckpoint, sp, partition))
	if errors.Is(err, pebble.ErrNotFound) {
		return Checkpoint{}, false, nil
	}
	if err != nil {
		return Checkpoint{}, false, fmt.Errorf("state store checkpoint: %w", err)
	}
	defer closer.Close()
	if len(v) != checkpointLen {
		return Checkpoint{}, false, fmt.Errorf("state store checkpoint of %d bytes, want %d", len(v), checkpointLen)
	}
	c := Checkpoint{Next: int64(binary.BigEndian.Uint64(v)), At: time.Unix(0, int64(binary.BigEndian.Uint64(v[24:]))),
		Keys: int64(binary.BigEndian.Uint64(v[32:]))}
	copy(c.TopicID[:], v[8:24])
	return c, true, nil
}

// Batch is a set of writes applied together, or not at all.
type Batch struct {
	b   *pebble.Batch
	err error
}

// Batch starts a batch.
func (s *Store) Batch() *Batch { return &Batch{b: s.db.NewBatch()} }

func (b *Batch) note(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// Put sets key's value.
func (b *Batch) Put(sp Space, partition int32, key string, value []byte) {
	b.note(b.b.Set(valueKey(sp, partition, key), value, nil))
}

// Delete removes key.
func (b *Batch) Delete(sp Space, partition int32, key string) {
	b.note(b.b.Delete(valueKey(sp, partition, key), nil))
}

func expiryKey(sp Space, partition int32, at time.Time, key string) []byte {
	k := binary.BigEndian.AppendUint64(prefix(kindExpiry, sp, partition), uint64(at.Unix()))
	return append(k, key...)
}

// Index records key under time at (to the second) in the expiry index.
// Indexing a key again under a later time leaves the earlier entry;
// Expired reports both, and the caller tells the stale one by the key's
// value.
func (b *Batch) Index(sp Space, partition int32, at time.Time, key string) {
	b.note(b.b.Set(expiryKey(sp, partition, at, key), nil, nil))
}

// Unindex removes key's index entry at time at.
func (b *Batch) Unindex(sp Space, partition int32, at time.Time, key string) {
	b.note(b.b.Delete(expiryKey(sp, partition, at, key), nil))
}

// SetCheckpoint records how far the partition's space applied its
// changelog.
func (b *Batch) SetCheckpoint(sp Space, partition int32, c Checkpoint) {
	b.note(b.b.Set(prefix(kindCheckpoint, sp, partition), c.encode(), nil))
}

// Len is the number of writes in the batch.
func (b *Batch) Len() int { return int(b.b.Count()) }

// Discard drops the batch unapplied.
func (b *Batch) Discard() { _ = b.b.Close() }

// Commit applies the batch atomically, without waiting for the disk: a
// crash of the process loses nothing (the write-ahead log is in the
// operating system's hands), and a crash of the machine loses at most a
// suffix of batches, with their checkpoints, which the changelog then
// replays.
func (b *Batch) Commit() error {
	defer b.b.Close()
	if b.err != nil {
		return fmt.Errorf("state store batch: %w", b.err)
	}
	if err := b.b.Commit(pebble.NoSync); err != nil {
		return fmt.Errorf("state store commit: %w", err)
	}
	return nil
}
