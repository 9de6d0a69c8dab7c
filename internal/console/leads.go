package console

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/schemas"
)

// history is every version of every lead in the leads topic; an erased
// lead (tombstone) is dropped with its versions.
type history map[string][]*schemas.EnrichedLead

func (s *Server) readLeads(r *http.Request) (history, error) {
	ctx, cancel := s.bounded(r)
	defer cancel()
	h := history{}
	err := leadview.Read(ctx, s.cfg.Opts, s.cfg.Names.Leads(), false, func(ev leadview.Event) {
		if ev.Lead == nil {
			delete(h, ev.Key)
			return
		}
		h[ev.Key] = append(h[ev.Key], ev.Lead)
	})
	if err != nil {
		return nil, fmt.Errorf("read leads: %w", err)
	}
	return h, nil
}

// latest is each lead's newest version.
func (h history) latest() []*schemas.EnrichedLead {
	var out []*schemas.EnrichedLead
	for _, vs := range h {
		out = append(out, vs[len(vs)-1])
	}
	return out
}

type leadsData struct {
	Query string
	Leads []*schemas.EnrichedLead
}

func (s *Server) leads(w http.ResponseWriter, r *http.Request) {
	h, err := s.readLeads(r)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, err)
		return
	}
	q := r.URL.Query().Get("q")
	s.render(w, "leads", page{Title: "Leads", Nav: "leads", Data: leadsData{Query: q, Leads: leadview.Search(h.latest(), q)}})
}

// leadsCSV exports the leads the search shows, as `leads --output csv`.
func (s *Server) leadsCSV(w http.ResponseWriter, r *http.Request) {
	h, err := s.readLeads(r)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="leads.csv"`)
	if err := leadview.WriteCSV(w, leadview.Search(h.latest(), r.URL.Query().Get("q"))); err != nil {
		s.cfg.Logger.Warn("console csv export", "err", err)
	}
}

// shownVersions is how many versions a lead's page sets side by side.
const shownVersions = 4

type leadData struct {
	Lead     *schemas.EnrichedLead
	Versions []version
}

func (s *Server) lead(w http.ResponseWriter, r *http.Request) {
	h, err := s.readLeads(r)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, err)
		return
	}
	vs, ok := h[r.PathValue("key")]
	if !ok {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no lead %q", r.PathValue("key")))
		return
	}
	versions := compare(vs)
	if len(versions) > shownVersions {
		versions = versions[len(versions)-shownVersions:]
	}
	slices.Reverse(versions)
	s.render(w, "lead", page{Title: vs[len(vs)-1].CompanyName, Nav: "leads", Data: leadData{Lead: vs[len(vs)-1], Versions: versions}})
}
