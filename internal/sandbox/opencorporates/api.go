package opencorporates

import (
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// defaultPerPage is the real API's page size.
const defaultPerPage = 30

// Prefix is the path the API is served under, as
// https://api.opencorporates.com is.
const Prefix = "/opencorporates"

// server answers the API's routes from the dataset.
type server struct {
	meter       *quota.Meter
	maxPageSize int
}

// Mount adds the API's routes under Prefix to mux: meter enforces the
// per-token quota (nil: none) and maxPageSize caps per_page.
func Mount(mux *http.ServeMux, meter *quota.Meter, maxPageSize int) {
	s := &server{meter: meter, maxPageSize: maxPageSize}
	mux.Handle("GET "+Prefix+"/v0.4/companies/search", s.oc(s.search))
	mux.Handle("GET "+Prefix+"/v0.4/companies/gb/{number}", s.oc(s.company))
	mux.Handle(Prefix+"/", s.oc(noRoute))
}

// oc wraps an OpenCorporates route with its token check (the api_token
// query parameter) and the per-token quota. The real quotas are per day
// and month, reset at midnight UTC; the sandbox counts one configurable
// window from the token's first call, and counts nothing unless one is
// configured.
func (s *server) oc(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := r.URL.Query().Get("api_token")
		if token == "" || token == respond.RejectedKey {
			Unauthorized(w)
			return
		}
		if s.meter.Admit(w, token) {
			h(w, r)
		}
	})
}

func (s *server) company(w http.ResponseWriter, r *http.Request) {
	c, ok := dataset.Lookup(strings.ToUpper(r.PathValue("number")))
	if !ok {
		respond.WriteRaw(w, http.StatusNotFound, NotFoundBody)
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
		respond.WriteRaw(w, http.StatusBadRequest, BadRequestBody)
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
	lo, hi := respond.Page(len(hits), start, perPage)
	env.Results.Companies = make([]companyItem, 0, hi-lo)
	for _, h := range hits[lo:hi] {
		env.Results.Companies = append(env.Results.Companies, companyItem{Company: companyOf(*h.Company, false)})
	}
	respond.WriteJSON(w, http.StatusOK, env)
}
