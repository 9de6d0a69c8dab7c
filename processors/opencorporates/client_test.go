package opencorporates

import (
	"context"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

func TestLookupAgainstTheFixtures(t *testing.T) {
	fixturePeople := []string{"Jane Elizabeth Doe (director)", "Robert James Oldham (secretary)", "Samir Patel (director)"}
	tests := []struct {
		name   string
		req    *schemas.CompanyRequest
		status schemas.Status
		calls  int32
		people []string
	}{
		{"a company number goes straight to the company", byNumber("12345678"), schemas.StatusOK, 1, fixturePeople},
		{"a company number typed with spaces is cleaned up", byNumber(" 1234 5678 "), schemas.StatusOK, 1, fixturePeople},
		{"a name finds its company through search first", byName("Acme Widgets"), schemas.StatusOK, 2, fixturePeople},
		{"a name in other case with a legal suffix still matches", byName("acme widgets ltd."), schemas.StatusOK, 2, fixturePeople},
		{"a company number typed as the name wins over names", byName("12345678"), schemas.StatusOK, 2, fixturePeople},
		{"a name below the match threshold is not found", byName("Acme Interplanetary Shipping"), schemas.StatusNotFound, 1, nil},
		{"a name the search does not know is not found", byName("Zephyr Marine Insurance"), schemas.StatusNotFound, 1, nil},
		{"an unknown company number is not found", byNumber("99999999"), schemas.StatusNotFound, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, fixtureRoutes(t))
			res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.status || res.APICalls != tt.calls || int(res.APICalls) != api.total() {
				t.Fatalf("status %s with %d calls (server saw %d), want %s with %d", res.Status, res.APICalls, api.total(), tt.status, tt.calls)
			}
			if got := names(res.Executives); !slices.Equal(got, tt.people) && len(got)+len(tt.people) > 0 {
				t.Fatalf("people = %q, want %q", got, tt.people)
			}
			if res.Provider != "" || res.Layer != schemas.LayerSecondary || res.Executives == nil {
				t.Fatalf("result = %+v, want no provider, layer SECONDARY", res)
			}
		})
	}
}

func TestExecutivesCarryTheFixtureFacts(t *testing.T) {
	for _, fixture := range []string{"company.json", "company_with_token.json"} {
		t.Run(fixture, func(t *testing.T) {
			routes := map[string]http.HandlerFunc{"/companies/gb/12345678": file(t, 200, fixture)}
			res, err := newTestClient(t, newFakeAPI(t, routes).URL, nil).Lookup(context.Background(), byNumber("12345678"))
			if err != nil {
				t.Fatal(err)
			}
			wantExecutives(t, res.Executives)
		})
	}
}

func wantExecutives(t *testing.T, got []schemas.Executive) {
	t.Helper()
	tests := []struct {
		name                       string
		normalized, appointed, ref string
		resigned                   string
		confidence                 float64
	}{
		{"a current director comes first at full confidence", "jane elizabeth doe", "2019-03-14", "https://opencorporates.com/officers/273469936", "", 1},
		{"a secretary with an end date has resigned", "robert james oldham", "1998-04-01", "https://opencorporates.com/officers/189497529", "2000-04-07", 0.5},
		{"a director marked inactive is former though its status says CURRENT", "samir patel", "2021-01-04", "https://opencorporates.com/officers/277907080", "", 0.5},
	}
	if len(got) != len(tests) {
		t.Fatalf("%d executives %q, want %d (the corporate secretary skipped)", len(got), names(got), len(tests))
	}
	for i, tt := range tests {
		e := got[i]
		if e.NormalizedName != tt.normalized || deref(e.AppointedOn) != tt.appointed || deref(e.SourceRef) != tt.ref ||
			deref(e.ResignedOn) != tt.resigned || e.Confidence != tt.confidence || !slices.Equal(e.Sources, []string{"opencorporates"}) {
			t.Errorf("%s: executive = %+v", tt.name, e)
		}
	}
}

func TestConfidenceAndProfileFromTheFixture(t *testing.T) {
	api := newFakeAPI(t, fixtureRoutes(t))
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil {
		t.Fatal(err)
	}
	// Fetched by number (1) with 1 of 3 people in post: 1 × (0.5 + 0.5 × 1/3).
	if want := 0.5 + 0.5/3; math.Abs(res.Confidence-want) > 1e-12 {
		t.Fatalf("confidence = %g, want %g", res.Confidence, want)
	}
	c := res.Company
	if c.Name != "ACME WIDGETS LIMITED" || deref(c.Number) != "12345678" || deref(c.Status) != "active" ||
		deref(c.IncorporatedOn) != "1998-04-01" || deref(c.Address) != "10 High Street, London, EC1A 1BB" {
		t.Fatalf("company = %+v", c)
	}
}

func TestOfficerNamesAreTrimmedAndANullInactiveIsNoEvidence(t *testing.T) {
	routes := map[string]http.HandlerFunc{"/companies/gb/12345678": body(200, `{"results":{"company":{
		"name":"ACME WIDGETS LIMITED","company_number":"12345678","officers":[
		{"officer":{"name":"\n  PRIYA KHAN ","position":"director","start_date":"2020-01-01","end_date":null,"inactive":null,"current_status":null}},
		{"officer":{"name":"\n \"ACME\" NOMINEES LTD","position":"nominee director","inactive":false}},
		{"officer":{"name":"   ","position":"director"}}]}}}`)}
	res, err := newTestClient(t, newFakeAPI(t, routes).URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res.Executives); !slices.Equal(got, []string{"Priya Khan (director)"}) || res.Executives[0].Confidence != 1 {
		t.Fatalf("people = %q (%+v), want Priya Khan in post", got, res.Executives)
	}
}

func TestFailuresAreClassifiedThroughLookup(t *testing.T) {
	tests := []struct {
		name   string
		answer http.HandlerFunc
		class  failure.Class
	}{
		{"a spent quota is rate limited", file(t, 403, "error_403_quota.json"), failure.RateLimited},
		{"a bad token is auth", file(t, 401, "error_401.json"), failure.Auth},
		{"the throttle page is rate limited", file(t, 200, "quota_exceeded.html"), failure.RateLimited},
		{"a 503 is transient", body(503, `{"error":{"message":"Service temporarily unavailable"}}`), failure.Transient},
		{"JSON of the wrong shape is a bad response", body(200, `{"results":{"company":{}}}`), failure.BadResponse},
		{"a server that never answers times out as transient", hang, failure.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]http.HandlerFunc{"/companies/gb/12345678": tt.answer})
			c := newTestClient(t, api.URL, func(c *Config) { c.Timeout = 50 * time.Millisecond })
			res, err := c.Lookup(context.Background(), byNumber("12345678"))
			if res != nil {
				t.Fatalf("result %+v alongside an error", res)
			}
			wantClass(t, err, tt.class)
		})
	}
}

func TestAFailedSearchIsClassified(t *testing.T) {
	api := newFakeAPI(t, map[string]http.HandlerFunc{"/companies/search": file(t, 403, "error_403_quota.json")})
	_, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byName("Acme Widgets"))
	wantClass(t, err, failure.RateLimited)
	if !strings.Contains(err.Error(), `search companies for "Acme Widgets"`) {
		t.Fatalf("err = %v, want it to name the search", err)
	}
}

func TestTheTokenNeverAppearsInErrors(t *testing.T) {
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body(status, `{"error":{"message":"bad request for `+r.URL.String()+` with token `+testToken+`"}}`)(w, r)
		}
	}
	redirect := func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.String(), http.StatusFound) }
	tests := []struct {
		name   string
		answer http.HandlerFunc
	}{
		{"a 400 echoing the URL and token", echo(400)},
		{"a 403 echoing the URL and token", echo(403)},
		{"a 500 echoing the URL and token", echo(500)},
		{"a redirect loop back to the URL", redirect},
		{"a call that times out", hang},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]http.HandlerFunc{"/companies/gb/12345678": tt.answer})
			c := newTestClient(t, api.URL, func(c *Config) { c.Timeout = 50 * time.Millisecond })
			_, err := c.Lookup(context.Background(), byNumber("12345678"))
			if err == nil || strings.Contains(err.Error(), testToken) {
				t.Fatalf("err = %v, want an error without the token", err)
			}
		})
	}
}

func TestARefusedConnectionIsTransientAndKeepsTheTokenOut(t *testing.T) {
	api := newFakeAPI(t, nil)
	api.Close()
	_, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	wantClass(t, err, failure.Transient)
}

func TestTheCallersDeadlineIsTransient(t *testing.T) {
	api := newFakeAPI(t, map[string]http.HandlerFunc{"/companies/gb/12345678": hang})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newTestClient(t, api.URL, nil).Lookup(ctx, byNumber("12345678"))
	wantClass(t, err, failure.Transient)
}

func TestBadRequestsFailWithoutACall(t *testing.T) {
	tests := []struct {
		name string
		req  *schemas.CompanyRequest
	}{
		{"a request with neither name nor number", byName("  ")},
		{"a company number with a slash", byNumber("1234/678")},
		{"a company number that is too long", byNumber("123456789")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, nil)
			_, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), tt.req)
			wantClass(t, err, failure.Permanent)
			if api.total() != 0 {
				t.Fatalf("%d calls made for a bad request", api.total())
			}
		})
	}
}

func TestCostIsCallsTimesCostPerCall(t *testing.T) {
	api := newFakeAPI(t, fixtureRoutes(t))
	c := newTestClient(t, api.URL, func(c *Config) { c.CostPerCall = 0.05 })
	res, err := c.Lookup(context.Background(), byName("Acme Widgets"))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.CostUSD-0.1) > 1e-12 {
		t.Fatalf("cost = %g for %d calls, want 0.1", res.CostUSD, res.APICalls)
	}
}
