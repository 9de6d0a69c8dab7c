package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/facebook"
	"github.com/leadgen/leadgen/internal/sandbox/linkedin"
	"github.com/leadgen/leadgen/internal/sandbox/x"
)

// acme is the company the X, LinkedIn and Facebook fixtures mirror.
func acme(t *testing.T) *Company {
	t.Helper()
	c, ok := CompanyByNumber("12345678")
	if !ok {
		t.Fatal("dataset lacks 12345678")
	}
	return &c
}

// call sends a GET with the headers each social API needs: a bearer token
// (X, LinkedIn) and LinkedIn's version headers; token "" sends none.
func call(t *testing.T, s http.Handler, target, token string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("LinkedIn-Version", "202607")
	req.Header.Set("X-Restli-Protocol-Version", "2.0.0")
	return newRecorder(s, req)
}

func TestSocialResponsesHaveTheFixtureShapes(t *testing.T) {
	pageID := dataset.NumericID(acme(t), "facebook", 15)
	tests := []struct {
		name, fixture, target string
		ignore                []string
	}{
		{"an X user lookup answers like the fixture", "x/user_by_username.json", "/x/2/users/by/username/acmewidgets", nil},
		{"an unknown X user is a 200 with only errors", "x/user_not_found_200.json", "/x/2/users/by/username/nosuchhandle", nil},
		{"an X batch lookup has data and partial errors", "x/users_by_partial_errors.json", "/x/2/users/by?usernames=acmewidgets,ghost999", nil},
		{"an X recent search expands its authors", "x/tweets_search_recent.json",
			`/x/2/tweets/search/recent?query=url:%22acme-widgets.example%22&expansions=author_id`, []string{"public_metrics", "next_token"}},
		{"a LinkedIn vanity finder answers with paging and elements", "linkedin/organizations_finder_vanity_name.json",
			"/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets", []string{"logoV2"}},
		{"a Facebook Page answers with the fields asked for", "facebook/page.json",
			"/facebook/v25.0/" + pageID + "?access_token=t&fields=name,about,website,emails,phone,single_line_address,location,category,link,username,fan_count,followers_count",
			[]string{"category_list", "latitude", "longitude"}},
		{"a Facebook Pages search answers with data and paging", "facebook/pages_search.json",
			"/facebook/v25.0/pages/search?q=acme+widgets&fields=id,name,location,link&access_token=t", []string{"state", "latitude", "longitude", "next"}},
	}
	s := newServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := call(t, s, tt.target, "t")
			wantStatus(t, rec, 200)
			wantShape(t, tt.fixture, rec.Body.Bytes(), tt.ignore)
		})
	}
}

func TestSocialAPIsRefuseAsTheRealOnesDo(t *testing.T) {
	pageID := dataset.NumericID(acme(t), "facebook", 15)
	tests := []struct {
		name, target, token string
		status              int
		body                string
	}{
		{"X without a bearer token is 401", "/x/2/users/by?usernames=acmewidgets", "", 401, x.UnauthorizedBody},
		{"X with the token 'invalid' is 401", "/x/2/users/by?usernames=acmewidgets", "invalid", 401, x.UnauthorizedBody},
		{"an invalid X handle is a 400 problem", "/x/2/users/by?usernames=not-a-handle", "t", 400, ""},
		{"an X search below 10 results is a 400 problem", "/x/2/tweets/search/recent?query=acme&max_results=5", "t", 400, ""},
		{"LinkedIn without a token is 401", "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets", "", 401, linkedin.EmptyTokenBody},
		{"LinkedIn with the token 'invalid' is 401", "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets", "invalid", 401, linkedin.InvalidTokenBody},
		{"an unknown LinkedIn vanity name has no elements", "/linkedin/rest/organizations?q=vanityName&vanityName=no-such-co", "t", 200, linkedin.EmptyFinderResult},
		{"Graph without access_token is 400 code 104", "/facebook/v25.0/pages/search?q=acme", "", 400, facebook.NoTokenBody},
		{"Graph with the token 'invalid' is 400 code 190", "/facebook/v25.0/pages/search?q=acme&access_token=invalid", "", 400, facebook.BadTokenBody},
		{"Graph with an unknown version is 400", "/facebook/v2/pages/search?q=acme&access_token=t", "", 400, facebook.VersionBody},
		{"an unknown Page is 400 code 100 subcode 33", "/facebook/v25.0/999?access_token=t", "", 400, ""},
		{"a Page answers its fields and id only", "/facebook/v25.0/" + pageID + "?fields=name&access_token=t", "", 200, `{"id":"` + pageID + `","name":"Acme Widgets"}`},
	}
	s := newServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := call(t, s, tt.target, tt.token)
			wantStatus(t, rec, tt.status)
			if tt.body != "" {
				wantJSONBody(t, rec, tt.body)
			}
		})
	}
}

func TestLinkedInInsistsOnTheVersionHeaders(t *testing.T) {
	s := newServer(t, Config{})
	for header, body := range map[string]string{"LinkedIn-Version": linkedin.VersionBody, "X-Restli-Protocol-Version": linkedin.ProtocolBody} {
		req := httptest.NewRequest(http.MethodGet, "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets", nil)
		req.Header.Set("Authorization", "Bearer t")
		req.Header.Set("LinkedIn-Version", "202607")
		req.Header.Set("X-Restli-Protocol-Version", "2.0.0")
		req.Header.Del(header)
		rec := newRecorder(s, req)
		wantStatus(t, rec, 400)
		wantJSONBody(t, rec, body)
	}
}

func TestGraphReportsTheAppsUsage(t *testing.T) {
	s := newServer(t, Config{})
	rec := call(t, s, "/facebook/v25.0/pages/search?q=acme&access_token=t", "")
	var u struct {
		CallCount *float64 `json:"call_count"`
	}
	if err := json.Unmarshal([]byte(rec.Header().Get("X-App-Usage")), &u); err != nil || u.CallCount == nil {
		t.Fatalf("X-App-Usage = %q, want call_count", rec.Header().Get("X-App-Usage"))
	}
}

func TestSocialFaultsAnswerAsTheProviderDoes(t *testing.T) {
	xTarget, liTarget := "/x/2/users/by?usernames=acmewidgets", "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets"
	fbTarget, webTarget := "/facebook/v25.0/pages/search?q=acme&access_token=t", "/website/acme-widgets.example/"
	tests := []struct {
		name, provider, target string
		faults                 Faults
		status                 int
		header                 string
		check                  func(string) bool
	}{
		{"an X 5xx is a 503 problem", ProviderX, xTarget, Faults{Status5xx: 1}, 503, "", nil},
		{"an X rate limit is a 429 with the reset to come", ProviderX, xTarget, Faults{RateLimited: 1, RetryAfter: time.Minute}, 429, "x-rate-limit-reset",
			func(v string) bool { n, err := strconv.ParseInt(v, 10, 64); return err == nil && n > time.Now().Unix() }},
		{"an X revoked token is 401", ProviderX, xTarget, Faults{Unauthorized: 1}, 401, "", nil},
		{"a LinkedIn 5xx is a 503", ProviderLinkedIn, liTarget, Faults{Status5xx: 1}, 503, "", nil},
		{"a LinkedIn spent quota is 429 without a header", ProviderLinkedIn, liTarget, Faults{RateLimited: 1}, 429, "Retry-After", func(v string) bool { return v == "" }},
		{"a LinkedIn revoked token is 401", ProviderLinkedIn, liTarget, Faults{Unauthorized: 1}, 401, "", nil},
		{"a Graph 5xx is a 503 transient error", ProviderFacebook, fbTarget, Faults{Status5xx: 1}, 503, "", nil},
		{"a Graph throttle is 400 code 80001 estimating whole minutes", ProviderFacebook, fbTarget, Faults{RateLimited: 1, RetryAfter: 61 * time.Second}, 400,
			"X-Business-Use-Case-Usage", func(v string) bool { return strings.Contains(v, `"estimated_time_to_regain_access":2`) }},
		{"a Graph revoked token is 400 code 190", ProviderFacebook, fbTarget, Faults{Unauthorized: 1}, 400, "", nil},
		{"a website 5xx is a 503 page", ProviderWebsite, webTarget, Faults{Status5xx: 1}, 503, "Content-Type", func(v string) bool { return strings.HasPrefix(v, "text/html") }},
		{"a website rate limit is a 429 with Retry-After", ProviderWebsite, webTarget, Faults{RateLimited: 1, RetryAfter: 30 * time.Second}, 429, "Retry-After", func(v string) bool { return v == "30" }},
		{"a website refusing readers is a 403 page", ProviderWebsite, webTarget, Faults{Unauthorized: 1}, 403, "", nil},
		{"a truncated website page stays HTML", ProviderWebsite, webTarget, Faults{Malformed: 1}, 200, "Content-Type", func(v string) bool { return strings.HasPrefix(v, "text/html") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Config{Faults: map[string]Faults{tt.provider: tt.faults}})
			rec := call(t, s, tt.target, "t")
			wantStatus(t, rec, tt.status)
			if tt.check != nil && !tt.check(rec.Header().Get(tt.header)) {
				t.Fatalf("%s = %q", tt.header, rec.Header().Get(tt.header))
			}
		})
	}
}

func TestSitesThatDoNotExistAre404(t *testing.T) {
	s := newServer(t, Config{})
	dissolved, _ := CompanyByNumber("09876543")
	for _, target := range []string{"/website/" + dissolved.Domain + "/", "/website/no-such-company.example/", "/website/acme-widgets.example/careers"} {
		wantStatus(t, call(t, s, target, ""), 404)
	}
}

func TestPresenceIsStableAndVaried(t *testing.T) {
	var counts [4]int
	for _, c := range Companies() {
		p := PresenceOf(c)
		for i, has := range []bool{p.X, p.LinkedIn, p.Facebook, p.Website} {
			if has {
				counts[i]++
			}
		}
		if p != PresenceOf(c) {
			t.Fatalf("%s's presence changes between calls", c.Number)
		}
	}
	for i, n := range counts {
		if n < 100 || n == len(Companies()) {
			t.Errorf("presence %d: %d of %d companies, want most but not all", i, n, len(Companies()))
		}
	}
}
