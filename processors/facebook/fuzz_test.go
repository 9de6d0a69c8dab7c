package facebook

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
)

// FuzzClassify checks that every answer, however malformed, is usable or
// classified, asks for no negative wait, and quotes the API briefly.
func FuzzClassify(f *testing.F) {
	f.Add(400, `{"1":[{"estimated_time_to_regain_access":90}]}`, []byte(`{"error":{"code":4}}`))
	providertest.FuzzClassify(f, Classify, apihttp.MaxMessage)
}

// TestAHugeRegainEstimateIsNotANegativeWait pins a bug the fuzz suite
// found: regainWait converts minutes to a Duration without a bound, so an
// estimate past 2^63 ns (about 153,000 years) overflows into a negative
// wait, and routing, reading a negative wait as none, retries a throttled
// call in the first tier instead of the longest. regainWait now caps the
// wait at a day.
func TestAHugeRegainEstimateIsNotANegativeWait(t *testing.T) {
	h := http.Header{"X-Business-Use-Case-Usage": {`{"1":[{"estimated_time_to_regain_access":1e300}]}`}}
	err := Classify(400, h, []byte(`{"error":{"code":4}}`))
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Class != failure.RateLimited {
		t.Fatalf("got %v, want rate_limited", err)
	}
	if fe.RetryAfter < 0 || fe.RetryAfter > 24*time.Hour {
		t.Fatalf("a huge regain estimate gave a wait of %v; want at most a day", fe.RetryAfter)
	}
}
