package route

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// headerKey takes the X-Key header as the credential and refuses the
// key "invalid" with 401.
func headerKey(w http.ResponseWriter, r *http.Request) (string, bool) {
	key := r.Header.Get("X-Key")
	if key == respond.RejectedKey {
		respond.WriteRaw(w, http.StatusUnauthorized, `{"error":"bad key"}`)
		return "", false
	}
	return key, true
}

func newRoutes(limit int) *http.ServeMux {
	mux := http.NewServeMux()
	meter := quota.NewMeter(quota.Quota{Limit: limit, Window: time.Hour}, time.Now,
		quota.Answers{OverQuota: respond.Fixed{Status: http.StatusTooManyRequests, Body: `{"error":"spent"}`}.Refuse})
	routes := At(mux, meter).Behind(headerKey)
	routes.HandleFunc("GET /thing", func(w http.ResponseWriter, _ *http.Request) {
		respond.WriteRaw(w, http.StatusOK, `{"thing":1}`)
	})
	return mux
}

func callWith(h http.Handler, key string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/thing", nil)
	req.Header.Set("X-Key", key)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestARouteAnswersCallsTheCredentialCheckAndTheQuotaLetThrough(t *testing.T) {
	h := newRoutes(2)
	tests := []struct {
		name, key string
		status    int
		body      string
	}{
		{"a refused credential gets the API's refusal", respond.RejectedKey, 401, `{"error":"bad key"}`},
		{"an accepted credential is served", "k", 200, `{"thing":1}`},
		{"so is its second call, the refused one having spent nothing", "k", 200, `{"thing":1}`},
		{"its third is beyond the quota", "k", 429, `{"error":"spent"}`},
		{"another credential has a quota of its own", "other", 200, `{"thing":1}`},
	}
	for _, tt := range tests {
		rec := callWith(h, tt.key)
		if rec.Code != tt.status || rec.Body.String() != tt.body {
			t.Fatalf("%s: got %d %s, want %d %s", tt.name, rec.Code, rec.Body, tt.status, tt.body)
		}
	}
}

func TestARouteWithoutAMeterTakesEveryAcceptedCall(t *testing.T) {
	mux := http.NewServeMux()
	At(mux, nil).Behind(headerKey).Handle("GET /thing", respond.Fixed{Status: http.StatusOK, Body: `{}`})
	for range 3 {
		if rec := callWith(mux, "k"); rec.Code != http.StatusOK {
			t.Fatalf("status = %d, want 200 with no quota", rec.Code)
		}
	}
}
