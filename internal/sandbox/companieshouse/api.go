package companieshouse

import (
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/chinsolvency"
	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
	"github.com/leadgen/leadgen/internal/sandbox/route"
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
	maxPageSize int
}

// Mount adds the API's routes under Prefix at its place, behind the
// per-key quota; maxPageSize caps items_per_page as the real API caps
// it.
func Mount(at route.Place, maxPageSize int) {
	s := &server{maxPageSize: maxPageSize}
	routes := at.Behind(route.BasicKey(Unauthorized)) // the API key as user name
	routes.HandleFunc("GET "+Prefix+"/search/companies", s.search)
	routes.HandleFunc("GET "+Prefix+"/company/{number}", s.profile)
	routes.HandleFunc("GET "+Prefix+"/company/{number}/officers", s.officers)
	routes.HandleFunc("GET "+Prefix+"/company/{number}/persons-with-significant-control", s.pscs)
	routes.HandleFunc("GET "+Prefix+"/officers/{id}/appointments", s.appointments)
	routes.HandleFunc("GET "+Prefix+"/company/{number}/insolvency", chinsolvency.Handler)
	routes.Handle(Prefix+"/", noRoute)
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
	respond.WriteJSON(w, http.StatusOK, searchPage{Items: respond.PageOf(hits, start, size, searchItemOf),
		ItemsPerPage: size, Kind: "search#companies", PageNumber: start/size + 1, StartIndex: start, TotalResults: len(hits)})
}

// companyPage finds the company of the path and reads the page asked
// for, or answers 404 or 400.
func (s *server) companyPage(w http.ResponseWriter, r *http.Request, def int) (c dataset.Company, start, size int, ok bool) {
	if c, ok = s.company(w, r); ok {
		start, size, ok = s.page(w, r, def)
	}
	return c, start, size, ok
}

// company finds the company of the path, or answers 404.
func (s *server) company(w http.ResponseWriter, r *http.Request) (dataset.Company, bool) {
	c, ok := dataset.Lookup(strings.ToUpper(r.PathValue("number")))
	if !ok {
		notFound.Write(w)
	}
	return c, ok
}

func (s *server) profile(w http.ResponseWriter, r *http.Request) {
	if c, ok := s.company(w, r); ok {
		respond.WriteJSON(w, http.StatusOK, profileOf(c))
	}
}

// officers is the company's officer list, active and resigned counted
// over all of them.
func (s *server) officers(w http.ResponseWriter, r *http.Request) {
	c, start, size, ok := s.companyPage(w, r, officersPageSize)
	if !ok {
		return
	}
	resigned := count(c.Officers, func(o dataset.Officer) bool { return o.ResignedOn != "" })
	list := officerList{Etag: etag("officers", c.Number), Kind: "officer-list", ActiveCount: len(c.Officers) - resigned,
		ResignedCount: resigned, ItemsPerPage: size, StartIndex: start, TotalResults: len(c.Officers),
		Links: selfLink{Self: "/company/" + c.Number + "/officers"}}
	list.Items = respond.PageOf(c.Officers, start, size, func(o dataset.Officer) officer { return officerOf(c, o) })
	respond.WriteJSON(w, http.StatusOK, list)
}

// pscs is the company's list of persons with significant control,
// active and ceased counted over all of them.
func (s *server) pscs(w http.ResponseWriter, r *http.Request) {
	c, start, size, ok := s.companyPage(w, r, pscPageSize)
	if !ok {
		return
	}
	ceased := count(c.PSCs, func(p dataset.PSC) bool { return p.CeasedOn != "" })
	list := pscList{ActiveCount: len(c.PSCs) - ceased, CeasedCount: ceased, ItemsPerPage: size, StartIndex: start,
		TotalResults: len(c.PSCs), Links: selfLink{Self: "/company/" + c.Number + "/persons-with-significant-control"}}
	list.Items = respond.PageOf(c.PSCs, start, size, func(p dataset.PSC) psc { return pscOf(c, p) })
	respond.WriteJSON(w, http.StatusOK, list)
}

// count is how many of items are of the kind is says.
func count[T any](items []T, is func(T) bool) int {
	n := 0
	for _, item := range items {
		if is(item) {
			n++
		}
	}
	return n
}
