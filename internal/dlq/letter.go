package dlq

import (
	"errors"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Aggregator is the provider header of records the aggregator dead-letters:
// undecodable discovery results, which no provider can replay.
const Aggregator = "aggregator"

// A Letter is one dead-lettered record with its leadgen headers parsed.
// Missing or malformed headers leave their field zero (partition and
// offset -1), so a hand-written record still reads.
type Letter struct {
	// Partition and Offset locate the record in the dead-letter topic.
	Partition int32
	Offset    int64
	Timestamp time.Time
	Key       []byte
	Value     []byte
	// Headers are all headers, leadgen's and the original ones, in order.
	Headers []kgo.RecordHeader

	Provider          string
	Class             failure.Class
	Attempt           int
	Message           string
	FirstFailedAt     time.Time
	OriginalTopic     string
	OriginalPartition int32
	OriginalOffset    int64
	ReplayCount       int
	// ReplayID and ReplayOf are the replay lineage headers: the run that
	// sent the record back and the letter it copied ("partition/offset").
	ReplayID, ReplayOf string

	// Request is the value decoded as a CompanyRequest; Result is set
	// instead for the aggregator's letters when they decode. DecodeErr
	// (a *schemas.DecodeError) says why neither is set.
	Request   *schemas.CompanyRequest
	Result    *schemas.DiscoveryResult
	DecodeErr error

	// Status is where the letter stands in its lifecycle, when a Book was
	// asked (see Book.Annotate); zero otherwise.
	Status Status
}

// Parse reads rec's headers and decodes its value.
func Parse(rec *kgo.Record) Letter {
	l := parseHeaders(rec)
	l.decode()
	return l
}

// parseHeaders is Parse without decoding the value, for filtering.
func parseHeaders(rec *kgo.Record) Letter {
	h := func(k string) string { return route.Header(rec, k) }
	return Letter{
		Partition: rec.Partition, Offset: rec.Offset, Timestamp: rec.Timestamp,
		Key: rec.Key, Value: rec.Value, Headers: rec.Headers,
		Provider:          h(route.HeaderProvider),
		Class:             failure.Class(h(route.HeaderErrorClass)),
		Attempt:           int(parseInt(h(route.HeaderAttempt), 0)),
		Message:           h(route.HeaderErrorMessage),
		FirstFailedAt:     parseTime(h(route.HeaderFirstFailedAt)),
		OriginalTopic:     h(route.HeaderOriginalTopic),
		OriginalPartition: int32(parseInt(h(route.HeaderOriginalPartition), -1)),
		OriginalOffset:    parseInt(h(route.HeaderOriginalOffset), -1),
		ReplayCount:       int(parseInt(h(route.HeaderReplayCount), 0)),
		ReplayID:          h(route.HeaderReplayID),
		ReplayOf:          h(route.HeaderReplayOf),
	}
}

// decode reads the value as what its dead-letterer consumed: a discovery
// result for the aggregator, a company request for a provider.
func (l *Letter) decode() {
	if l.Provider == Aggregator {
		l.Result, l.DecodeErr = schemas.DecodeDiscoveryResult(l.Value)
		return
	}
	l.Request, l.DecodeErr = schemas.DecodeCompanyRequest(l.Value)
}

// FailedAt is when the record first failed: the leadgen.first.failed.at
// header, or the record's timestamp when the header is missing or bad.
func (l Letter) FailedAt() time.Time {
	if !l.FirstFailedAt.IsZero() {
		return l.FirstFailedAt
	}
	return l.Timestamp
}

// DecodeClass is why the value did not decode (bad_magic,
// unknown_fingerprint, corrupt_datum), or "" when it did.
func (l Letter) DecodeClass() schemas.DecodeClass {
	var de *schemas.DecodeError
	if errors.As(l.DecodeErr, &de) {
		return de.Class
	}
	if l.DecodeErr != nil {
		return "unknown"
	}
	return ""
}

// record rebuilds the bytes route.Replay copies.
func (l Letter) record() *kgo.Record {
	return &kgo.Record{Partition: l.Partition, Offset: l.Offset, Key: l.Key, Value: l.Value, Headers: l.Headers}
}

func parseInt(s string, def int64) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return def
	}
	return n
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
