package facebook

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

// knownClasses are the classes Classify may answer.
var knownClasses = []failure.Class{failure.Transient, failure.RateLimited, failure.Auth, failure.Permanent,
	failure.NotFound, failure.BadResponse}

// maxMessage bounds an error's text: the API's message is cut at
// maxAPIMessage, and the rest is a short prefix.
const maxMessage = maxAPIMessage + 100

// FuzzClassify checks that every answer, however malformed, is usable or
// classified, asks for no negative wait, and quotes the API briefly.
func FuzzClassify(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, status := range []int{200, 400, 429, 503} {
			f.Add(status, "", b)
		}
	}
	f.Add(200, "", []byte("<html>busy</html>"))
	f.Add(429, "99999999999999999999", []byte("{}"))
	f.Add(400, `{"1":[{"estimated_time_to_regain_access":90}]}`, []byte(`{"error":{"code":4}}`))
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		h := http.Header{}
		for _, name := range []string{"X-Rate-Limit-Reset", "X-Business-Use-Case-Usage", "Retry-After"} {
			h.Set(name, header)
		}
		err := Classify(status, h, body)
		if err == nil {
			if status < 200 || status > 299 {
				t.Fatalf("http %d is usable", status)
			}
			return
		}
		var fe *failure.Error
		if !errors.As(err, &fe) || !slices.Contains(knownClasses, fe.Class) {
			t.Fatalf("error %v is not classified", err)
		}
		if fe.RetryAfter < 0 {
			t.Fatalf("%s asks to wait %v", err, fe.RetryAfter)
		}
		if len(err.Error()) > maxMessage {
			t.Fatalf("error of %d bytes quotes too much: %.80s...", len(err.Error()), err)
		}
	})
}

// TestAHugeRegainEstimateIsNotANegativeWait pins a bug the fuzz suite
// found: regainWait converts minutes to a Duration without a bound, so an
// estimate past 2^63 ns (about 153,000 years) overflows into a negative
// wait, and routing, reading a negative wait as none, retries a throttled
// call in the first tier instead of the longest. It is skipped until
// regainWait caps the wait; then remove the skip.
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
