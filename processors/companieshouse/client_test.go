package companieshouse

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

func TestLookupAgainstTheFixtures(t *testing.T) {
	fixturePeople := []string{"DOE, Jane Elizabeth (director)", "SMITH, Robert (secretary)",
		"Doe, Jane Elizabeth (person-with-significant-control)", "BROWN, Alice (director)"}
	tests := []struct {
		name   string
		req    *schemas.CompanyRequest
		status schemas.Status
		calls  int32
		people []string
	}{
		{"a company number goes straight to the profile, officers and PSCs", byNumber("12345678"), schemas.StatusOK, 3, fixturePeople},
		{"a name finds its company through search first", byName("Acme Widgets"), schemas.StatusOK, 4, fixturePeople},
		{"a name in other case with a legal suffix still matches", byName("acme widgets ltd."), schemas.StatusOK, 4, fixturePeople},
		{"a company number typed as the name wins over titles", byName("12345678"), schemas.StatusOK, 4, fixturePeople},
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
			if res.Provider != ProviderName || res.Layer != schemas.LayerPrimary || res.Executives == nil {
				t.Fatalf("result = %+v", res)
			}
		})
	}
}

func TestExecutivesCarryTheFixtureFacts(t *testing.T) {
	api := newFakeAPI(t, fixtureRoutes(t))
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                       string
		idx                        int
		normalized, appointed, ref string
		resigned                   *string
		confidence                 float64
	}{
		{"a current director keeps the officer's appointments link", 0, "jane elizabeth doe", "2019-03-14",
			"/officers/lMmiFHEDXUISPwYXxzPD-ZijlII/appointments", nil, 1},
		{"a PSC drops the title and links to the PSC record", 2, "jane elizabeth doe", "2019-03-14",
			"/company/12345678/persons-with-significant-control/individual/vLLtcUU1xdVC4x3tXu2szkiDluE", nil, 1},
		{"a resigned director comes last, marked and discounted", 3, "alice brown", "2019-03-14",
			"/officers/BTm_QC6Xb5sDtmOLgLh0vJYyYzE/appointments", ptr("2020-11-30"), 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := res.Executives[tt.idx]
			if e.NormalizedName != tt.normalized || deref(e.AppointedOn) != tt.appointed || deref(e.SourceRef) != tt.ref ||
				deref(e.ResignedOn) != deref(tt.resigned) || e.Confidence != tt.confidence || !slices.Equal(e.Sources, []string{"companies_house"}) {
				t.Fatalf("executive = %+v", e)
			}
		})
	}
}

func TestProfileAndConfidenceFromTheFixtures(t *testing.T) {
	api := newFakeAPI(t, fixtureRoutes(t))
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Company
	if c.Name != "ACME WIDGETS LIMITED" || deref(c.Number) != "12345678" || deref(c.Status) != "active" ||
		deref(c.Type) != "ltd" || deref(c.IncorporatedOn) != "2019-03-14" ||
		deref(c.Address) != "10 High Street, London, EC1A 1BB, United Kingdom" || !slices.Equal(c.SICCodes, []string{"62012", "62020"}) {
		t.Fatalf("company = %+v", c)
	}
	// Matched by number (1) with 3 of 4 people in post: 1 × (0.5 + 0.5 × 3/4).
	if res.Confidence != 0.875 {
		t.Fatalf("confidence = %g, want 0.875", res.Confidence)
	}
}

func TestASearchAnswering404IsNotFound(t *testing.T) {
	api := newFakeAPI(t, map[string]http.HandlerFunc{"/search/companies": body(404, `{"errors":[{"error":"not-found"}]}`)})
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byName("Acme Widgets"))
	if err != nil || res.Status != schemas.StatusNotFound || res.APICalls != 1 {
		t.Fatalf("lookup = %+v, %v; want NOT_FOUND after one call", res, err)
	}
}

func TestOfficersArePagedUntilTotalResults(t *testing.T) {
	routes := fixtureRoutes(t)
	routes["/company/12345678/officers"] = onePerPage(t)
	api := newFakeAPI(t, routes)
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil {
		t.Fatal(err)
	}
	if res.APICalls != 5 || api.callsTo("/company/12345678/officers") != 3 {
		t.Fatalf("%d calls, %d to officers; want 5 and 3", res.APICalls, api.callsTo("/company/12345678/officers"))
	}
	if got := len(res.Executives); got != 4 {
		t.Fatalf("%d executives, want 4", got)
	}
}

// onePerPage serves the officers fixture one officer a page, whatever the
// client asks for, as a server with a low cap would.
func onePerPage(t *testing.T) http.HandlerFunc {
	officers := []string{"DOE, Jane Elizabeth", "SMITH, Robert", "BROWN, Alice"}
	return func(w http.ResponseWriter, r *http.Request) {
		start, _ := strconv.Atoi(r.URL.Query().Get("start_index"))
		items := "[]"
		if start < len(officers) {
			items = fmt.Sprintf(`[{"name":%q,"officer_role":"director","appointed_on":"2019-03-14"}]`, officers[start])
		}
		body(200, fmt.Sprintf(`{"items":%s,"items_per_page":1,"start_index":%d,"total_results":3}`, items, start))(w, r)
	}
}

func TestCorporateOfficersAndPSCsAreNotPeople(t *testing.T) {
	routes := fixtureRoutes(t)
	routes["/company/12345678/officers"] = body(200, `{"items":[
		{"name":"ACME SECRETARIES LIMITED","officer_role":"corporate-secretary"},
		{"name":"ACME NOMINEES LIMITED","officer_role":"corporate-nominee-director"},
		{"name":"KHAN, Priya","officer_role":"director"}],"total_results":3}`)
	api := newFakeAPI(t, routes)
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"KHAN, Priya (director)", "Doe, Jane Elizabeth (person-with-significant-control)"}
	if got := names(res.Executives); !slices.Equal(got, want) {
		t.Fatalf("people = %q, want %q", got, want)
	}
}

func TestProfileDecodesLeniently(t *testing.T) {
	routes := fixtureRoutes(t)
	routes["/company/12345678"] = body(200, `{"company_name":"ACME WIDGETS LIMITED","company_number":"12345678",
		"accounts":{"accounting_reference_date":{"day":31,"month":12}},"brand_new_member":{"x":[1,2]}}`)
	api := newFakeAPI(t, routes)
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil || res.Status != schemas.StatusOK {
		t.Fatalf("lookup = %+v, %v", res, err)
	}
}

func TestFailuresAreClassified(t *testing.T) {
	html := `<!DOCTYPE html><html><body><h1>Sorry</h1></body></html>`
	tests := []struct {
		name       string
		answer     http.HandlerFunc
		class      failure.Class
		retryAfter time.Duration
	}{
		{"401 is an auth failure", body(401, `{"error":"Invalid Authorization","type":"ch:service"}`), failure.Auth, 0},
		{"403 is an auth failure", body(403, `{"error":"Forbidden"}`), failure.Auth, 0},
		{"429 with a reset header waits until the reset", body(429, ``, "X-Ratelimit-Reset", itoa(testNow.Unix()+120)), failure.RateLimited, 120 * time.Second},
		{"429 with Retry-After waits that long", body(429, ``, "Retry-After", "30", "X-Ratelimit-Reset", itoa(testNow.Unix()+120)), failure.RateLimited, 30 * time.Second},
		{"429 without any hint leaves the wait to routing", body(429, ``), failure.RateLimited, 0},
		{"503 is transient", body(503, `{"errors":[{"error":"service-unavailable"}]}`), failure.Transient, 0},
		{"500 with an HTML page is transient", body(500, html), failure.Transient, 0},
		{"400 is permanent", body(400, `{"errors":[{"error":"invalid-parameter"}]}`), failure.Permanent, 0},
		{"an HTML page with 200 is a bad response", body(200, html), failure.BadResponse, 0},
		{"a truncated JSON body is a bad response", body(200, `{"company_name":"ACME`), failure.BadResponse, 0},
		{"a profile without a company number is a bad response", body(200, `{}`), failure.BadResponse, 0},
		{"a server that never answers times out as transient", hang, failure.Transient, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]http.HandlerFunc{"/company/12345678": tt.answer})
			c := newTestClient(t, api.URL, func(c *Config) { c.Timeout = 50 * time.Millisecond })
			res, err := c.Lookup(context.Background(), byNumber("12345678"))
			if res != nil {
				t.Fatalf("result %+v alongside an error", res)
			}
			wantClass(t, err, tt.class)
			if got := failure.RetryAfterOf(err); got != tt.retryAfter {
				t.Fatalf("RetryAfter = %s, want %s", got, tt.retryAfter)
			}
		})
	}
}

// hang answers only when the client gives up.
func hang(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func TestTheCallersDeadlineIsTransient(t *testing.T) {
	api := newFakeAPI(t, map[string]http.HandlerFunc{"/company/12345678": hang})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := newTestClient(t, api.URL, nil).Lookup(ctx, byNumber("12345678"))
	wantClass(t, err, failure.Transient)
}

func TestARefusedConnectionIsTransient(t *testing.T) {
	api := newFakeAPI(t, nil)
	api.Close()
	_, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	wantClass(t, err, failure.Transient)
}

func TestErrorsSayWhichCallFailed(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{"a failed officer list names the company", "/company/12345678/officers", "fetch officers for 12345678: transient: get /company/12345678/officers: http 503: service-unavailable"},
		{"a failed PSC list names the company", "/company/12345678/persons-with-significant-control", "fetch persons with significant control for 12345678"},
		{"a failed profile names the company", "/company/12345678", "fetch profile for 12345678"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := fixtureRoutes(t)
			routes[tt.path] = body(503, `{"errors":[{"error":"service-unavailable"}]}`)
			_, err := newTestClient(t, newFakeAPI(t, routes).URL, nil).Lookup(context.Background(), byNumber("12345678"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestAnAPIKeyEchoedByTheServerIsScrubbed(t *testing.T) {
	api := newFakeAPI(t, map[string]http.HandlerFunc{
		"/company/12345678": body(400, `{"error":"key `+testKey+` is not valid here"}`),
	})
	_, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	wantClass(t, err, failure.Permanent)
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Fatalf("err = %v, want the echoed key replaced", err)
	}
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
	c := newTestClient(t, api.URL, func(c *Config) { c.CostPerCall = 0.002 })
	res, err := c.Lookup(context.Background(), byName("Acme Widgets"))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.CostUSD-0.008) > 1e-12 {
		t.Fatalf("cost = %g for %d calls, want 0.008", res.CostUSD, res.APICalls)
	}
}

func ptr(s string) *string { return &s }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
