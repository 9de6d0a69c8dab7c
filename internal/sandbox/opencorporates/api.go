package opencorporates

import (
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// defaultPerPage is the real API's page size.
const defaultPerPage = 30

// Prefix is the path the API is served under, as
// https://api.opencorporates.com is.
const Prefix = "/opencorporates"

// server answers the API's routes from the dataset.
type server struct {
	maxPageSize int
}

// Mount adds the API's routes under Prefix at its place, behind the
// per-token quota; maxPageSize caps per_page. The real
// quotas are per day and month, reset at midnight UTC; the sandbox
// counts one configurable window from the token's first call, and
// counts nothing unless one is configured.
func Mount(at route.Place, maxPageSize int) {
	s := &server{maxPageSize: maxPageSize}
	routes := at.Behind(apiToken)
	routes.HandleFunc("GET "+Prefix+"/v0.4/companies/search", s.search)
	routes.HandleFunc("GET "+Prefix+"/v0.4/companies/gb/{number}", s.company)
	routes.Handle(Prefix+"/", noRoute)
}

// apiToken reads the token OpenCorporates takes: the api_token query
// parameter.
func apiToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	token := r.URL.Query().Get("api_token")
	if token == "" || token == respond.RejectedKey {
		Unauthorized.Write(w)
		return "", false
	}
	return token, true
}

func (s *server) company(w http.ResponseWriter, r *http.Request) {
	c, ok := dataset.Lookup(strings.ToUpper(r.PathValue("number")))
	if !ok {
		notFound.Write(w)
		return
	}
	var env companyEnvelope
	env.APIVersion = aPIVersion
	env.Results.Company = companyOf(c, true)
	respond.WriteJSON(w, http.StatusOK, env)
}

func (s *server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, okPage := respond.IntParam(q, "page", 1)
	perPage, okPer := respond.IntParam(q, "per_page", defaultPerPage)
	text := strings.TrimSpace(q.Get("q"))
	if !okPage || !okPer || page == 0 || perPage == 0 || text == "" {
		badRequest.Write(w)
		return
	}
	perPage = min(perPage, s.maxPageSize)
	var hits []dataset.Hit
	if j := q.Get("jurisdiction_code"); j == "" || j == "gb" {
		hits = dataset.Search(text)
	}
	var env searchEnvelope
	env.APIVersion = aPIVersion
	env.Results.Page, env.Results.PerPage, env.Results.TotalCount = page, perPage, len(hits)
	env.Results.TotalPages = (len(hits) + perPage - 1) / perPage
	start := len(hits) // a page far past the end, without overflowing
	if page-1 <= len(hits)/perPage {
		start = (page - 1) * perPage
	}
	env.Results.Companies = respond.PageOf(hits, start, perPage, func(h dataset.Hit) companyItem {
		return companyItem{Company: companyOf(*h.Company, false)}
	})
	respond.WriteJSON(w, http.StatusOK, env)
}
