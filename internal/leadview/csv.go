package leadview

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/registry"
	"github.com/leadgen/leadgen/schemas"
)

// profileSources are the web and social sources, in registry order, each
// with a column of its own for the person's profile address there.
var profileSources = registry.Sources().Names(provider.Web, provider.Social)

// CSVHeader names the columns WriteCSV writes, one row per person of each
// lead (the company's columns repeated on each), docs/LEADS.md describes
// them.
var CSVHeader = append([]string{"lead_key", "company_name", "company_number", "company_status", "lead_score",
	"official_source", "cross_source_agreement", "web_presence", "company_status_score", "score_explanation",
	"version", "updated_at", "providers_ok", "providers_failed",
	"person_name", "role", "seniority", "function", "appointed_on", "resigned_on", "other_directorships",
	"person_confidence", "person_sources", "control"}, profileColumns()...)

func profileColumns() []string {
	out := make([]string, len(profileSources))
	for i, s := range profileSources {
		out[i] = s + "_url"
	}
	return out
}

// WriteCSV writes the latest version of each lead, newest first, as CSV,
// one row per person and one row without a person for a lead without
// people: `leadgen leads --output csv` and the console's export write the
// same bytes for the same leads.
func WriteCSV(w io.Writer, leads []*schemas.EnrichedLead) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	for _, l := range Newest(leads) {
		if err := cw.WriteAll(csvRows(l)); err != nil {
			return fmt.Errorf("write csv rows of %s: %w", l.LeadKey, err)
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvRows(l *schemas.EnrichedLead) [][]string {
	company := companyCells(l)
	if len(l.Executives) == 0 {
		return [][]string{safeCells(append(company, make([]string, len(CSVHeader)-len(company))...))}
	}
	rows := make([][]string, len(l.Executives))
	for i := range l.Executives {
		rows[i] = safeCells(append(slices.Clone(company), personCells(&l.Executives[i])...))
	}
	return rows
}

func companyCells(l *schemas.EnrichedLead) []string {
	c := l.ScoreComponents
	return []string{l.LeadKey, l.CompanyName, opt(l.CompanyNumber), opt(l.CompanyStatus), decimal(l.LeadScore),
		decimal(c.OfficialSource), decimal(c.CrossSourceAgreement), decimal(c.WebPresence), decimal(c.CompanyStatus),
		strings.Join(l.ScoreExplanation, " "), strconv.FormatInt(l.Version, 10), l.UpdatedAt.UTC().Format(time.RFC3339),
		strings.Join(l.ProvidersOK, ","), strings.Join(l.ProvidersFailed, ",")}
}

func personCells(e *schemas.Executive) []string {
	directorships := ""
	if e.OtherDirectorships != nil {
		directorships = strconv.Itoa(int(*e.OtherDirectorships))
	}
	out := []string{e.Name, e.Role, opt(e.Seniority), opt(e.Function), opt(e.AppointedOn), opt(e.ResignedOn),
		directorships, decimal(e.Confidence), strings.Join(e.Sources, ","), control(e.NaturesOfControl)}
	for _, s := range profileSources {
		i := slices.IndexFunc(e.ProfileURLs, func(p schemas.ProfileURL) bool { return p.Source == s })
		if i < 0 {
			out = append(out, "")
		} else {
			out = append(out, e.ProfileURLs[i].URL)
		}
	}
	return out
}

func decimal(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// safeCells keeps a spreadsheet from reading a cell as a formula: text
// from web pages and APIs that starts with = + - @ or a tab or carriage
// return is written after an apostrophe, as OWASP advises for CSV files.
func safeCells(cells []string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}

func opt(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Newest sorts a copy of leads newest first (by update time, then key).
func Newest(leads []*schemas.EnrichedLead) []*schemas.EnrichedLead {
	out := slices.Clone(leads)
	slices.SortStableFunc(out, func(a, b *schemas.EnrichedLead) int {
		if c := b.UpdatedAt.Compare(a.UpdatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.LeadKey, b.LeadKey)
	})
	return out
}

// Matches reports whether l's company name or number contains text, case
// folded; an empty text matches every lead.
func Matches(l *schemas.EnrichedLead, text string) bool {
	return matchesCompany(text, l.CompanyName, opt(l.CompanyNumber), l.LeadKey)
}

// matchesCompany says whether any of a company's name, number and lead key
// contains text, in any case; every company matches an empty text.
func matchesCompany(text string, fields ...string) bool {
	text = strings.ToLower(strings.TrimSpace(text))
	if text == "" {
		return true
	}
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), text) {
			return true
		}
	}
	return false
}

// Search keeps the leads Matches(text), newest first.
func Search(leads []*schemas.EnrichedLead, text string) []*schemas.EnrichedLead {
	var out []*schemas.EnrichedLead
	for _, l := range Newest(leads) {
		if Matches(l, text) {
			out = append(out, l)
		}
	}
	return out
}

// Latest returns the leads of a latest-version map, dropping tombstones.
func Latest(latest map[string]Event) []*schemas.EnrichedLead {
	var out []*schemas.EnrichedLead
	for _, ev := range latest {
		if ev.Lead != nil {
			out = append(out, ev.Lead)
		}
	}
	return out
}
