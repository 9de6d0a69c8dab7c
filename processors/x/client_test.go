package x

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

const acmeDomain = "acme-widgets.example"

func TestLookupFindsTheCompanyAccountAmongTheCandidates(t *testing.T) {
	api := newFakeAPI(t, map[string]http.HandlerFunc{"/2/users/by": file(t, 200, "users_by_partial_errors.json",
		"x-rate-limit-limit", "300", "x-rate-limit-remaining", "299", "x-rate-limit-reset", strconv.FormatInt(testNow.Add(15*time.Minute).Unix(), 10))})
	c := newTestClient(t, api.URL, nil)
	res, err := c.Lookup(context.Background(), request("Acme Widgets Ltd", acmeDomain))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != schemas.StatusOK || res.Provider != "x" || res.Layer != schemas.LayerPrimary || res.Company.Name != "Acme Widgets" {
		t.Fatalf("result = %+v, want the Acme Widgets account", res)
	}
	if len(res.Executives) != 0 || res.Executives == nil {
		t.Fatalf("executives = %v, want an empty list: X names accounts, not officers", res.Executives)
	}
	if res.APICalls != 1 || math.Abs(res.CostUSD-0.02) > 1e-9 || res.Confidence != 0.5 {
		t.Fatalf("calls %d cost %g confidence %g, want 1 call, two user reads at $0.01 and 0.5", res.APICalls, res.CostUSD, res.Confidence)
	}
	q := queryOf(t, api.got()[0])
	if q.Get("usernames") != "acmewidgets,acme_widgets,acmewidgetshq" || !strings.Contains(q.Get("user.fields"), "entities") {
		t.Fatalf("users lookup query = %v", q)
	}
}

func TestLookupSearchesForAccountsLinkingToTheSiteWhenNoHandleFits(t *testing.T) {
	linking := `{"data":[{"id":"1","text":"New widgets https://t.co/x","author_id":"77"}],
		"includes":{"users":[{"id":"77","name":"ACME Official","username":"acme_official","verified":true,"verified_type":"business",
		"url":"https://t.co/abc","entities":{"url":{"urls":[{"url":"https://t.co/abc","expanded_url":"https://www.acme-widgets.example/"}]}}}]},
		"meta":{"result_count":1}}`
	api := newFakeAPI(t, map[string]http.HandlerFunc{
		"/2/users/by":             file(t, 200, "user_not_found_200.json"),
		"/2/tweets/search/recent": body(200, linking),
	})
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), request("Acme Widgets", acmeDomain))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != schemas.StatusOK || res.Company.Name != "ACME Official" || deref(res.Company.Website) != "https://www.acme-widgets.example/" {
		t.Fatalf("result = %+v, want the account linking to the site", res)
	}
	if res.APICalls != 2 || math.Abs(res.CostUSD-0.015) > 1e-9 {
		t.Fatalf("calls %d cost %g, want 2 calls: one post and one user read", res.APICalls, res.CostUSD)
	}
	q := queryOf(t, api.got()[1])
	if q.Get("query") != `url:"acme-widgets.example" -is:retweet` || q.Get("expansions") != "author_id" || q.Get("max_results") != "10" {
		t.Fatalf("search query = %v", q)
	}
}

func TestLookupNotFound(t *testing.T) {
	tests := []struct {
		name   string
		domain string
		tweak  func(*Config)
		calls  int32
	}{
		{"an account whose posts mention the company but is not it is not the company", acmeDomain, nil, 2},
		{"without a domain there is no search", "", nil, 1},
		{"with search turned off there is no search", acmeDomain, func(c *Config) { c.NoSearch = true }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]http.HandlerFunc{
				"/2/users/by":             file(t, 200, "user_not_found_200.json"),
				"/2/tweets/search/recent": file(t, 200, "tweets_search_recent.json"),
			})
			res, err := newTestClient(t, api.URL, tt.tweak).Lookup(context.Background(), request("Acme Widgets", tt.domain))
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != schemas.StatusNotFound || res.APICalls != tt.calls || res.Company != nil {
				t.Fatalf("result = %+v, want NOT_FOUND after %d calls", res, tt.calls)
			}
		})
	}
}

func TestLookupFailuresAreClassified(t *testing.T) {
	reset := strconv.FormatInt(testNow.Add(9*time.Minute).Unix(), 10)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		class   failure.Class
		wait    time.Duration
		timeout time.Duration // 0: the default
	}{
		{"a 401 is auth", file(t, 401, "error_401.json"), failure.Auth, 0, 0},
		{"a 402 for spent credits is auth", file(t, 402, "error_402_credits_depleted.json"), failure.Auth, 0, 0},
		{"a 429 waits until the reset header", file(t, 429, "error_429.json", "x-rate-limit-reset", reset), failure.RateLimited, 9 * time.Minute, 0},
		{"a 400 invalid request is permanent", file(t, 400, "error_400.json"), failure.Permanent, 0, 0},
		{"a 503 is transient", body(503, `{"title":"Service Unavailable","type":"about:blank","status":503}`), failure.Transient, 0, 0},
		{"an HTML page with 200 is a bad response", body(200, "<html>oops</html>"), failure.BadResponse, 0, 0},
		{"a call the server never answers is transient", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, failure.Transient, 0, 50 * time.Millisecond},
		{"an error that echoes the token is quoted without it", body(401, `{"title":"Unauthorized","detail":"token `+testToken+` is revoked","type":"about:blank","status":401}`), failure.Auth, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]http.HandlerFunc{"/2/users/by": tt.handler})
			c := newTestClient(t, api.URL, func(c *Config) { c.Timeout = tt.timeout })
			_, err := c.Lookup(context.Background(), request("Acme Widgets", acmeDomain))
			wantClass(t, err, tt.class)
			if got := failure.RetryAfterOf(err); got != tt.wait {
				t.Fatalf("RetryAfter = %s, want %s", got, tt.wait)
			}
		})
	}
}

func TestATransportErrorCarriesNoToken(t *testing.T) {
	api := newFakeAPI(t, nil)
	api.Close()
	_, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), request("Acme Widgets", acmeDomain))
	wantClass(t, err, failure.Transient)
}

func TestCandidates(t *testing.T) {
	tests := []struct {
		name, company, domain string
		want                  []string
	}{
		{"the domain label comes first, then the name", "Acme Widgets Ltd", "www.acme-widgets.example", []string{"acmewidgets", "acme_widgets", "acmewidgetshq"}},
		{"a name alone gives its handles", "Zoetrope Pots Ltd", "", []string{"zoetropepots", "zoetrope_pots", "zoetropepotshq"}},
		{"handles longer than fifteen characters are dropped", "Bramblewick Sprockets Limited", "bramblewick-sprockets.example", nil},
		{"a short name with hq fits", "Nova Ltd", "nova.example", []string{"nova", "novahq"}},
		{"diacritics are folded", "Café Olé Ltd", "", []string{"cafeole", "cafe_ole", "cafeolehq"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := candidates(request(tt.company, tt.domain)); !slices.Equal(got, tt.want) {
				t.Fatalf("candidates = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConfidence(t *testing.T) {
	site := user{Name: "Acme Widgets", Username: "acmewidgets", Verified: true}
	site.Entities.URL.URLs = append(site.Entities.URL.URLs, struct {
		URL         string `json:"url"`
		ExpandedURL string `json:"expanded_url"`
	}{"https://t.co/a", "https://acme-widgets.example"})
	tests := []struct {
		name string
		u    user
		want float64
	}{
		{"a verified same-named account linking to the site scores 1", site, 1},
		{"a same-named account with nothing else scores 0.5", user{Name: "Acme Widgets", Username: "acme"}, 0.5},
		{"a matching handle counts as a matching name", user{Name: "Widgets!", Username: "acmewidgets"}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := weights.Confidence(weigh(tt.u, request("Acme Widgets Ltd", acmeDomain))); math.Abs(got-tt.want) > 1e-9 {
				t.Fatalf("confidence = %g, want %g", got, tt.want)
			}
		})
	}
}

func TestConfigNeedsTheBearerToken(t *testing.T) {
	_, err := New(Config{})
	if err == nil || !strings.Contains(err.Error(), "LEADGEN_X_BEARER_TOKEN") {
		t.Fatalf("New without a token = %v, want an error naming LEADGEN_X_BEARER_TOKEN", err)
	}
	_, err = New(Config{BearerToken: testToken, Settings: apihttp.Settings{BaseURL: "ftp://x?token=" + testToken}})
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Fatalf("New with a bad base url = %v, want an error without the query", err)
	}
}

func TestConfigRefusesAPricePerCallAndNegativeReadPrices(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"a price per call", Config{Settings: apihttp.Settings{CostPerCall: 0.01}}, "x bills per item read, not per call"},
		{"a negative user read price", Config{CostPerUserRead: -1}, "x costs must not be negative, got -1 per user"},
		{"a negative post read price", Config{CostPerPostRead: -1}, "x costs must not be negative, got 0.01 per user and -1 per post"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.BearerToken = testToken
			if _, err := New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New = %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

func queryOf(t *testing.T, pathQuery string) url.Values {
	t.Helper()
	_, raw, _ := strings.Cut(pathQuery, "?")
	q, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestASameNamedAccountLinkingToAnotherSiteIsNotTheCompany(t *testing.T) {
	other := `{"data":[{"id":"9","name":"Acme Widgets","username":"acmewidgets","url":"https://t.co/z",
		"entities":{"url":{"urls":[{"url":"https://t.co/z","expanded_url":"https://acme-widgets.example.org/"}]}}}]}`
	api := newFakeAPI(t, map[string]http.HandlerFunc{"/2/users/by": body(200, other)})
	res, err := newTestClient(t, api.URL, func(c *Config) { c.NoSearch = true }).Lookup(context.Background(), request("Acme Widgets", acmeDomain))
	if err != nil || res.Status != schemas.StatusNotFound {
		t.Fatalf("Lookup = %+v, %v, want NOT_FOUND: the account is another company's", res, err)
	}
}
