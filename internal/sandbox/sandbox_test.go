package sandbox

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"
)

type searchPage struct {
	Items []struct {
		Title         string `json:"title"`
		CompanyNumber string `json:"company_number"`
	} `json:"items"`
	ItemsPerPage int `json:"items_per_page"`
	StartIndex   int `json:"start_index"`
	TotalResults int `json:"total_results"`
}

type officerPage struct {
	Items []struct {
		Name string `json:"name"`
	} `json:"items"`
	ItemsPerPage int `json:"items_per_page"`
	TotalResults int `json:"total_results"`
}

func TestCompaniesHouseAuth(t *testing.T) {
	tests := []struct {
		name   string
		auth   func(*http.Request)
		status int
	}{
		{"a call without credentials is refused", func(*http.Request) {}, 401},
		{"the key 'invalid' is refused", func(r *http.Request) { r.SetBasicAuth("invalid", "") }, 401},
		{"an empty key is refused", func(r *http.Request) { r.SetBasicAuth("", "") }, 401},
		{"a bearer token is not basic auth and is refused", func(r *http.Request) { r.Header.Set("Authorization", "Bearer abc") }, 401},
		{"any other key is accepted", func(r *http.Request) { r.SetBasicAuth("any-key", "") }, 200},
	}
	s := newServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, "/companies-house/company/12345678", nil)
			tt.auth(req)
			rec := newRecorder(s, req)
			wantStatus(t, rec, tt.status)
			if tt.status == 401 {
				wantBody(t, rec, `{"error":"Invalid Authorization","type":"ch:service"}`)
			}
		})
	}
}

func TestUnknownCompanyAnswers404WithTheRealBody(t *testing.T) {
	s := newServer(t, Config{})
	for _, route := range []string{"", "/officers", "/persons-with-significant-control"} {
		t.Run("route"+route, func(t *testing.T) {
			rec := get(t, s, "/companies-house/company/99999999"+route, testKey)
			wantStatus(t, rec, 404)
			wantBody(t, rec, `{"errors":[{"type":"ch:service","error":"company-profile-not-found"}]}`)
		})
	}
}

func TestOfficerPagesCoverEveryOfficerOnce(t *testing.T) {
	s := newServer(t, Config{})
	c := companyWithOfficers(t, 6)
	seen := map[string]bool{}
	for start := 0; start < len(c.Officers); start += 2 {
		target := fmt.Sprintf("/companies-house/company/%s/officers?items_per_page=2&start_index=%d", c.Number, start)
		page := decode[officerPage](t, get(t, s, target, testKey))
		if page.TotalResults != len(c.Officers) || page.ItemsPerPage != 2 {
			t.Fatalf("page at %d: total %d per page %d", start, page.TotalResults, page.ItemsPerPage)
		}
		for _, it := range page.Items {
			if seen[it.Name] {
				t.Fatalf("officer %s seen twice", it.Name)
			}
			seen[it.Name] = true
		}
	}
	if len(seen) != len(c.Officers) {
		t.Fatalf("paged %d officers, want %d", len(seen), len(c.Officers))
	}
}

func TestPagingDefaultsAndLimits(t *testing.T) {
	tests := []struct {
		name, target string
		cfg          Config
		status       int
		perPage      int
	}{
		{"officers default to 35 a page", "/companies-house/company/12345678/officers", Config{}, 200, 35},
		{"PSCs default to 25 a page", "/companies-house/company/12345678/persons-with-significant-control", Config{}, 200, 25},
		{"search defaults to 20 a page", "/companies-house/search/companies?q=acme", Config{}, 200, 20},
		{"a page size above the cap is cut to the cap", "/companies-house/company/12345678/officers?items_per_page=50", Config{MaxPageSize: 2}, 200, 2},
		{"a page size that is not a number is a 400", "/companies-house/company/12345678/officers?items_per_page=ten", Config{}, 400, 0},
		{"a negative start index is a 400", "/companies-house/search/companies?q=acme&start_index=-1", Config{}, 400, 0},
		{"a search without q is a 400", "/companies-house/search/companies", Config{}, 400, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, newServer(t, tt.cfg), tt.target, testKey)
			wantStatus(t, rec, tt.status)
			if tt.status == 200 {
				if got := decode[officerPage](t, rec).ItemsPerPage; got != tt.perPage {
					t.Fatalf("items_per_page = %d, want %d", got, tt.perPage)
				}
			}
		})
	}
}

func TestStartIndexPastTheEndGivesAnEmptyPage(t *testing.T) {
	page := decode[searchPage](t, get(t, newServer(t, Config{}), "/companies-house/search/companies?q=acme&start_index=1000", testKey))
	if len(page.Items) != 0 || page.TotalResults == 0 || page.StartIndex != 1000 {
		t.Fatalf("page = %+v", page)
	}
}

func TestSearchPutsBestMatchesFirst(t *testing.T) {
	tests := []struct {
		name, q, first string
	}{
		{"the exact title beats a longer one", "acme widgets", "12345678"},
		{"case and legal words do not matter", "ZOETROPE ceramics limited", "SC123456"},
		{"a company number finds its company", "sc123456", "SC123456"},
		{"a word prefix matches", "periwink robo", "10000002"},
		{"diacritics in the query are folded", "Zoëtrope", "SC123456"},
	}
	s := newServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := decode[searchPage](t, get(t, s, "/companies-house/search/companies?q="+urlQuery(tt.q), testKey))
			if len(page.Items) == 0 || page.Items[0].CompanyNumber != tt.first {
				t.Fatalf("first hit of %q = %+v, want %s", tt.q, page.Items, tt.first)
			}
		})
	}
}

func TestSearchWithoutMatchesIsEmpty(t *testing.T) {
	page := decode[searchPage](t, get(t, newServer(t, Config{}), "/companies-house/search/companies?q=xylophonist", testKey))
	if page.TotalResults != 0 || len(page.Items) != 0 {
		t.Fatalf("page = %+v, want no results", page)
	}
}

func TestLatencyKnobHoldsTheResponseUntilTheContextEnds(t *testing.T) {
	s := newServer(t, Config{Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	rec := getCtx(t, ctx, s, "/companies-house/company/12345678", testKey)
	if rec.Body.Len() != 0 || ctx.Err() == nil {
		t.Fatalf("handler answered %q before the deadline, want it to wait", rec.Body.String())
	}
}

func TestLatencyWaitersDoNotQueueBehindEachOther(t *testing.T) {
	// Serialised waits would take 1000 × 20ms = 20s and blow the deadline.
	s := newServer(t, Config{Latency: 20 * time.Millisecond, RateLimit: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	codes := make(chan int, 1000)
	for range cap(codes) {
		go func() { codes <- getCtx(t, ctx, s, "/companies-house/company/12345678", testKey).Code }()
	}
	for range cap(codes) {
		if code := <-codes; code != 200 {
			t.Fatalf("status = %d, want 200 from every concurrent call", code)
		}
	}
}

func TestErrorRate(t *testing.T) {
	tests := []struct {
		name, target string
		rate         float64
		status       int
		body         string
	}{
		{"rate 1 answers every Companies House call 503", "/companies-house/company/12345678", 1, 503,
			`{"errors":[{"type":"ch:service","error":"service-unavailable"}]}`},
		{"rate 1 answers every OpenCorporates call 503", "/opencorporates/v0.4/companies/gb/12345678?api_token=t", 1, 503,
			`{"error":{"message":"Service temporarily unavailable"}}`},
		{"rate 0 answers every call", "/companies-house/company/12345678", 0, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Config{ErrorRate: tt.rate})
			for range 50 {
				rec := get(t, s, tt.target, testKey)
				wantStatus(t, rec, tt.status)
				if tt.body != "" {
					wantBody(t, rec, tt.body)
				}
			}
		})
	}
}

func TestErrorRateFaultsAboutThatShareOfCalls(t *testing.T) {
	s := newServer(t, Config{ErrorRate: 0.3, Seed: 7})
	faults := 0
	for range 1000 {
		if get(t, s, "/companies-house/company/12345678", testKey).Code == 503 {
			faults++
		}
	}
	if faults < 200 || faults > 400 {
		t.Fatalf("%d of 1000 calls faulted at rate 0.3", faults)
	}
}

func TestRateLimitAnswers429OnceTheKeysQuotaIsSpent(t *testing.T) {
	s := newServer(t, Config{RateLimit: 3})
	for i := range 3 {
		rec := get(t, s, "/companies-house/company/12345678", testKey)
		wantStatus(t, rec, 200)
		if got := rec.Header().Get("X-Ratelimit-Remain"); got != strconv.Itoa(2-i) {
			t.Fatalf("call %d: X-Ratelimit-Remain = %q, want %d", i+1, got, 2-i)
		}
	}
	rec := get(t, s, "/companies-house/company/12345678", testKey)
	wantStatus(t, rec, 429)
	h := rec.Header()
	reset, err := strconv.ParseInt(h.Get("X-Ratelimit-Reset"), 10, 64)
	if err != nil || reset <= time.Now().Unix() || h.Get("X-Ratelimit-Limit") != "3" || h.Get("X-Ratelimit-Window") != "5m" {
		t.Fatalf("429 headers = %v", h)
	}
	wantStatus(t, get(t, s, "/companies-house/company/12345678", "another-key"), 200)
}

func TestNegativeRateLimitSendsNoQuota(t *testing.T) {
	rec := get(t, newServer(t, Config{RateLimit: -1}), "/companies-house/company/12345678", testKey)
	if rec.Header().Get("X-Ratelimit-Limit") != "" {
		t.Fatalf("headers = %v, want no quota headers", rec.Header())
	}
}

func TestCallsCountsPerPathPrefix(t *testing.T) {
	s := newServer(t, Config{})
	get(t, s, "/companies-house/company/12345678", testKey)
	get(t, s, "/companies-house/company/12345678/officers", testKey)
	get(t, s, "/companies-house/company/12345678/officers", "")
	get(t, s, "/opencorporates/v0.4/companies/gb/12345678?api_token=t", "")
	get(t, s, "/_sandbox/knobs", "")
	for prefix, want := range map[string]int64{
		"/companies-house/":                          3,
		"/companies-house/company/12345678/officers": 2,
		"/opencorporates/":                           1,
		"/":                                          4,
		"/companies-house/company/12345678/persons-wi": 0,
	} {
		if got := s.Calls(prefix); got != want {
			t.Errorf("Calls(%q) = %d, want %d", prefix, got, want)
		}
	}
}

func TestEveryResponseIsLabelledSandbox(t *testing.T) {
	s := newServer(t, Config{})
	for _, target := range []string{"/", "/companies-house/company/12345678", "/companies-house/nowhere", "/_sandbox/knobs"} {
		if got := get(t, s, target, testKey).Header().Get(SandboxHeader); got != "true" {
			t.Errorf("%s: %s = %q, want true", target, SandboxHeader, got)
		}
	}
}

func TestNewRefusesKnobsOutOfRange(t *testing.T) {
	for _, cfg := range []Config{{Latency: -time.Second}, {ErrorRate: 1.5}, {ErrorRate: -0.1}, {MaxPageSize: -1}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) = nil error, want one", cfg)
		}
	}
}
