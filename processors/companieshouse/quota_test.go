package companieshouse

import (
	"net/http"
	"testing"
	"time"
)

func TestTheQuotaHeadersAreReadForTheLimiter(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	h := http.Header{"X-Ratelimit-Limit": {"600"}, "X-Ratelimit-Remain": {"0"},
		"X-Ratelimit-Reset": {"1700000060"}, "X-Ratelimit-Window": {"5m"}}
	r := QuotaReading(h, now)
	if r.Limit != 600 || r.Window != 5*time.Minute || !r.HasRemaining || r.Remaining != 0 || !r.Reset.Equal(now.Add(time.Minute)) {
		t.Fatalf("reading %+v", r)
	}
	doc := http.Header{"X-Ratelimit-Remaining": {"7"}}
	if r := QuotaReading(doc, now); !r.HasRemaining || r.Remaining != 7 {
		t.Fatalf("the document API's spelling: reading %+v", r)
	}
	if r := QuotaReading(http.Header{}, now); r.HasRemaining || r.Limit != 0 {
		t.Fatalf("no headers: reading %+v", r)
	}
}
