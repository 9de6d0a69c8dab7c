package sandbox

import (
	"fmt"
	"net/http"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

const readmeText = `leadgen sandbox: simulated provider APIs

This is NOT a real provider. It answers with the shapes of the Companies House,
OpenCorporates, X, LinkedIn and Facebook Graph APIs, and serves company
websites, from a bundled dataset of %d fictional UK companies (websites under
.example). Every response carries X-Leadgen-Sandbox: true.

Companies House (HTTP Basic, any key but "invalid"; %s)
  GET /companies-house/search/companies?q=&items_per_page=&start_index=
  GET /companies-house/company/{number}
  GET /companies-house/company/{number}/officers?items_per_page=&start_index=
  GET /companies-house/company/{number}/persons-with-significant-control
  GET /companies-house/officers/{id}/appointments

OpenCorporates (api_token query parameter, any token but "invalid"; %s)
  GET /opencorporates/v0.4/companies/gb/{number}
  GET /opencorporates/v0.4/companies/search?q=&page=&per_page=

X API v2 (Authorization: Bearer, any token but "invalid"; %s)
  GET /x/2/users/by?usernames=a,b,c&user.fields=
  GET /x/2/users/by/username/{username}
  GET /x/2/tweets/search/recent?query=url:"domain"&max_results=10&expansions=author_id

LinkedIn REST (Bearer token, LinkedIn-Version: YYYYMM, X-Restli-Protocol-Version: 2.0.0;
  a token starting "noperm-" lacks rw_organization_admin: 403 ACCESS_DENIED; %s)
  GET /linkedin/rest/organizations?q=vanityName&vanityName=
  GET /linkedin/rest/organizations/{id}
  POST /linkedin/oauth/v2/accessToken  grant_type=refresh_token&refresh_token=&client_id=&client_secret=
    (any refresh token or secret but "invalid"; tokens last 60 days)

Facebook Graph (access_token query parameter, any token but "invalid"; any vNN.0;
  %s)
  GET /facebook/{version}/pages/search?q=&fields=
  GET /facebook/{version}/{page-id}?fields=

Company websites (https://{host}/{path} is served at /website/{host}/{path})
  GET /website/{domain}/  /about  /team  /leadership

Companies House streaming API (HTTP Basic, the stream key as user name; endless
  NDJSON with blank heartbeat lines; ?timepoint=N resumes, 416 when too old)
  GET /companies-house-stream/officers
  GET /companies-house-stream/persons-with-significant-control
  GET /companies-house-stream/companies

Faults per provider (companies_house, opencorporates, x, linkedin, facebook,
website, companies_house_stream); rates 0..1 summing to at most 1, absent members unchanged on PUT:
  {"status_5xx":0.05,"timeout":0.01,"rate_limited":0.02,"unauthorized":0,
   "malformed":0.01,"slow_body":0.01,"first_calls_rate_limited":0,
   "retry_after":"45s","latency":"200ms"}
first_calls_rate_limited answers the first N calls of every path as
rate_limited does, then serves the path.
  GET /_sandbox/faults
  PUT /_sandbox/faults             (every provider at once)
  GET /_sandbox/faults/{provider}
  PUT /_sandbox/faults/{provider}
Knobs, the shorthand for every provider's latency and status_5xx
(JSON {"latency":"200ms","error_rate":0.05}):
  GET /_sandbox/knobs
  PUT /_sandbox/knobs
`

func (s *Server) readme(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, readmeText, dataset.Len(), s.meters[ProviderCompaniesHouse], s.meters[ProviderOpenCorporates],
		s.meters[ProviderX], s.meters[ProviderLinkedIn], s.meters[ProviderFacebook])
}
