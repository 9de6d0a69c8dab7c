package leadview

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/leadgen/leadgen/schemas"
)

// Table writes leads as fixed-width rows, one per lead version, so a live
// view lines up without buffering.
type Table struct {
	w      io.Writer
	header bool
}

// NewTable writes to w.
func NewTable(w io.Writer) *Table { return &Table{w: w} }

const rowFormat = "%-12s %-36s %-11s %5s %3s  %-28s %s\n"

// Write adds one lead version (or tombstone).
func (t *Table) Write(ev Event) error {
	if !t.header {
		if _, err := fmt.Fprintf(t.w, rowFormat, "LEAD KEY", "COMPANY", "STATUS", "SCORE", "VER", "PROVIDERS", "PEOPLE"); err != nil {
			return err
		}
		t.header = true
	}
	if ev.Lead == nil {
		_, err := fmt.Fprintf(t.w, rowFormat, clip(ev.Key, 12), "(erased)", "", "", "", "", "")
		return err
	}
	l := ev.Lead
	_, err := fmt.Fprintf(t.w, rowFormat, printable(clip(l.LeadKey, 12)), printable(clip(l.CompanyName, 36)),
		printable(clip(deref(l.CompanyStatus), 11)), fmt.Sprintf("%.1f", l.LeadScore), fmt.Sprint(l.Version),
		printable(clip(providers(l), 28)), printable(people(l.Executives, 3)+notes(l.Notes)))
	return err
}

// printable replaces control and format characters with spaces: a lead's
// text comes from APIs and web pages, and an escape sequence or a
// bidirectional override in it must not reach the operator's terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
}

// notes are the providers' notes on what they left out, after the people:
// " [website: robots.txt of https://acme.example disallows /team for leadgen]".
func notes(ns []schemas.LeadNote) string {
	var s strings.Builder
	for _, n := range ns {
		fmt.Fprintf(&s, " [%s: %s]", n.Provider, n.Note)
	}
	return s.String()
}

// providers says how many providers answered, and names the failed ones.
func providers(l *schemas.EnrichedLead) string {
	s := fmt.Sprintf("%d/%d ok", len(l.ProvidersOK), len(l.ProvidersOK)+len(l.ProvidersFailed))
	if len(l.ProvidersFailed) > 0 {
		s += ", failed: " + strings.Join(l.ProvidersFailed, ",")
	}
	return s
}

// people names the first n people with their role and, for a person with
// significant control, their control in words.
func people(execs []schemas.Executive, n int) string {
	var names []string
	for i, e := range execs {
		if i == n {
			names = append(names, fmt.Sprintf("+%d more", len(execs)-n))
			break
		}
		about := e.Role
		if c := control(e.NaturesOfControl); c != "" {
			about += "; " + c
		}
		names = append(names, fmt.Sprintf("%s (%s)", e.Name, about))
	}
	if len(names) == 0 {
		return "-"
	}
	return strings.Join(names, "; ")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// JSON writes one JSON object per lead version, with the Avro field names.
type JSON struct{ enc *json.Encoder }

// NewJSON writes to w.
func NewJSON(w io.Writer) *JSON { return &JSON{enc: json.NewEncoder(w)} }

// Write encodes one lead version, or a tombstone as {"lead_key":K,"erased":true}.
func (j *JSON) Write(ev Event) error {
	if ev.Lead == nil {
		return j.enc.Encode(map[string]any{"lead_key": ev.Key, "erased": true})
	}
	return j.enc.Encode(view(ev.Lead))
}

type personView struct {
	Name           string   `json:"name"`
	NormalizedName string   `json:"normalized_name"`
	Role           string   `json:"role"`
	AppointedOn    *string  `json:"appointed_on"`
	ResignedOn     *string  `json:"resigned_on"`
	SourceRef      *string  `json:"source_ref"`
	SourceRefs     []string `json:"source_refs"`
	Sources        []string `json:"sources"`
	Confidence     float64  `json:"confidence"`
	// BirthMonth and BirthYear are null unless the register gave both.
	BirthMonth       *int32   `json:"birth_month"`
	BirthYear        *int32   `json:"birth_year"`
	NaturesOfControl []string `json:"natures_of_control"`
}

type leadView struct {
	LeadKey         string             `json:"lead_key"`
	RequestID       string             `json:"request_id"`
	CompanyName     string             `json:"company_name"`
	CompanyNumber   *string            `json:"company_number"`
	CompanyStatus   *string            `json:"company_status"`
	Executives      []personView       `json:"executives"`
	ProvidersOK     []string           `json:"providers_ok"`
	ProvidersFailed []string           `json:"providers_failed"`
	Complete        bool               `json:"complete"`
	LeadScore       float64            `json:"lead_score"`
	Components      map[string]float64 `json:"score_components"`
	Version         int64              `json:"version"`
	UpdatedAt       time.Time          `json:"updated_at"`
	CostUSD         float64            `json:"cost_usd"`
	Notes           []noteView         `json:"notes"`
}

type noteView struct {
	Provider string `json:"provider"`
	Note     string `json:"note"`
}

func view(l *schemas.EnrichedLead) leadView {
	v := leadView{LeadKey: l.LeadKey, RequestID: l.RequestID, CompanyName: l.CompanyName, CompanyNumber: l.CompanyNumber,
		CompanyStatus: l.CompanyStatus, ProvidersOK: nonNil(l.ProvidersOK), ProvidersFailed: nonNil(l.ProvidersFailed),
		Complete: l.Complete, LeadScore: l.LeadScore, Version: l.Version, UpdatedAt: l.UpdatedAt, CostUSD: l.CostUSD,
		Executives: []personView{}, Notes: []noteView{},
		Components: map[string]float64{
			"official_source": l.ScoreComponents.OfficialSource, "cross_source_agreement": l.ScoreComponents.CrossSourceAgreement,
			"web_presence": l.ScoreComponents.WebPresence, "company_status": l.ScoreComponents.CompanyStatus,
		}}
	for _, e := range l.Executives {
		v.Executives = append(v.Executives, personView{Name: e.Name, NormalizedName: e.NormalizedName, Role: e.Role,
			AppointedOn: e.AppointedOn, ResignedOn: e.ResignedOn, SourceRef: e.SourceRef, SourceRefs: nonNil(e.SourceRefs), Sources: nonNil(e.Sources),
			Confidence: e.Confidence, BirthMonth: e.BirthMonth, BirthYear: e.BirthYear, NaturesOfControl: nonNil(e.NaturesOfControl)})
	}
	for _, n := range l.Notes {
		v.Notes = append(v.Notes, noteView{Provider: n.Provider, Note: n.Note})
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
