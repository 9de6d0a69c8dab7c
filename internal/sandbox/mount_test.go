package sandbox

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/website"
)

// TestEveryProviderIsMountedAndAnswersItsDocumentedExample calls each
// provider package through the Server, under its prefix, and compares
// the answer with the documented example response it follows, so a
// provider left out of the Server, or mounted where clients do not look,
// fails here.
func TestEveryProviderIsMountedAndAnswersItsDocumentedExample(t *testing.T) {
	examples := map[string]struct {
		fixture, target string
		ignore          []string
	}{
		ProviderCompaniesHouse: {"companies_house/company_profile.json", CompaniesHousePrefix + "/company/12345678", nil},
		ProviderOpenCorporates: {"opencorporates/company.json", OpenCorporatesPrefix + "/v0.4/companies/gb/12345678?api_token=t", ocUnused},
		ProviderX:              {"x/user_by_username.json", XPrefix + "/2/users/by/username/acmewidgets", nil},
		ProviderLinkedIn: {"linkedin/organizations_finder_vanity_name.json",
			LinkedInPrefix + "/rest/organizations?q=vanityName&vanityName=acme-widgets", []string{"logoV2"}},
		ProviderFacebook: {"facebook/pages_search.json", FacebookPrefix + "/v25.0/pages/search?q=acme+widgets&fields=id,name,location,link&access_token=t",
			[]string{"state", "latitude", "longitude", "next"}},
		ProviderWebsite: {"website/organization_graph.html", website.ServedAt(aGraphSite(t)) + "/", nil},
		// A stream event's data is the resource of its kind; the fixture's
		// is a filing, the officers stream's an appointment.
		ProviderCompaniesHouseStream: {"companies_house/stream_event.json", CompaniesHouseStreamPrefix + "/officers", []string{"data"}},
	}
	for _, name := range Providers() {
		t.Run(name, func(t *testing.T) {
			ex, ok := examples[name]
			if !ok {
				t.Fatalf("%s has no documented example to answer", name)
			}
			s := newServer(t, Config{})
			if name == ProviderCompaniesHouseStream {
				wantShape(t, ex.fixture, firstStreamLine(t, s, ex.target), ex.ignore)
				if got := len(s.CallTimes(name)); got != 1 {
					t.Fatalf("%s logged %d calls of %s, want 1", ex.target, got, name)
				}
				return
			}
			send := call // a bearer token and LinkedIn's headers; the others ignore them
			if name == ProviderCompaniesHouse {
				send = get // HTTP Basic
			}
			rec := send(t, s, ex.target, testKey)
			wantStatus(t, rec, 200)
			if got := len(s.CallTimes(name)); got != 1 {
				t.Fatalf("%s logged %d calls of %s, want the one made under its prefix", ex.target, got, name)
			}
			if name != ProviderWebsite {
				wantShape(t, ex.fixture, rec.Body.Bytes(), ex.ignore)
				return
			}
			terms := schemaTerms(t, rec.Body.String())
			for term := range schemaTerms(t, string(readFixture(t, ex.fixture))) {
				if (term == "Organization" || term == "Person") && !terms[term] {
					t.Errorf("the site's home page has no %s, which %s shows", term, docOf(t, ex.fixture))
				}
			}
		})
	}
}

// aGraphSite is the first company whose site has the fixture's shape: an
// @graph of the organization and its people on the home page.
func aGraphSite(t *testing.T) *Company {
	t.Helper()
	for _, c := range Companies() {
		if PresenceOf(c).Website && dataset.ShapeOf(&c) == dataset.ShapeGraph {
			return &c
		}
	}
	t.Fatal("no site has the fixture's shape")
	return nil
}

// firstStreamLine opens a stream of s at target, which never ends, and
// returns its first event.
func firstStreamLine(t *testing.T, s *Server, target string) []byte {
	t.Helper()
	srv := httptest.NewServer(s)
	defer srv.Close()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(testKey, "")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", target, resp.Status)
	}
	line, err := bufio.NewReader(resp.Body).ReadBytes('\n')
	if err != nil {
		t.Fatalf("read the first event of %s: %v", target, err)
	}
	return line
}
