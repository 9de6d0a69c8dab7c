package linkedin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
)

// The renewal's secrets, distinctive so a leak is easy to find; the
// refresh token has characters that change when form-escaped.
const (
	testRefreshToken = "li-sentinel-refresh-3f1e9c7a+/=&%"
	testClientID     = "li-test-client-id"
	testClientSecret = "li-sentinel-secret-6b2d8e4f"
)

// recorder is a transport that keeps, per call, the method, path and
// bearer token sent.
type recorder struct {
	mu    sync.Mutex
	calls []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.calls = append(r.calls, req.Method+" "+req.URL.Path+" "+strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer "))
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

// renewals counts the calls to the token endpoint.
func (r *recorder) renewals() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, c := range r.calls {
		if strings.HasPrefix(c, "POST ") {
			n++
		}
	}
	return n
}

// lastToken is the bearer token of the last API call.
func (r *recorder) lastToken() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.calls) - 1; i >= 0; i-- {
		if f := strings.Fields(r.calls[i]); f[0] == "GET" && len(f) == 3 {
			return f[2]
		}
	}
	return ""
}

// clock is a test clock turned by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// renewingClient is a client of base (API and token endpoint both) with
// cfg's token settings and the app's client id and secret, recording its
// calls, on a clock starting at testNow.
func renewingClient(t *testing.T, base string, cfg Config) (*Client, *recorder, *clock) {
	t.Helper()
	rec, clk := &recorder{}, &clock{now: testNow}
	cfg.BaseURL, cfg.OAuthURL, cfg.ClientID, cfg.ClientSecret = base, base, testClientID, testClientSecret
	cfg.HTTPClient = &http.Client{Transport: rec}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.now = clk.Now
	return c, rec, clk
}

func sandboxBase(t *testing.T) string {
	t.Helper()
	return providertest.Sandbox(t, sandbox.ProviderLinkedIn, sandbox.Faults{}) + sandbox.LinkedInPrefix
}

// lookupAcme looks up the company every sandbox test looks up.
func lookupAcme(c *Client) error {
	_, err := c.Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
	return err
}

func TestALinkedInTokenWithoutThePermissionIsAuthNamingIt(t *testing.T) {
	err := lookupAcme(againstSandbox(t, sandbox.Faults{}, sandbox.LinkedInNoPermissionPrefix+"member-token"))
	wantClass(t, err, failure.Auth)
	for _, want := range []string{"ACCESS_DENIED", "organizations.FINDER-vanityName.20260701", "the token lacks rw_organization_admin (Community Management API product)"} {
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("err = %v, want it to say %q", err, want)
		}
	}
}

func TestALinkedInTokenMintedWithoutThePermissionIsAuthNamingIt(t *testing.T) {
	c, _, _ := renewingClient(t, sandboxBase(t), Config{RefreshToken: sandbox.LinkedInNoPermissionPrefix + "refresh"})
	err := lookupAcme(c)
	wantClass(t, err, failure.Auth)
	if !strings.Contains(err.Error(), Permission) {
		t.Fatalf("err = %v, want it to name %s", err, Permission)
	}
}

func TestTheLinkedInTokenIsRenewedADayBeforeItLapses(t *testing.T) {
	expires := testNow.Add(30 * 24 * time.Hour)
	c, rec, clk := renewingClient(t, sandboxBase(t), Config{AccessToken: testToken, AccessTokenExpiresAt: expires, RefreshToken: testRefreshToken})
	if err := lookupAcme(c); err != nil || rec.renewals() != 0 || rec.lastToken() != testToken {
		t.Fatalf("a month before the lapse: err %v, %d renewals, token %q; want the configured token as it is", err, rec.renewals(), rec.lastToken())
	}
	clk.set(expires.Add(-12 * time.Hour))
	if err := lookupAcme(c); err != nil || rec.renewals() != 1 || rec.lastToken() == testToken {
		t.Fatalf("12 hours before the lapse: err %v, %d renewals, token %q; want one renewal and the new token", err, rec.renewals(), rec.lastToken())
	}
	e := c.Expiry()
	if !e.Renewable || !e.Token.Equal(clk.Now().Add(60*24*time.Hour)) || !e.Refresh.Equal(clk.Now().Add(365*24*time.Hour)) {
		t.Fatalf("expiry = %+v, want a 60-day token renewed by a 365-day refresh token", e)
	}
	if err := lookupAcme(c); err != nil || rec.renewals() != 1 {
		t.Fatalf("after the renewal: err %v, %d renewals; want the new token kept", err, rec.renewals())
	}
}

func TestALinkedInRefreshTokenAloneMintsTheFirstToken(t *testing.T) {
	c, rec, _ := renewingClient(t, sandboxBase(t), Config{RefreshToken: testRefreshToken})
	if err := lookupAcme(c); err != nil || rec.renewals() != 1 || !strings.HasPrefix(rec.lastToken(), "sandbox-li-") {
		t.Fatalf("err %v, %d renewals, token %q; want one renewal before the first call", err, rec.renewals(), rec.lastToken())
	}
}

func TestConcurrentLinkedInLookupsShareOneRenewal(t *testing.T) {
	c, rec, _ := renewingClient(t, sandboxBase(t), Config{RefreshToken: testRefreshToken})
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if err := lookupAcme(c); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := rec.renewals(); n != 1 {
		t.Fatalf("%d renewals for 20 concurrent lookups, want 1", n)
	}
}

func TestALinkedIn401RenewsTheTokenAndCallsOnceMore(t *testing.T) {
	// The sandbox refuses the token "invalid" as LinkedIn refuses a
	// revoked one: 401 INVALID_ACCESS_TOKEN.
	c, rec, _ := renewingClient(t, sandboxBase(t), Config{AccessToken: "invalid", RefreshToken: testRefreshToken})
	if err := lookupAcme(c); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	first, second := rec.calls[0], rec.calls[1]
	rec.mu.Unlock()
	if !strings.HasSuffix(first, " invalid") || !strings.HasPrefix(second, "POST /linkedin"+TokenPath) || rec.renewals() != 1 {
		t.Fatalf("calls %q, want the refused call, then one renewal", rec.calls)
	}
}

func TestARefusedLinkedInRefreshTokenIsAuthAndNotTriedAgain(t *testing.T) {
	// The sandbox refuses the refresh token "invalid", which is scrubbed
	// from the endpoint's message like any refresh token.
	c, rec, _ := renewingClient(t, sandboxBase(t), Config{AccessToken: "invalid", RefreshToken: "invalid"})
	for _, reason := range []string{"refresh token is [redacted], expired or revoked", "the refresh token was refused too"} {
		err := lookupAcme(c)
		wantClass(t, err, failure.Auth)
		if !strings.Contains(err.Error(), reason) || !strings.Contains(err.Error(), "authorize the app again") {
			t.Fatalf("err = %v, want %q and what to do", err, reason)
		}
	}
	if rec.renewals() != 1 || c.Expiry().Renewable {
		t.Fatalf("%d renewals, expiry %+v; want one refused renewal, then none", rec.renewals(), c.Expiry())
	}
}

// fakeOAuth serves the finder to any token, and the token endpoint with
// grantHandler.
func fakeOAuth(t *testing.T, grantHandler http.HandlerFunc) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+TokenPath, grantHandler)
	mux.HandleFunc("GET /rest/organizations", body(200, emptyFinder))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestTheLinkedInRenewalsSecretsAppearInNoError(t *testing.T) {
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			desc := "refused " + r.PostForm.Encode() + " " + r.PostForm.Get("refresh_token") + " " + r.PostForm.Get("client_secret")
			body(status, `{"error":"invalid_request","error_description":`+quote(desc)+`}`)(w, r)
		}
	}
	tests := []struct {
		name    string
		handler http.HandlerFunc
		class   failure.Class
	}{
		{"a refusal echoing the form is auth", echo(400), failure.Auth},
		{"a client refusal echoing the form is auth", echo(401), failure.Auth},
		{"a 503 is transient", echo(503), failure.Transient},
		{"a grant without a token is a bad response", body(200, `{"expires_in":5184000}`), failure.BadResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, _ := renewingClient(t, fakeOAuth(t, tt.handler), Config{RefreshToken: testRefreshToken})
			err := lookupAcme(c)
			wantClass(t, err, tt.class)
			wantNoSecret(t, err)
		})
	}
}

func TestALinkedInRenewalFailingAheadOfTheLapseKeepsTheOldToken(t *testing.T) {
	expires := testNow.Add(12 * time.Hour)
	c, rec, clk := renewingClient(t, fakeOAuth(t, body(503, `{}`)),
		Config{AccessToken: testToken, AccessTokenExpiresAt: expires, RefreshToken: testRefreshToken})
	if err := lookupAcme(c); err != nil || rec.lastToken() != testToken || rec.renewals() != 1 {
		t.Fatalf("err %v, token %q, %d renewals; want the lookup served by the old token", err, rec.lastToken(), rec.renewals())
	}
	if err := lookupAcme(c); err != nil || rec.renewals() != 1 {
		t.Fatalf("err %v, %d renewals; want no second try within %s", err, rec.renewals(), retryRenewAfter)
	}
	clk.set(testNow.Add(retryRenewAfter))
	if _ = lookupAcme(c); rec.renewals() != 2 {
		t.Fatalf("%d renewals, want another try after %s", rec.renewals(), retryRenewAfter)
	}
	clk.set(expires)
	wantClass(t, lookupAcme(c), failure.Transient)
}

func TestLinkedInConfigNeedsATokenAndTheAppsCredentialsWithARefreshToken(t *testing.T) {
	_, err := New(Config{RefreshToken: testRefreshToken})
	if err == nil || !strings.Contains(err.Error(), "LEADGEN_LINKEDIN_CLIENT_ID") || !strings.Contains(err.Error(), "LEADGEN_LINKEDIN_CLIENT_SECRET") {
		t.Fatalf("a refresh token without the app's credentials = %v, want both named", err)
	}
	if _, err := New(Config{RefreshToken: testRefreshToken, ClientID: testClientID, ClientSecret: testClientSecret}); err != nil {
		t.Fatalf("a refresh token alone = %v, want it enough", err)
	}
	if _, err := New(Config{AccessToken: testToken, OAuthURL: "not a url"}); err == nil {
		t.Fatal("an oauth url that is not one was accepted")
	}
}

func wantNoSecret(t *testing.T, err error) {
	t.Helper()
	for _, s := range []string{testToken, testRefreshToken, url.QueryEscape(testRefreshToken), testClientSecret} {
		if strings.Contains(err.Error(), s) {
			t.Fatalf("error text carries a secret: %v", err)
		}
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
