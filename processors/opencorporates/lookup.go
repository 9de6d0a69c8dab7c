package opencorporates

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/companynumber"
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

// resolve turns the request into a company number: the request's own, or
// the best search result for its name.
func (l *lookup) resolve(ctx context.Context, req *schemas.CompanyRequest) (match, bool, error) {
	if req.CompanyNumber != nil && strings.TrimSpace(*req.CompanyNumber) != "" {
		n, ok := companynumber.Normalize(*req.CompanyNumber)
		if !ok {
			return match{}, false, failure.New(failure.Permanent, fmt.Errorf("company number %q is not a gb registry number", *req.CompanyNumber))
		}
		return match{Number: n, Score: 1}, true, nil
	}
	name := strings.TrimSpace(req.CompanyName)
	if name == "" {
		return match{}, false, failure.New(failure.Permanent, errors.New("request has neither a company name nor a number"))
	}
	var page searchEnvelope
	q := url.Values{"q": {name}, "jurisdiction_code": {"gb"}, "order": {"score"}}
	if err := l.get(ctx, "/companies/search", q, &page); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return match{}, false, nil
		}
		return match{}, false, fmt.Errorf("search companies for %q: %w", name, err)
	}
	companies := make([]company, len(page.Results.Companies))
	for i, c := range page.Results.Companies {
		companies[i] = c.Company
	}
	m, ok := bestMatch(companies, name)
	return m, ok, nil
}

// fetch reads the matched company with its embedded officers; a separate
// officers endpoint is not confirmed to exist.
func (l *lookup) fetch(ctx context.Context, m match) (*schemas.DiscoveryResult, error) {
	var env companyEnvelope
	if err := l.get(ctx, "/companies/gb/"+url.PathEscape(m.Number), nil, &env); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return l.notFound(0), nil
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

func (l *lookup) notFound(bestScore float64) *schemas.DiscoveryResult {
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
