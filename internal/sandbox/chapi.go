package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The Companies House error bodies, byte for byte where the real ones are
// documented.
const (
	chUnauthorizedBody = `{"error":"Invalid Authorization","type":"ch:service"}`
	chNotFoundBody     = `{"errors":[{"type":"ch:service","error":"company-profile-not-found"}]}`
	chNoRouteBody      = `{"errors":[{"type":"ch:service","error":"not-found"}]}`
	chUnavailableBody  = `{"errors":[{"type":"ch:service","error":"service-unavailable"}]}`
	chRateLimitedBody  = `{"errors":[{"type":"ch:service","error":"rate-limit-exceeded"}]}`
)

// The page sizes the real API uses when items_per_page is absent.
const (
	chSearchPageSize   = 20
	chOfficersPageSize = 35
	chPSCPageSize      = 25
)

// rejectedKey is the one API key the sandbox refuses, so clients can test
// their handling of a bad credential.
const rejectedKey = "invalid"

// ch wraps a Companies House route with its auth check (HTTP Basic, the
// key as user name) and the per-key quota.
func (s *Server) ch(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, _, ok := r.BasicAuth()
		if !ok || key == "" || key == rejectedKey {
			chUnauthorized(w)
			return
		}
		if s.admit(w, ProviderCompaniesHouse, key) {
			h(w, r)
		}
	})
}

func chUnavailable(w http.ResponseWriter) {
	writeRaw(w, http.StatusServiceUnavailable, chUnavailableBody)
}

func chUnauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="leadgen sandbox"`)
	writeRaw(w, http.StatusUnauthorized, chUnauthorizedBody)
}

// chUsage writes the X-Ratelimit-* headers Companies House sends on
// every answer.
func chUsage(h http.Header, q quota) {
	h.Set("X-Ratelimit-Limit", strconv.Itoa(q.limit))
	h.Set("X-Ratelimit-Remain", strconv.Itoa(q.remaining))
	h.Set("X-Ratelimit-Reset", epochHeader(q.reset))
	h.Set("X-Ratelimit-Window", formatWindow(q.window))
}

// chOverQuota is the real spent quota: 429, its headers (already set by
// chUsage) and no Retry-After.
func chOverQuota(w http.ResponseWriter, _ quota) {
	writeRaw(w, http.StatusTooManyRequests, chRateLimitedBody)
}

// chRateLimited is an injected spent quota; unlike the simulated quota it
// says how long to wait.
func chRateLimited(w http.ResponseWriter, q quota) {
	setRetryAfter(w.Header(), q)
	writeRaw(w, http.StatusTooManyRequests, chRateLimitedBody)
}

func chNoRoute(w http.ResponseWriter, _ *http.Request) {
	writeRaw(w, http.StatusNotFound, chNoRouteBody)
}

func chInvalid(w http.ResponseWriter, param string) {
	writeRaw(w, http.StatusBadRequest, fmt.Sprintf(
		`{"errors":[{"error":"invalid-parameter","location":%q,"location_type":"request-parameter","type":"ch:validation"}]}`, param))
}

// chPage reads start_index and items_per_page, capping the page size as
// the real API caps it.
func (s *Server) chPage(w http.ResponseWriter, r *http.Request, def int) (start, size int, ok bool) {
	q := r.URL.Query()
	if size, ok = intParam(q, "items_per_page", def); !ok || size == 0 {
		chInvalid(w, "items_per_page")
		return 0, 0, false
	}
	if start, ok = intParam(q, "start_index", 0); !ok {
		chInvalid(w, "start_index")
		return 0, 0, false
	}
	return start, min(size, s.cfg.MaxPageSize), true
}

func (s *Server) chSearch(w http.ResponseWriter, r *http.Request) {
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	if text == "" {
		chInvalid(w, "q")
		return
	}
	start, size, ok := s.chPage(w, r, chSearchPageSize)
	if !ok {
		return
	}
	hits := s.data.search(text)
	lo, hi := window(len(hits), start, size)
	page := chSearchPage{Items: make([]chSearchItem, 0, hi-lo), ItemsPerPage: size, Kind: "search#companies",
		PageNumber: start/size + 1, StartIndex: start, TotalResults: len(hits)}
	for _, h := range hits[lo:hi] {
		page.Items = append(page.Items, searchItem(h))
	}
	writeJSON(w, http.StatusOK, page)
}

// chCompany finds the company of the path, or answers 404.
func (s *Server) chCompany(w http.ResponseWriter, r *http.Request) (Company, bool) {
	c, ok := s.data.byNumber[strings.ToUpper(r.PathValue("number"))]
	if !ok {
		writeRaw(w, http.StatusNotFound, chNotFoundBody)
	}
	return c, ok
}

func (s *Server) chProfile(w http.ResponseWriter, r *http.Request) {
	if c, ok := s.chCompany(w, r); ok {
		writeJSON(w, http.StatusOK, profileOf(c))
	}
}

func (s *Server) chOfficers(w http.ResponseWriter, r *http.Request) {
	c, ok := s.chCompany(w, r)
	if !ok {
		return
	}
	start, size, ok := s.chPage(w, r, chOfficersPageSize)
	if !ok {
		return
	}
	list := chOfficerList{Etag: etag("officers", c.Number), ItemsPerPage: size, Kind: "officer-list",
		Links: chSelfLink{Self: "/company/" + c.Number + "/officers"}, StartIndex: start, TotalResults: len(c.Officers)}
	for _, o := range c.Officers {
		if o.ResignedOn != "" {
			list.ResignedCount++
		} else {
			list.ActiveCount++
		}
	}
	lo, hi := window(len(c.Officers), start, size)
	list.Items = make([]chOfficer, 0, hi-lo)
	for _, o := range c.Officers[lo:hi] {
		list.Items = append(list.Items, officerOf(c, o))
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) chPSCs(w http.ResponseWriter, r *http.Request) {
	c, ok := s.chCompany(w, r)
	if !ok {
		return
	}
	start, size, ok := s.chPage(w, r, chPSCPageSize)
	if !ok {
		return
	}
	list := chPSCList{ItemsPerPage: size, StartIndex: start, TotalResults: len(c.PSCs),
		Links: chSelfLink{Self: "/company/" + c.Number + "/persons-with-significant-control"}}
	for _, p := range c.PSCs {
		if p.CeasedOn != "" {
			list.CeasedCount++
		} else {
			list.ActiveCount++
		}
	}
	lo, hi := window(len(c.PSCs), start, size)
	list.Items = make([]chPSC, 0, hi-lo)
	for _, p := range c.PSCs[lo:hi] {
		list.Items = append(list.Items, pscOf(c, p))
	}
	writeJSON(w, http.StatusOK, list)
}
