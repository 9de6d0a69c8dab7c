package requestcheck

import (
	"time"

	"github.com/leadgen/leadgen/schemas"
)

// Anomaly is something odd about a request that is still answered: it is
// counted (leadgen_request_anomalies_total{kind}) and logged, not refused.
type Anomaly string

// The anomalies; each string is the kind label of the metric.
const (
	// RequestedAtOutOfRange: requested_at is before EarliestRequestedAt
	// or more than MaxRequestedAhead after the time it is read.
	RequestedAtOutOfRange Anomaly = "requested_at_out_of_range"
	// KeyMismatch: the record's key is not its request_id. The request's
	// results and lead are keyed by request_id, so its records may sit on
	// other partitions than the request and dead letters carry the key.
	KeyMismatch Anomaly = "key_mismatch"
)

// Anomalies returns what is odd about request r, read at now from a record
// keyed key; nil when nothing is.
func Anomalies(key []byte, r *schemas.CompanyRequest, now time.Time) []Anomaly {
	var out []Anomaly
	if !RequestedAtInRange(r.RequestedAt, now) {
		out = append(out, RequestedAtOutOfRange)
	}
	if string(key) != r.RequestID {
		out = append(out, KeyMismatch)
	}
	return out
}

// RequestedAtInRange says whether t is a plausible requested_at at now:
// from EarliestRequestedAt to MaxRequestedAhead after now, both included.
func RequestedAtInRange(t, now time.Time) bool {
	return !t.Before(EarliestRequestedAt) && !t.After(now.Add(MaxRequestedAhead))
}
