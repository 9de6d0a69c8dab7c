// Package erasure records GDPR erasures (a company, or a person) on a
// compacted topic, so every aggregator, now and after any restart or
// replay, leaves erased people out of leads and emits no lead for an
// erased company.
package erasure

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Kind is what an erasure names.
type Kind string

// The kinds of erasure.
const (
	Company Kind = "company"
	Person  Kind = "person"
)

// Erasure is one recorded erasure.
type Erasure struct {
	Kind     Kind      `json:"kind"`
	Value    string    `json:"value"` // company number, or normalised person name
	ErasedAt time.Time `json:"erased_at"`
}

// New normalises what is to be erased: company numbers upper-cased,
// names normalised as the aggregator normalises them.
func New(kind Kind, value string, at time.Time) (Erasure, error) {
	value = strings.TrimSpace(value)
	switch kind {
	case Company:
		value = strings.ToUpper(value)
	case Person:
		value = people.Normalize(value)
	default:
		return Erasure{}, fmt.Errorf("erasure kind %q: want company or person", kind)
	}
	if value == "" {
		return Erasure{}, fmt.Errorf("erasure of an empty %s", kind)
	}
	return Erasure{Kind: kind, Value: value, ErasedAt: at.UTC()}, nil
}

func (e Erasure) key() string { return string(e.Kind) + ":" + e.Value }

// Record writes an erasure to topic and waits for the broker to take it.
func Record(ctx context.Context, cl *kgo.Client, topic string, e Erasure) error {
	val, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := cl.ProduceSync(ctx, &kgo.Record{Topic: topic, Key: []byte(e.key()), Value: val}).FirstErr(); err != nil {
		return fmt.Errorf("record erasure: %w", err)
	}
	return nil
}

// Set is the erasures known so far, safe for concurrent use.
type Set struct {
	mu     sync.RWMutex
	erased map[string]bool
	ready  chan struct{}
}

// NewSet returns an empty set; Follow fills it.
func NewSet() *Set { return &Set{erased: map[string]bool{}, ready: make(chan struct{})} }

// Company says whether a company number is erased.
func (s *Set) Company(number string) bool { return s.has(Company, strings.ToUpper(number)) }

// Person says whether a normalised name is erased.
func (s *Set) Person(normalized string) bool { return s.has(Person, normalized) }

func (s *Set) has(k Kind, v string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.erased[string(k)+":"+v]
}

func (s *Set) add(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.erased[key] = true
}

// Ready is closed once the topic has been read to the end it had when
// Follow started.
func (s *Set) Ready() <-chan struct{} { return s.ready }
