package facebook

import (
	"net/http"
	"testing"
	"time"
)

func TestGraphUsageAtTheLimitIsASpentQuotaUntilTheRegainTime(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	spent := http.Header{"X-App-Usage": {`{"call_count":100,"total_cputime":20,"total_time":30}`},
		"X-Business-Use-Case-Usage": {`{"1":[{"type":"pages","call_count":100,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":7}]}`}}
	if r := QuotaReading(spent, now); !r.HasRemaining || r.Remaining != 0 || !r.Reset.Equal(now.Add(7*time.Minute)) {
		t.Fatalf("usage at 100%%: reading %+v, want spent for the 7 minutes Graph estimates", r)
	}
	busy := http.Header{"X-App-Usage": {`{"call_count":60,"total_cputime":20,"total_time":30}`}}
	if r := QuotaReading(busy, now); r.HasRemaining {
		t.Fatalf("usage at 60%%: reading %+v, want nothing spent", r)
	}
}
