package leadview

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

// CSVHeader names the columns WriteCSV writes, one row per lead.
var CSVHeader = []string{"lead_key", "company_name", "company_number", "company_status", "lead_score",
	"official_source", "cross_source_agreement", "web_presence", "company_status_score",
	"version", "updated_at", "providers_ok", "providers_failed", "people"}

// WriteCSV writes the latest version of each lead, newest first, as CSV:
// `leadgen leads --output csv` and the console's export write the same
// bytes for the same leads.
func WriteCSV(w io.Writer, leads []*schemas.EnrichedLead) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	for _, l := range Newest(leads) {
		if err := cw.Write(csvRow(l)); err != nil {
			return fmt.Errorf("write csv row of %s: %w", l.LeadKey, err)
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvRow(l *schemas.EnrichedLead) []string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	var people []string
	for _, e := range l.Executives {
		people = append(people, fmt.Sprintf("%s (%s; %s; %.2f)", e.Name, e.Role, strings.Join(e.Sources, ","), e.Confidence))
	}
	c := l.ScoreComponents
	return []string{l.LeadKey, l.CompanyName, opt(l.CompanyNumber), opt(l.CompanyStatus), f(l.LeadScore),
		f(c.OfficialSource), f(c.CrossSourceAgreement), f(c.WebPresence), f(c.CompanyStatus),
		strconv.FormatInt(l.Version, 10), l.UpdatedAt.UTC().Format(time.RFC3339), strings.Join(l.ProvidersOK, ","),
		strings.Join(l.ProvidersFailed, ","), strings.Join(people, "; ")}
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
	text = strings.ToLower(strings.TrimSpace(text))
	if text == "" {
		return true
	}
	return strings.Contains(strings.ToLower(l.CompanyName), text) ||
		strings.Contains(strings.ToLower(opt(l.CompanyNumber)), text) || strings.Contains(strings.ToLower(l.LeadKey), text)
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
