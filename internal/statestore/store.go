// Package statestore is the aggregator's local state store: an embedded
// LSM store (Pebble) on disk holding, per keyspace and partition, the
// latest value of each key of a compacted changelog, the changelog offset
// applied so far (the checkpoint), and a time index for expiry. The
// changelog stays the source of truth; the store is a cache of it that
// survives a restart, so a partition replays only the changelog written
// after its checkpoint.
//
// One store serves every partition a process owns, unlike Kafka Streams,
// which opens one RocksDB per task: the partitions share one memtable,
// write-ahead log and block cache, which keeps memory flat however many
// partitions are assigned. A partition's keys are one contiguous range,
// so dropping a partition is one range deletion.
package statestore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// Space is one keyspace (a changelog, or an index of one), by a byte.
type Space byte

// Kinds of key, the first byte of every key in the store.
const (
	kindValue      byte = 's'
	kindCheckpoint byte = 'c'
	kindExpiry     byte = 'x'
	kindMark       byte = 'm'
)

// Store is a Pebble database with the keyspaces of one process.
type Store struct {
	db *pebble.DB
}

// Options configure Open.
type Options struct {
	// Dir is the store's directory, created when missing; "" keeps the
	// store in memory (tests, and a process whose state may be rebuilt
	// from its changelogs at every start).
	Dir string
	// CacheBytes sizes Pebble's block cache (default 8 MiB).
	CacheBytes int64
	// Logger gets Pebble's messages (default slog.Default()).
	Logger *slog.Logger
}

// memTableBytes bounds each memtable: writes are small and frequent, and
// two memtables plus the block cache are the store's whole memory.
const memTableBytes = 4 << 20

// Open opens or creates the store in opts.Dir. Pebble locks the
// directory: a second process opening it fails, rather than share it.
func Open(opts Options) (*Store, error) {
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = 8 << 20
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	cache := pebble.NewCache(opts.CacheBytes)
	defer cache.Unref()
	po := &pebble.Options{Cache: cache, MemTableSize: memTableBytes, Logger: pebbleLogger{opts.Logger}}
	// Most lookups of a new request or lead find nothing: a bloom filter
	// per table answers them without reading its blocks.
	for i := range po.Levels {
		po.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
	}
	if opts.Dir == "" {
		po.FS = vfs.NewMem()
	}
	db, err := pebble.Open(opts.Dir, po)
	if err != nil {
		return nil, fmt.Errorf("open state store %q: %w", opts.Dir, err)
	}
	return &Store{db: db}, nil
}

// Close flushes and closes the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close state store: %w", err)
	}
	return nil
}

// DiskBytes is the space the store's files take.
func (s *Store) DiskBytes() uint64 { return s.db.Metrics().DiskSpaceUsage() }

// prefix is the start of the keys of one kind, space and partition.
func prefix(kind byte, sp Space, partition int32) []byte {
	b := make([]byte, 0, 6)
	b = append(b, kind, byte(sp))
	return binary.BigEndian.AppendUint32(b, uint32(partition))
}

func valueKey(sp Space, partition int32, key string) []byte {
	return append(prefix(kindValue, sp, partition), key...)
}

// upper is the first key past every key starting with p.
func upper(p []byte) []byte {
	out := append([]byte(nil), p...)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i]++; out[i] != 0 {
			return out[:i+1]
		}
	}
	return nil
}

// Get returns the value of key, and false when it has none.
func (s *Store) Get(sp Space, partition int32, key string) ([]byte, bool, error) {
	v, closer, err := s.db.Get(valueKey(sp, partition, key))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("state store get %q: %w", key, err)
	}
	defer closer.Close()
	return append([]byte(nil), v...), true, nil
}

// Scan calls fn with each key and value of a partition's space, in key
// order; the value is valid only during the call. An error from fn stops
// the scan with that error.
func (s *Store) Scan(sp Space, partition int32, fn func(key string, value []byte) error) error {
	p := prefix(kindValue, sp, partition)
	return s.scan(p, func(k, v []byte) error { return fn(string(k[len(p):]), v) })
}

func (s *Store) scan(p []byte, fn func(k, v []byte) error) error {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: p, UpperBound: upper(p)})
	if err != nil {
		return fmt.Errorf("state store scan: %w", err)
	}
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.ValueAndErr()
		if err == nil {
			err = fn(it.Key(), v)
		}
		if err != nil {
			it.Close()
			return err
		}
	}
	if err := it.Close(); err != nil {
		return fmt.Errorf("state store scan: %w", err)
	}
	return nil
}

// Count is how many keys a partition's space holds.
func (s *Store) Count(sp Space, partition int32) (int, error) {
	n := 0
	err := s.scan(prefix(kindValue, sp, partition), func(_, _ []byte) error { n++; return nil })
	return n, err
}

// Expired calls fn with each key a partition's space indexed at a time
// before before (see Batch.Index), oldest first, and that time. It reads
// the index only: its cost is the expired entries, not the store.
func (s *Store) Expired(sp Space, partition int32, before time.Time, fn func(key string, at time.Time) error) error {
	p := prefix(kindExpiry, sp, partition)
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: p, UpperBound: binary.BigEndian.AppendUint64(p, uint64(before.Unix()))})
	if err != nil {
		return fmt.Errorf("state store expiry index: %w", err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		k := it.Key()[len(p):]
		at := time.Unix(int64(binary.BigEndian.Uint64(k[:8])), 0)
		if err := fn(string(k[8:]), at); err != nil {
			return err
		}
	}
	return nil
}

// Drop deletes everything a partition's space holds, its checkpoint,
// index and mark included.
func (s *Store) Drop(sp Space, partition int32) error {
	b := s.db.NewBatch()
	defer b.Close()
	for _, kind := range []byte{kindValue, kindCheckpoint, kindExpiry, kindMark} {
		p := prefix(kind, sp, partition)
		if err := b.DeleteRange(p, upper(p), nil); err != nil {
			return fmt.Errorf("state store drop: %w", err)
		}
	}
	if err := b.Commit(pebble.NoSync); err != nil {
		return fmt.Errorf("state store drop: %w", err)
	}
	return nil
}

// pebbleLogger sends Pebble's messages to slog.
type pebbleLogger struct{ l *slog.Logger }

func (p pebbleLogger) Infof(format string, args ...any) {
	p.l.Debug("state store: " + fmt.Sprintf(format, args...))
}
func (p pebbleLogger) Errorf(format string, args ...any) {
	p.l.Error("state store: " + fmt.Sprintf(format, args...))
}
func (p pebbleLogger) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf("state store: "+format, args...))
}

// Compact compacts a partition's space, so values overwritten or deleted
// there leave the store's files now rather than at Pebble's next
// compaction of their level.
func (s *Store) Compact(ctx context.Context, sp Space, partition int32) error {
	p := prefix(kindValue, sp, partition)
	if err := s.db.Compact(ctx, p, upper(p), false); err != nil {
		return fmt.Errorf("state store compact: %w", err)
	}
	return nil
}

// Mark returns a partition's space mark: a number its owner keeps with
// the state (0 when none is set, and after Drop).
func (s *Store) Mark(sp Space, partition int32) (uint64, error) {
	v, closer, err := s.db.Get(prefix(kindMark, sp, partition))
	if errors.Is(err, pebble.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("state store mark: %w", err)
	}
	defer closer.Close()
	if len(v) != 8 {
		return 0, fmt.Errorf("state store mark of %d bytes, want 8", len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

// SetMark sets a partition's space mark.
func (s *Store) SetMark(sp Space, partition int32, n uint64) error {
	if err := s.db.Set(prefix(kindMark, sp, partition), binary.BigEndian.AppendUint64(nil, n), pebble.NoSync); err != nil {
		return fmt.Errorf("state store mark: %w", err)
	}
	return nil
}
