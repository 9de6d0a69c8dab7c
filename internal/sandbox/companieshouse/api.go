package companieshouse

import (
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The page sizes the real API uses when items_per_page is absent.
const (
	searchPageSize   = 20
	officersPageSize = 35
	pscPageSize      = 25
)

// Prefix is the path the API is served under, as
// https://api.company-information.service.gov.uk is.
const Prefix = "/companies-house"

// server answers the API's routes from the dataset.
type server struct {
	meter       *quota.Meter
	maxPageSize int
}

// Mount adds the API's routes under Prefix to mux: meter enforces the
// per-key quota (nil: none) and maxPageSize caps items_per_page as the
// real API caps it.
func Mount(mux *http.ServeMux, meter *quota.Meter, maxPageSize int) {
	s := &server{meter: meter, maxPageSize: maxPageSize}
	mux.Handle("GET "+Prefix+"/search/companies", s.ch(s.search))
	mux.Handle("GET "+Prefix+"/company/{number}", s.ch(s.profile))
	mux.Handle("GET "+Prefix+"/company/{number}/officers", s.ch(s.officers))
	mux.Handle("GET "+Prefix+"/company/{number}/persons-with-significant-control", s.ch(s.pscs))
	mux.Handle("GET "+Prefix+"/officers/{id}/appointments", s.ch(s.appointments))
	mux.Handle(Prefix+"/", s.ch(noRoute))
}

// ch wraps a Companies House route with its auth check (HTTP Basic, the
// key as user name) and the per-key quota.
func (s *server) ch(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, _, ok := r.BasicAuth()
		if !ok || key == "" || key == respond.RejectedKey {
			Unauthorized(w)
			return
		}
		if s.meter.Admit(w, key) {
			h(w, r)
		}
	})
}

// page reads start_index and items_per_page, capping the page size as
// the real API caps it.
func (s *server) page(w http.ResponseWriter, r *http.Request, def int) (start, size int, ok bool) {
	q := r.URL.Query()
	if size, ok = respond.IntParam(q, "items_per_page", def); !ok || size == 0 {
		invalid(w, "items_per_page")
		return 0, 0, false
	}
	if start, ok = respond.IntParam(q, "start_index", 0); !ok {
		invalid(w, "start_index")
		return 0, 0, false
	}
	return start, min(size, s.maxPageSize), true
}

func (s *server) search(w http.ResponseWriter, r *http.Request) {
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	if text == "" {
		invalid(w, "q")
		return
	}
	start, size, ok := s.page(w, r, searchPageSize)
	if !ok {
		return
	}
	hits := dataset.Search(text)
	lo, hi := respond.Page(len(hits), start, size)
	page := searchPage{Items: make([]searchItem, 0, hi-lo), ItemsPerPage: size, Kind: "search#companies",
		PageNumber: start/size + 1, StartIndex: start, TotalResults: len(hits)}
	for _, h := range hits[lo:hi] {
		page.Items = append(page.Items, searchItemOf(h))
	}
	respond.WriteJSON(w, http.StatusOK, page)
}

// company finds the company of the path, or answers 404.
func (s *server) company(w http.ResponseWriter, r *http.Request) (dataset.Company, bool) {
	c, ok := dataset.Lookup(strings.ToUpper(r.PathValue("number")))
	if !ok {
		respond.WriteRaw(w, http.StatusNotFound, NotFoundBody)
	}
	return c, ok
}

func (s *server) profile(w http.ResponseWriter, r *http.Request) {
	if c, ok := s.company(w, r); ok {
		respond.WriteJSON(w, http.StatusOK, profileOf(c))
	}
}

func (s *server) officers(w http.ResponseWriter, r *http.Request) {
	c, ok := s.company(w, r)
	if !ok {
		return
	}
	start, size, ok := s.page(w, r, officersPageSize)
	if !ok {
		return
	}
	list := officerList{Etag: etag("officers", c.Number), ItemsPerPage: size, Kind: "officer-list",
		Links: selfLink{Self: "/company/" + c.Number + "/officers"}, StartIndex: start, TotalResults: len(c.Officers)}
	for _, o := range c.Officers {
		if o.ResignedOn != "" {
			list.ResignedCount++
		} else {
			list.ActiveCount++
		}
	}
	lo, hi := respond.Page(len(c.Officers), start, size)
	list.Items = make([]officer, 0, hi-lo)
	for _, o := range c.Officers[lo:hi] {
		list.Items = append(list.Items, officerOf(c, o))
	}
	respond.WriteJSON(w, http.StatusOK, list)
}

func (s *server) pscs(w http.ResponseWriter, r *http.Request) {
	c, ok := s.company(w, r)
	if !ok {
		return
	}
	start, size, ok := s.page(w, r, pscPageSize)
	if !ok {
		return
	}
	list := pscList{ItemsPerPage: size, StartIndex: start, TotalResults: len(c.PSCs),
		Links: selfLink{Self: "/company/" + c.Number + "/persons-with-significant-control"}}
	for _, p := range c.PSCs {
		if p.CeasedOn != "" {
			list.CeasedCount++
		} else {
			list.ActiveCount++
		}
	}
	lo, hi := respond.Page(len(c.PSCs), start, size)
	list.Items = make([]psc, 0, hi-lo)
	for _, p := range c.PSCs[lo:hi] {
		list.Items = append(list.Items, pscOf(c, p))
	}
	respond.WriteJSON(w, http.StatusOK, list)
}
