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
	Partition int32             `json:"partition"`
	Expected  []string          `json:"expected"`
	Results   map[string][]byte `json:"results"` // provider → Avro DiscoveryResult
	Version   int64             `json:"version"` // times the results were sent to the lead stage
	Hash      string            `json:"hash"`    // content hash of the lead they built when last sent
	LeadKey   string            `json:"lead_key"`
	// Touched is when a result last arrived; idle entries are evicted
	// after the retention.
	Touched time.Time `json:"touched"`
	// Since is when the first result arrived: how long a request waits
	// for its missing providers counts from here. State written before
	// it was kept has none; since() then falls back to Touched.
	Since time.Time `json:"since,omitzero"`

	decoded map[string]*schemas.DiscoveryResult
}

func newEntry(partition int32) *entry {
	return &entry{Partition: partition, Results: map[string][]byte{}, decoded: map[string]*schemas.DiscoveryResult{}}
}

// clone copies e so a transaction can change it and throw it away on abort.
func (e *entry) clone() *entry {
	c := *e
	c.Expected = slices.Clone(e.Expected)
	c.Results = maps.Clone(e.Results)
	c.decoded = maps.Clone(e.decoded)
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
	e := &entry{}
	if err := json.Unmarshal(b, e); err != nil {
		return nil, fmt.Errorf("aggregator state: %w", err)
	}
	var err error
	if e.decoded, err = decodeResults(e.Results); err != nil {
		return nil, fmt.Errorf("aggregator state, %w", err)
	}
	if e.Results == nil {
		e.Results = map[string][]byte{}
	}
	return e, nil
}
