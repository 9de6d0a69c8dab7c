package aggregator

import (
	"fmt"
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"
)

// Regression: every non-retriable Kafka error quarantined its result, so a
// producer fenced by a restart (INVALID_PRODUCER_EPOCH) dead-lettered
// results that were fine, and their requests got no lead.
func TestOnlyARecordsOwnFaultQuarantinesIt(t *testing.T) {
	for _, tc := range []struct {
		err   error
		fault bool
	}{
		{kerr.MessageTooLarge, true},
		{kerr.RecordListTooLarge, true},
		{kerr.InvalidRecord, true},
		{kerr.InvalidTimestamp, true},
		{kerr.InvalidProducerEpoch, false},
		{kerr.ProducerFenced, false},
		{kerr.InvalidTxnState, false},
		{kerr.TopicAuthorizationFailed, false},
		{kerr.NotLeaderForPartition, false},
	} {
		err := fmt.Errorf("produce to leadgen-aggregator-state: %w", tc.err)
		if got := recordFault(err); got != tc.fault {
			t.Errorf("%v: record's fault %v, want %v", tc.err, got, tc.fault)
		}
	}
}
