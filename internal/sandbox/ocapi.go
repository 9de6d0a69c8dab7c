package sandbox

import (
	"net/http"
	"strconv"
	"strings"
)

// The OpenCorporates error bodies.
const (
	ocUnauthorizedBody = `{"error":{"message":"Invalid Api Token. Please check your OpenCorporates account"}}`
	ocNotFoundBody     = `{"error":{"message":"No company found with that jurisdiction and company number"}}`
	ocNoRouteBody      = `{"error":{"message":"Not found"}}`
	ocUnavailableBody  = `{"error":{"message":"Service temporarily unavailable"}}`
	ocBadRequestBody   = `{"error":{"message":"Invalid parameters"}}`
	ocQuotaBody        = `{"error":{"message":"API rate limit exceeded for your account"}}`
)

// ocDefaultPerPage is the real API's page size.
const ocDefaultPerPage = 30

// oc wraps an OpenCorporates route with its token check (the api_token
// query parameter) and the per-token quota. The real quotas are per day
// and month, reset at midnight UTC; the sandbox counts one configurable
// window from the token's first call, and counts nothing unless one is
// configured.
func (s *Server) oc(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := r.URL.Query().Get("api_token")
		if token == "" || token == rejectedKey {
			ocUnauthorized(w)
			return
		}
		if s.admit(w, ProviderOpenCorporates, token) {
			h(w, r)
		}
	})
}

func ocUnavailable(w http.ResponseWriter) {
	writeRaw(w, http.StatusServiceUnavailable, ocUnavailableBody)
}

func ocUnauthorized(w http.ResponseWriter) {
	writeRaw(w, http.StatusUnauthorized, ocUnauthorizedBody)
}

// ocQuotaSpent answers as OpenCorporates does once the daily or monthly
// quota is used up: 403, not 429, and no header saying when it resets
// (midnight UTC), so the wait is not sent.
func ocQuotaSpent(w http.ResponseWriter, _ quota) {
	writeRaw(w, http.StatusForbidden, ocQuotaBody)
}

func ocNoRoute(w http.ResponseWriter, _ *http.Request) {
	writeRaw(w, http.StatusNotFound, ocNoRouteBody)
}

func (s *Server) ocCompany(w http.ResponseWriter, r *http.Request) {
	c, ok := s.data.byNumber[strings.ToUpper(r.PathValue("number"))]
	if !ok {
		writeRaw(w, http.StatusNotFound, ocNotFoundBody)
		return
	}
	var env ocCompanyEnvelope
	env.APIVersion = ocAPIVersion
	env.Results.Company = ocCompanyOf(c, true)
	writeJSON(w, http.StatusOK, env)
}

func (s *Server) ocSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, okPage := intParam(q, "page", 1)
	perPage, okPer := intParam(q, "per_page", ocDefaultPerPage)
	text := strings.TrimSpace(q.Get("q"))
	if !okPage || !okPer || page == 0 || perPage == 0 || text == "" {
		writeRaw(w, http.StatusBadRequest, ocBadRequestBody)
		return
	}
	perPage = min(perPage, s.cfg.MaxPageSize)
	var hits []hit
	if j := q.Get("jurisdiction_code"); j == "" || j == "gb" {
		hits = s.data.search(text)
	}
	var env ocSearchEnvelope
	env.APIVersion = ocAPIVersion
	env.Results.Page, env.Results.PerPage, env.Results.TotalCount = page, perPage, len(hits)
	env.Results.TotalPages = (len(hits) + perPage - 1) / perPage
	start := len(hits) // a page far past the end, without overflowing
	if page-1 <= len(hits)/perPage {
		start = (page - 1) * perPage
	}
	lo, hi := window(len(hits), start, perPage)
	env.Results.Companies = make([]ocCompanyItem, 0, hi-lo)
	for _, h := range hits[lo:hi] {
		env.Results.Companies = append(env.Results.Companies, ocCompanyItem{Company: ocCompanyOf(*h.company, false)})
	}
	writeJSON(w, http.StatusOK, env)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
