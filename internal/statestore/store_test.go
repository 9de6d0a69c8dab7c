package statestore

import (
	"context"
	"slices"
	"testing"
	"time"
)

const sp Space = 'r'

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func commit(t *testing.T, b *Batch) {
	t.Helper()
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestValuesAndCheckpointsOutliveAReopen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	at := time.Unix(1_800_000_000, 0)
	b := s.Batch()
	b.Put(sp, 1, "a", []byte("one"))
	b.Put(sp, 1, "b", []byte("two"))
	b.Put(sp, 2, "a", []byte("other partition"))
	b.Delete(sp, 1, "b")
	b.SetCheckpoint(sp, 1, Checkpoint{Next: 42, TopicID: [16]byte{7}, At: at, Keys: 1})
	commit(t, b)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, dir)
	defer s.Close()
	if v, ok, err := s.Get(sp, 1, "a"); err != nil || !ok || string(v) != "one" {
		t.Fatalf("a = %q, %v, %v; want one", v, ok, err)
	}
	if _, ok, err := s.Get(sp, 1, "b"); err != nil || ok {
		t.Fatalf("deleted b still there: %v, %v", ok, err)
	}
	cp, ok, err := s.Checkpoint(sp, 1)
	if err != nil || !ok || cp.Next != 42 || cp.TopicID != [16]byte{7} || !cp.At.Equal(at) || cp.Keys != 1 {
		t.Fatalf("checkpoint %+v, %v, %v", cp, ok, err)
	}
	if _, ok, err := s.Checkpoint(sp, 2); err != nil || ok {
		t.Fatalf("partition 2 has a checkpoint: %v, %v", ok, err)
	}
}

func TestDropForgetsOnePartitionOnly(t *testing.T) {
	s := open(t, "")
	defer s.Close()
	b := s.Batch()
	for _, p := range []int32{0, 1, 255, 256} {
		b.Put(sp, p, "k", []byte("v"))
		b.Index(sp, p, time.Unix(100, 0), "k")
		b.SetCheckpoint(sp, p, Checkpoint{Next: 1})
	}
	commit(t, b)
	if err := s.SetMark(sp, 255, 3); err != nil {
		t.Fatal(err)
	}
	if err := s.Drop(sp, 255); err != nil {
		t.Fatal(err)
	}
	for _, p := range []int32{0, 1, 255, 256} {
		n, _ := s.Count(sp, p)
		_, hasCP, _ := s.Checkpoint(sp, p)
		mark, _ := s.Mark(sp, p)
		var expired []string
		s.Expired(sp, p, time.Unix(200, 0), func(k string, _ time.Time) error { expired = append(expired, k); return nil })
		if want := p != 255; (n == 1) != want || hasCP != want || (len(expired) == 1) != want || mark != 0 {
			t.Errorf("partition %d after dropping 255: %d keys, checkpoint %v, index %v, mark %d", p, n, hasCP, expired, mark)
		}
	}
}

func TestExpiredReadsTheIndexUpToTheCutOffOldestFirst(t *testing.T) {
	s := open(t, "")
	defer s.Close()
	b := s.Batch()
	base := time.Unix(1_800_000_000, 0)
	for i, k := range []string{"c", "a", "d", "b"} {
		b.Index(sp, 0, base.Add(time.Duration(i)*time.Hour), k)
	}
	b.Index(sp, 1, base, "other partition")
	b.Unindex(sp, 0, base.Add(2*time.Hour), "d")
	commit(t, b)
	var got []string
	err := s.Expired(sp, 0, base.Add(3*time.Hour), func(k string, at time.Time) error {
		got = append(got, k+"@"+at.Sub(base).String())
		return nil
	})
	if want := []string{"c@0s", "a@1h0m0s"}; err != nil || !slices.Equal(got, want) {
		t.Fatalf("expired %v, %v; want %v", got, err, want)
	}
}

func TestCompactKeepsWhatIsLive(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	b := s.Batch()
	b.Put(sp, 0, "k", []byte("old"))
	commit(t, b)
	b = s.Batch()
	b.Put(sp, 0, "k", []byte("new"))
	commit(t, b)
	if err := s.Compact(context.Background(), sp, 0); err != nil {
		t.Fatal(err)
	}
	var seen []string
	s.Scan(sp, 0, func(k string, v []byte) error { seen = append(seen, k+"="+string(v)); return nil })
	if !slices.Equal(seen, []string{"k=new"}) || s.DiskBytes() == 0 {
		t.Fatalf("after compaction: %v, %d bytes on disk", seen, s.DiskBytes())
	}
}

func TestASecondOpenOfADirectoryIsRefused(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	defer s.Close()
	if _, err := Open(Options{Dir: dir}); err == nil {
		t.Fatal("a second process could open a state dir in use")
	}
}
