package erasure

import (
	"strings"
	"sync"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/schemas"
)

// Set is the erasures known so far, safe for concurrent use.
type Set struct {
	mu        sync.RWMutex
	known     map[string]bool      // keys of every erasure added
	companies map[string]bool      // erased company numbers
	people    map[string][]Erasure // person erasures by the people.Keys of the name
	ready     chan struct{}
	onNew     func(Erasure)
}

// NewSet returns an empty set; Follow fills it.
func NewSet() *Set {
	return &Set{known: map[string]bool{}, companies: map[string]bool{}, people: map[string][]Erasure{},
		ready: make(chan struct{})}
}

// Len is how many erasures the set holds.
func (s *Set) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.known)
}

// OnNew makes Follow call fn after it adds an erasure the set did not
// hold, from the goroutine running Follow. Call it before Follow.
func (s *Set) OnNew(fn func(Erasure)) { s.onNew = fn }

// Company says whether a company number is erased.
func (s *Set) Company(number string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.companies[strings.ToUpper(number)]
}

// Erases says whether a person erasure removes x from the lead keyed
// leadKey (see Erasure.Judge). Only the erasures sharing one of the name's
// people.Keys are judged, which is all that could match; with no person
// erased, the keys are not even worked out.
func (s *Set) Erases(leadKey string, x schemas.Executive) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.people) == 0 {
		return false
	}
	for _, k := range people.Keys(x) {
		for _, e := range s.people[k] {
			if v, _ := e.Judge(leadKey, x); v == Erased {
				return true
			}
		}
	}
	return false
}

// Add puts e in the set, as Follow does with each recorded erasure, and
// reports whether it is new. It does not call the OnNew callback.
func (s *Set) Add(e Erasure) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.known[e.key()] {
		return false
	}
	s.known[e.key()] = true
	if e.Kind == Company {
		s.companies[e.Value] = true
		return true
	}
	for _, k := range people.Keys(e.person()) {
		s.people[k] = append(s.people[k], e)
	}
	return true
}

// Ready is closed once the topic has been read to the end it had when
// Follow started.
func (s *Set) Ready() <-chan struct{} { return s.ready }
