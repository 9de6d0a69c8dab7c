package aggregator

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

// entry is the request stage's state for one request: what each provider
// said, and what it last sent the lead stage. It is written to the
// compacted changelog in the same transaction as what it sends, so after a
// crash the state and the lead stage's input agree.
type entry struct {
	Partition int32    `json:"partition"`
	Expected  []string `json:"expected"`
	kept
	Version int64  `json:"version"` // times the results were sent to the lead stage
	Hash    string `json:"hash"`    // hash of the lead key and results last sent
	LeadKey string `json:"lead_key"`
	// Touched is when a result last arrived; idle entries are evicted
	// after the retention.
	Touched time.Time `json:"touched"`
	// Since is when the first result arrived: how long a request waits
	// for its missing providers counts from here. State written before
	// it was kept has none; since() then falls back to Touched.
	Since time.Time `json:"since,omitzero"`

	raw    []byte    // the entry's encoding, staged for the store
	size   int       // the length of its encoding in the store
	stored time.Time // Touched as published: where the expiry index has it
}

func (e *entry) encodedSize() int { return e.size }

// kept are results by provider, as a changelog carries them (Avro, in
// Results) and decoded; the states of both stages embed them.
type kept struct {
	Results map[string][]byte `json:"results"` // provider → Avro DiscoveryResult
	decoded map[string]*schemas.DiscoveryResult
}

func newKept() kept {
	return kept{Results: map[string][]byte{}, decoded: map[string]*schemas.DiscoveryResult{}}
}

// copied copies the maps, for a transaction that may be thrown away.
func (k kept) copied() kept {
	return kept{Results: maps.Clone(k.Results), decoded: maps.Clone(k.decoded)}
}

// decode fills decoded from Results, as read from a changelog.
func (k *kept) decode() error {
	var err error
	if k.decoded, err = decodeResults(k.Results); err != nil {
		return err
	}
	if k.Results == nil {
		k.Results = map[string][]byte{}
	}
	return nil
}

func newEntry(partition int32) *entry {
	return &entry{Partition: partition, kept: newKept()}
}

// clone copies e so a transaction can change it and throw it away on abort.
func (e *entry) clone() *entry {
	c := *e
	c.Expected = slices.Clone(e.Expected)
	c.kept = e.kept.copied()
	return &c
}

// reported says whether every expected provider has answered.
func (e *entry) reported() bool {
	if len(e.Expected) == 0 {
		return false
	}
	for _, p := range e.Expected {
		if _, ok := e.decoded[p]; !ok {
			return false
		}
	}
	return true
}

// since is when the request's first result arrived, as far as the state
// knows.
func (e *entry) since() time.Time {
	if e.Since.IsZero() {
		return e.Touched
	}
	return e.Since
}

// results lists the decoded results in provider order.
func (e *entry) results() []*schemas.DiscoveryResult {
	out := make([]*schemas.DiscoveryResult, 0, len(e.decoded))
	for _, p := range slices.Sorted(maps.Keys(e.decoded)) {
		out = append(out, e.decoded[p])
	}
	return out
}

func (e *entry) marshal() ([]byte, error) { return json.Marshal(e) }

func unmarshalEntry(b []byte) (*entry, error) {
	e, err := unmarshalState[entry](b, "aggregator state")
	if err == nil {
		e.size, e.stored = len(b), e.Touched
	}
	return e, err
}

// touchedOf reads when the request of a stored entry last got a result,
// without decoding its results.
func touchedOf(b []byte) (time.Time, error) {
	var t struct {
		Touched time.Time `json:"touched"`
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return time.Time{}, fmt.Errorf("aggregator state: %w", err)
	}
	return t.Touched, nil
}

// unmarshalState reads a changelog value of either stage's state, what
// naming it in errors, and decodes its results.
func unmarshalState[T any, P interface {
	*T
	decode() error
}](b []byte, what string) (*T, error) {
	s := P(new(T))
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if err := s.decode(); err != nil {
		return nil, fmt.Errorf("%s, %w", what, err)
	}
	return s, nil
}
