package opencorporates

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/registermatch"
	"github.com/leadgen/leadgen/schemas"
)

// lookup is one Lookup call; it counts the HTTP calls it makes.
type lookup struct {
	c     *Client
	calls int32
}

func (l *lookup) get(ctx context.Context, path string, query url.Values, out any) error {
	l.calls++
	return l.c.get(ctx, path, query, out)
}

// Search searches the GB companies for name, best scored first.
func (l *lookup) Search(ctx context.Context, name string) ([]registermatch.Hit, error) {
	var page searchEnvelope
	q := url.Values{"q": {name}, "jurisdiction_code": {"gb"}, "order": {"score"}}
	if err := l.get(ctx, "/companies/search", q, &page); err != nil {
		return nil, err
	}
	companies := make([]company, len(page.Results.Companies))
	for i, c := range page.Results.Companies {
		companies[i] = c.Company
	}
	return hitsOf(companies), nil
}

// Fetch reads the matched company with its embedded officers; a separate
// officers endpoint is not confirmed to exist.
func (l *lookup) Fetch(ctx context.Context, m match) (*schemas.DiscoveryResult, error) {
	var env companyEnvelope
	if err := l.get(ctx, "/companies/gb/"+url.PathEscape(m.Number), nil, &env); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return l.NotFound(0), nil
		}
		return nil, fmt.Errorf("fetch company %s: %w", m.Number, err)
	}
	c := env.Results.Company
	if c.CompanyNumber == "" {
		return nil, failure.New(failure.BadResponse, fmt.Errorf("fetch company %s: body has no company_number", m.Number))
	}
	return l.found(m, c, persons(c.Officers)), nil
}

func (l *lookup) found(m match, c company, ps []person) *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Status: schemas.StatusOK, Layer: schemas.LayerSecondary,
		Executives: registermatch.Executives(m.Score, ps), Company: companyProfile(c),
		Confidence: registermatch.Confidence(m.Score, ps),
		APICalls:   l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
	}
}

func (l *lookup) NotFound(bestScore float64) *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Status: schemas.StatusNotFound, Layer: schemas.LayerSecondary,
		Executives: []schemas.Executive{}, Confidence: registermatch.NotFound(bestScore),
		APICalls: l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
	}
}

// companyProfile keeps the facts OpenCorporates states plainly. Its
// status is lower-cased to read like Companies House's ("Active" →
// "active"); its company type and SIC classes (four digits, where
// Companies House gives five) are left out rather than half-converted.
func companyProfile(c company) *schemas.CompanyProfile {
	return &schemas.CompanyProfile{
		Name: strings.TrimSpace(c.Name), Number: optional(c.CompanyNumber),
		Status:         optional(strings.ToLower(strings.TrimSpace(c.CurrentStatus))),
		IncorporatedOn: optional(c.IncorporationDate), Address: optional(strings.TrimSpace(c.RegisteredAddressInFull)),
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
